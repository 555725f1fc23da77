/// A transport protocol of a Kubernetes NetworkPolicy port (`TCP`, `UDP`, `SCTP`).
public enum L4Protocol: String, Sendable, Hashable, CaseIterable, Codable {
  /// Transmission Control Protocol.
  case tcp = "TCP"
  /// User Datagram Protocol.
  case udp = "UDP"
  /// Stream Control Transmission Protocol.
  case sctp = "SCTP"
}

/// A port given either as a number or as the name of a container port.
public enum PortValue: Sendable, Hashable {
  /// A numeric port, 1–65535.
  case number(Int)
  /// An IANA service name that must match a container port's `name`.
  case name(String)
}

/// A direction of traffic relative to the selected pod.
public enum PolicyType: String, Sendable, Hashable, CaseIterable, Codable {
  /// Traffic arriving at the selected pod.
  case ingress = "Ingress"
  /// Traffic leaving the selected pod.
  case egress = "Egress"
}

/// `networking.k8s.io/v1` `NetworkPolicyPort`.
public struct NetworkPolicyPort: Sendable, Hashable {
  /// The protocol; `nil` when omitted (the API server defaults it to TCP).
  public var `protocol`: L4Protocol?
  /// The port; `nil` means every port of the protocol.
  public var port: PortValue?
  /// The inclusive end of a port range starting at a numeric `port`.
  public var endPort: Int?

  /// Creates a port entry.
  public init(protocol: L4Protocol? = nil, port: PortValue? = nil, endPort: Int? = nil) {
    self.protocol = `protocol`
    self.port = port
    self.endPort = endPort
  }
}

/// `networking.k8s.io/v1` `IPBlock`: a CIDR minus optional exceptions.
public struct IPBlock: Sendable, Hashable {
  /// The CIDR the block covers, e.g. `10.0.0.0/8`.
  public var cidr: String
  /// CIDRs inside `cidr` that the block does not cover.
  public var except: [String]

  /// Creates an IP block.
  public init(cidr: String, except: [String] = []) {
    self.cidr = cidr
    self.except = except
  }
}

/// `networking.k8s.io/v1` `NetworkPolicyPeer`: pods by selector, namespaces, or an IP block.
public struct NetworkPolicyPeer: Sendable, Hashable {
  /// Pods selected by labels (in the policy's namespace unless `namespaceSelector` is set).
  public var podSelector: LabelSelector?
  /// Namespaces selected by labels.
  public var namespaceSelector: LabelSelector?
  /// An IP block; exclusive with the selectors.
  public var ipBlock: IPBlock?

  /// Creates a peer.
  public init(
    podSelector: LabelSelector? = nil, namespaceSelector: LabelSelector? = nil,
    ipBlock: IPBlock? = nil
  ) {
    self.podSelector = podSelector
    self.namespaceSelector = namespaceSelector
    self.ipBlock = ipBlock
  }
}

/// One ingress or egress rule of a NetworkPolicy: peers AND ports.
///
/// `peers` holds `from` for ingress rules and `to` for egress rules; `nil` means the field was
/// omitted, which (like an empty list) matches every peer.
public struct NetworkPolicyRule: Sendable, Hashable {
  /// The ports the rule allows; `nil` or empty means all ports.
  public var ports: [NetworkPolicyPort]?
  /// The peers (`from` / `to`) the rule allows; `nil` or empty means all peers.
  public var peers: [NetworkPolicyPeer]?

  /// Creates a rule.
  public init(ports: [NetworkPolicyPort]? = nil, peers: [NetworkPolicyPeer]? = nil) {
    self.ports = ports
    self.peers = peers
  }
}

/// `networking.k8s.io/v1` `NetworkPolicySpec`.
public struct NetworkPolicySpec: Sendable, Hashable {
  /// Pods in the policy's namespace the policy applies to; `{}` selects all.
  public var podSelector: LabelSelector
  /// Directions the policy isolates, as written; `nil` when omitted.
  public var policyTypes: [PolicyType]?
  /// Ingress rules as written; `nil` when omitted.
  public var ingress: [NetworkPolicyRule]?
  /// Egress rules as written; `nil` when omitted.
  public var egress: [NetworkPolicyRule]?

  /// Creates a spec.
  public init(
    podSelector: LabelSelector = .everything, policyTypes: [PolicyType]? = nil,
    ingress: [NetworkPolicyRule]? = nil, egress: [NetworkPolicyRule]? = nil
  ) {
    self.podSelector = podSelector
    self.policyTypes = policyTypes
    self.ingress = ingress
    self.egress = egress
  }

  /// The policy types in effect after API-server defaulting (Kubernetes
  /// `SetDefaults_NetworkPolicy`): the written list, or
  /// `Ingress` plus `Egress` iff `egress` is non-empty.
  public var effectivePolicyTypes: [PolicyType] {
    if let policyTypes, !policyTypes.isEmpty { return policyTypes }
    return (egress?.isEmpty ?? true) ? [.ingress] : [.ingress, .egress]
  }
}

/// A `networking.k8s.io/v1` NetworkPolicy.
public struct NetworkPolicy: Sendable, Hashable {
  /// The object's metadata.
  public var metadata: ObjectMeta
  /// The policy's spec.
  public var spec: NetworkPolicySpec

  /// Creates a NetworkPolicy.
  public init(metadata: ObjectMeta, spec: NetworkPolicySpec = NetworkPolicySpec()) {
    self.metadata = metadata
    self.spec = spec
  }
}
