import NetpolModel

/// NP011: features the chosen dataplane does not support (see Feature support by dataplane in
/// docs/semantics.md).
public struct DataplaneSupportRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP011's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP011", name: "dataplane-unsupported", severity: .warning,
    summary:
      "A kind or field the chosen dataplane (--dataplane, --cilium-version) does not enforce.",
    rationale: """
      Dataplanes differ (see Dataplanes and Feature support by dataplane in docs/semantics.md): \
      Calico and Azure NPM enforce no Cilium kinds; Azure CNI Powered by Cilium without ACNS has \
      no DNS/L7 proxy, so toFQDNs learns nothing and policies with L7 rules are rejected; ACNS \
      accepts HTTP/Kafka rules in CiliumNetworkPolicy only; Windows NPM does not translate a \
      NetworkPolicy using named ports, SCTP, NotIn/DoesNotExist or ipBlock `except` (the whole \
      policy is skipped); a leading `**.` spans several labels only from Cilium 1.19 (AKS ships \
      1.18 or older, where it acts as `*.`).
      """,
    triggeringExamples: [
      LintExample(
        """
        apiVersion: cilium.io/v2
        kind: ↓CiliumNetworkPolicy
        metadata: {name: web, namespace: demo}
        spec:
          endpointSelector: {}
          ingress: [{fromEndpoints: [{}]}]
        """, dataplane: .calico),
      LintExample(
        """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: fqdn, namespace: demo}
        spec:
          endpointSelector: {}
          egress:
          - ↓toFQDNs: [{matchName: example.com}]
        """, dataplane: .azureCilium),
      LintExample(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: demo}
        spec:
          podSelector: {}
          ingress:
          - ports: [{protocol: TCP, port: ↓http}]
        """, dataplane: .azureNPMWindows),
      LintExample(
        """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: fqdn, namespace: demo}
        spec:
          endpointSelector: {}
          egress:
          - toFQDNs: [{matchPattern: ↓"**.example.com"}]
        """, dataplane: .cilium, ciliumVersion: "1.18"),
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: fqdn, namespace: demo}
        spec:
          endpointSelector: {}
          egress:
          - toFQDNs: [{matchPattern: "**.example.com"}]
        """, dataplane: .cilium, ciliumVersion: "1.19"),
      LintExample(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: demo}
        spec:
          podSelector: {}
          ingress:
          - ports: [{protocol: TCP, port: http}]
        """, dataplane: .azureNPM),
    ])

  /// Reports every unsupported construct with its own location.
  public func check(_ context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    let profile = context.profile
    let name = context.dataplane.rawValue
    for policy in context.policies {
      switch policy.resource {
      case .cilium(let cilium):
        guard profile.enforcesCiliumPolicies else {
          findings.append(
            finding(
              policy, "kind",
              message:
                "\(cilium.kind.rawValue) is not enforced on \(name): the policy has no effect",
              explanation: Self.description.rationale,
              fix: "write it as a NetworkPolicy (netpol recipes render with --kind networkpolicy), "
                + "or choose a Cilium dataplane"))
          continue
        }
        findings += ciliumFindings(policy, cilium, context: context)
      case .networkPolicy(let networkPolicy):
        findings += windowsFindings(policy, networkPolicy, context: context)
      case .admin(let admin):
        if !profile.enforces(admin.kind) {
          findings.append(
            finding(
              policy, "kind",
              message:
                "\(admin.kind.rawValue) is not enforced on \(name): the policy has no effect",
              explanation: Self.description.rationale,
              fix: "check that the cluster's network plugin implements the policy API"))
        }
      }
    }
    return findings
  }

  /// FQDN, L7 and `**.` findings of a Cilium policy.
  private func ciliumFindings(_ policy: LoadedPolicy, _ cilium: CiliumPolicy, context: LintContext)
    -> [LintFinding]
  {
    var findings: [LintFinding] = []
    let profile = context.profile
    let name = context.dataplane.rawValue
    let version = profile.ciliumVersion.map { " (Cilium \($0))" } ?? ""
    for (rulePath, rule) in cilium.rules {
      for site in CiliumEntrySite.all(in: rule, at: rulePath, deny: false) {
        let base = site.path
        let entry = site.rule
        if entry.fqdns != nil && !profile.enforcesFQDN {
          findings.append(
            finding(
              policy, "\(base).toFQDNs",
              message: "toFQDNs is not supported on \(name) (no DNS proxy without ACNS): "
                + "the policy is rejected or learns no name",
              explanation: Self.description.rationale,
              fix: "enable ACNS (--dataplane azure-cilium-acns) or use toCIDRSet with the "
                + "names' address ranges (apply recipe allow-egress-cidr)"))
        }
        for (index, selector) in (entry.fqdns ?? []).enumerated() {
          findings += doubleStar(
            policy, selector, path: "\(base).toFQDNs[\(index)].matchPattern", context: context,
            version: version)
        }
        for (portIndex, portRule) in (entry.toPorts ?? []).enumerated() {
          guard let rules = portRule.rules else { continue }
          let path = "\(base).toPorts[\(portIndex)].rules"
          let http = !(rules.http ?? []).isEmpty || !(rules.kafka ?? []).isEmpty
          let dns = !(rules.dns ?? []).isEmpty
          if (http || dns) && !profile.enforcesL7 {
            findings.append(
              finding(
                policy, path,
                message: "L7 \(http ? "HTTP/Kafka" : "DNS") rules are not supported on \(name) "
                  + "(no L7 proxy without ACNS): the policy is rejected",
                explanation: Self.description.rationale,
                fix: "enable ACNS with the L7 option (--dataplane azure-cilium-acns), or drop "
                  + "the rules and keep the L4 allow"))
          } else if http && cilium.kind == .clusterwideNetworkPolicy
            && !profile.enforcesL7InClusterwide
          {
            findings.append(
              finding(
                policy, path,
                message: "\(name) accepts HTTP/Kafka L7 rules in CiliumNetworkPolicy only, not "
                  + "in CiliumClusterwideNetworkPolicy",
                explanation: Self.description.rationale,
                fix: "move the L7 rule into a namespaced CiliumNetworkPolicy"))
          }
          for (index, selector) in (rules.dns ?? []).enumerated() {
            findings += doubleStar(
              policy, selector, path: "\(path).dns[\(index)].matchPattern", context: context,
              version: version)
          }
        }
      }
    }
    return findings
  }

  /// A finding for a leading `**.` when the dataplane's Cilium treats it as `*.`.
  private func doubleStar(
    _ policy: LoadedPolicy, _ selector: FQDNSelector, path: String, context: LintContext,
    version: String
  ) -> [LintFinding] {
    guard let pattern = selector.matchPattern, pattern.hasPrefix("**."),
      !context.profile.doubleStarSpansLabels
    else { return [] }
    let rest = String(pattern.dropFirst(3))
    return [
      finding(
        policy, path,
        message: "\"\(pattern)\" spans several labels only from Cilium 1.19; on "
          + "\(context.dataplane.rawValue)\(version) it acts as \"*.\(rest)\" (one label)",
        explanation: Self.description.rationale,
        fix: "list the deeper names explicitly, e.g.\n- matchPattern: \"*.\(rest)\"\n"
          + "- matchPattern: \"*.*.\(rest)\"")
    ]
  }

  /// Windows NPM findings of a NetworkPolicy.
  private func windowsFindings(
    _ policy: LoadedPolicy, _ networkPolicy: NetworkPolicy, context: LintContext
  ) -> [LintFinding] {
    let profile = context.profile
    guard
      !profile.supportsNamedPorts || !profile.supportsExcept || !profile.supportsSCTP
        || !profile.supportsNegativeSelectors
    else { return [] }
    var findings: [LintFinding] = []
    func report(_ path: String, _ what: String, _ fix: String) {
      findings.append(
        finding(
          policy, path,
          message: "\(what) is not supported on \(context.dataplane.rawValue): Windows NPM skips "
            + "the whole policy",
          explanation: Self.description.rationale, fix: fix))
    }
    var selectors: [(String, LabelSelector)] = [
      ("spec.podSelector", networkPolicy.spec.podSelector)
    ]
    for site in NetworkPolicyRuleSite.all(in: networkPolicy.spec) {
      let base = site.path
      let rule = site.rule
      for (index, port) in (rule.ports ?? []).enumerated() {
        if case .name(let name) = port.port, !profile.supportsNamedPorts {
          report("\(base).ports[\(index)].port", "named port \(name)", "use the port number")
        }
        if port.protocol == .sctp && !profile.supportsSCTP {
          report("\(base).ports[\(index)].protocol", "SCTP", "drop the SCTP port")
        }
      }
      for (index, peer) in (rule.peers ?? []).enumerated() {
        let peerPath = "\(base).\(site.peerKey)[\(index)]"
        if let block = peer.ipBlock, !block.except.isEmpty, !profile.supportsExcept {
          report(
            "\(peerPath).ipBlock.except", "ipBlock except",
            "split the CIDR into the ranges you want to allow, without except")
        }
        if let selector = peer.podSelector {
          selectors.append(("\(peerPath).podSelector", selector))
        }
        if let selector = peer.namespaceSelector {
          selectors.append(("\(peerPath).namespaceSelector", selector))
        }
      }
    }
    if !profile.supportsNegativeSelectors {
      for (path, selector) in selectors {
        for (index, requirement) in selector.matchExpressions.enumerated()
        where requirement.operator == .notIn || requirement.operator == .doesNotExist {
          report(
            "\(path).matchExpressions[\(index)]", "\(requirement.operator.rawValue) selector",
            "select the wanted values with In or matchLabels")
        }
      }
    }
    return findings
  }
}
