import NetpolModel

/// The network-policy implementation whose behaviour a verdict follows (see Dataplanes in
/// docs/semantics.md).
public enum Dataplane: String, Sendable, Hashable, CaseIterable {
  /// The Kubernetes NetworkPolicy reference semantics (upstream e2e conformance).
  case kubernetes
  /// Cilium OSS (1.19 by default): NetworkPolicy, CiliumNetworkPolicy and the clusterwide kind.
  case cilium
  /// Calico as managed by AKS: NetworkPolicy only (Calico CRDs are not modelled).
  case calico
  /// Azure Network Policy Manager on Linux nodes.
  case azureNPM = "azure-npm"
  /// Azure Network Policy Manager on Windows Server 2022 nodes.
  case azureNPMWindows = "azure-npm-windows"
  /// Azure CNI Powered by Cilium without Advanced Container Networking Services.
  case azureCilium = "azure-cilium"
  /// Azure CNI Powered by Cilium with ACNS (FQDN filtering, L7 policies).
  case azureCiliumACNS = "azure-cilium-acns"

  /// The dataplane named `text` (its raw value, case-insensitively).
  public init?(name text: String) {
    self.init(rawValue: text.lowercased())
  }

  /// Whether the dataplane is a Cilium agent.
  public var isCilium: Bool {
    self == .cilium || self == .azureCilium || self == .azureCiliumACNS
  }
}

/// What a dataplane enforces: the knobs of Dataplanes and Feature support by dataplane in
/// docs/semantics.md that the engine consults.
///
/// A construct a dataplane cannot enforce is reported in the explanation's notes; where the
/// dataplane drops the whole object (Windows NPM, L7 without a proxy) the policy is not applied.
public struct DataplaneProfile: Sendable, Hashable {
  /// The dataplane described.
  public var dataplane: Dataplane
  /// Whether NetworkPolicy `ipBlock` matches pod IPs (K8s conformance: yes; Cilium: never).
  public var ipBlockMatchesPodIPs: Bool
  /// Whether CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy objects are enforced.
  public var enforcesCiliumPolicies: Bool
  /// Whether `toFQDNs` can learn names (a DNS proxy exists).
  public var enforcesFQDN: Bool
  /// Whether L7 rules (`rules.http`, `rules.dns`, ...) are enforced; when `false` a Cilium policy
  /// carrying L7 rules is rejected by the agent and not applied.
  public var enforcesL7: Bool
  /// Whether L7 rules are accepted in CiliumClusterwideNetworkPolicy (ACNS: CNP only).
  public var enforcesL7InClusterwide: Bool
  /// Whether NetworkPolicy named ports are supported (Windows NPM: the policy is not applied).
  public var supportsNamedPorts: Bool
  /// Whether `ipBlock.except` is supported (Windows NPM: the policy is not applied).
  public var supportsExcept: Bool
  /// Whether `NotIn` / `DoesNotExist` are supported (Windows NPM: the policy is not applied).
  public var supportsNegativeSelectors: Bool
  /// Whether SCTP rules are supported (Windows NPM: the policy is not applied).
  public var supportsSCTP: Bool
  /// Whether NetworkPolicy `endPort` ranges are enforced (otherwise only `port` is).
  public var supportsEndPort: Bool
  /// Whether a `**.` prefix in matchPattern spans several labels (Cilium ≥ 1.19); otherwise it
  /// acts as `*.`.
  public var doubleStarSpansLabels: Bool
  /// The Cilium version assumed (Cilium dataplanes only).
  public var ciliumVersion: CiliumVersion?
  /// Whether `enableDefaultDeny` is honoured (Cilium ≥ 1.16, see Cilium default deny in
  /// docs/semantics.md); before that every rule with entries in a direction switches it to
  /// default-deny.
  public var honoursEnableDefaultDeny: Bool

  /// The profile of `dataplane` (see Feature support by dataplane in docs/semantics.md), with
  /// `options` deciding the Cilium version where the dataplane does not fix it.
  public init(_ dataplane: Dataplane, options: EngineOptions = .init()) {
    self.dataplane = dataplane
    ipBlockMatchesPodIPs = !dataplane.isCilium
    enforcesCiliumPolicies = dataplane.isCilium
    enforcesFQDN = dataplane == .cilium || dataplane == .azureCiliumACNS
    enforcesL7 = dataplane == .cilium || dataplane == .azureCiliumACNS
    enforcesL7InClusterwide = dataplane == .cilium
    let windows = dataplane == .azureNPMWindows
    supportsNamedPorts = !windows
    supportsExcept = !windows
    supportsNegativeSelectors = !windows
    supportsSCTP = !windows
    supportsEndPort = true
    switch dataplane {
    case .cilium:
      ciliumVersion = options.ciliumVersion
    case .azureCilium, .azureCiliumACNS:
      // AKS ships Cilium ≤ 1.18 (AKS Azure CNI Powered by Cilium minimum versions), so `**.` acts
      // as `*.`.
      ciliumVersion = min(options.ciliumVersion, CiliumVersion(major: 1, minor: 18))
    default:
      ciliumVersion = nil
    }
    honoursEnableDefaultDeny =
      (ciliumVersion ?? CiliumVersion(major: 1, minor: 19)) >= CiliumVersion(major: 1, minor: 16)
    doubleStarSpansLabels =
      (ciliumVersion ?? CiliumVersion(major: 1, minor: 19))
      >= .init(
        major: 1, minor: 19)
  }

  /// Short facts about this dataplane that can change a verdict, for explanation notes.
  public var summary: [String] {
    var facts: [String] = []
    facts.append(
      ipBlockMatchesPodIPs
        ? "ipBlock matches pod IPs on \(dataplane.rawValue) (as the upstream conformance tests expect)"
        : "ipBlock/CIDR rules never match pod IPs on \(dataplane.rawValue) (see Cilium peer kinds and Kubernetes policies on Cilium in docs/semantics.md)"
    )
    if !enforcesCiliumPolicies {
      facts.append("Cilium policies are not enforced on \(dataplane.rawValue)")
    }
    if dataplane.isCilium && !enforcesFQDN {
      facts.append(
        "\(dataplane.rawValue) has no DNS proxy: toFQDNs learns nothing and L7 policies are rejected (see Dataplanes in docs/semantics.md)"
      )
    }
    if dataplane == .azureNPMWindows {
      facts.append(
        "Windows NPM does not apply a NetworkPolicy that uses named ports, SCTP, NotIn/DoesNotExist or ipBlock except (see Dataplanes in docs/semantics.md)"
      )
    }
    return facts
  }
}
