import NetpolModel

/// A policy after normalisation (see How a verdict is computed in docs/semantics.md): every
/// direction's entries with their YAML paths, selectors with Cilium key prefixes resolved and
/// namespace scoping applied.
struct CompiledPolicy: Sendable {
  /// `ns/name` or the clusterwide name.
  var name: String
  /// `NetworkPolicy`, `CiliumNetworkPolicy` or `CiliumClusterwideNetworkPolicy`.
  var kind: String
  /// The object's namespace; `nil` for the clusterwide kind.
  var namespace: String?
  /// The rules (one for a NetworkPolicy; `spec` and each `specs[i]` for Cilium).
  var rules: [CompiledRule]
  /// Whether the object is a Cilium kind.
  var isCilium: Bool
  /// Whether a NetworkPolicy's `policyTypes` was left to API-server defaulting.
  var policyTypesDefaulted: Bool = false
}

/// Which endpoints a rule applies to.
struct SubjectSelector: Sendable {
  /// Pods must be in this namespace; `nil` = any namespace (clusterwide).
  var namespace: String?
  /// The selector, matched against pod labels (NetworkPolicy) or identity labels (Cilium).
  var selector: LabelSelector?
  /// Whether `selector` is matched against Cilium identity labels.
  var usesIdentityLabels: Bool
}

/// One rule of a policy: its subject and its entries per direction.
struct CompiledRule: Sendable {
  /// The rule's path prefix: `spec` or `specs[1]`.
  var path: String
  /// Which pods the rule applies to.
  var subject: SubjectSelector
  /// Whether selecting a pod puts its ingress into default-deny.
  var isolatesIngress: Bool
  /// Whether selecting a pod puts its egress into default-deny.
  var isolatesEgress: Bool
  /// Ingress entries (allow and deny).
  var ingress: [CompiledEntry]
  /// Egress entries (allow and deny).
  var egress: [CompiledEntry]

  /// The entries of one direction.
  func entries(_ direction: PolicyType) -> [CompiledEntry] {
    direction == .ingress ? ingress : egress
  }

  /// Whether the rule isolates `direction`.
  func isolates(_ direction: PolicyType) -> Bool {
    direction == .ingress ? isolatesIngress : isolatesEgress
  }
}

/// Which peers an entry admits.
enum PeerSet: Sendable {
  /// Every peer, in and outside the cluster.
  case all
  /// Only peers matching one of these (an empty list matches nothing).
  case some([CompiledPeer])
}

/// Which ports an entry admits.
enum PortSet: Sendable {
  /// Every port and protocol (ICMP included).
  case all
  /// Only these (ICMP only through `icmps`).
  case some([CompiledPort])
}

/// One `ingress[i]` / `egressDeny[i]` entry: peers AND ports.
struct CompiledEntry: Sendable {
  /// `spec.ingress[0]`, `specs[1].egressDeny[2]`, ...
  var path: String
  /// Whether this is a deny entry (Cilium `ingressDeny` / `egressDeny`).
  var isDeny: Bool
  /// The peers.
  var peers: PeerSet
  /// The ports.
  var ports: PortSet
  /// ICMP types admitted by `icmps` (Cilium); `nil` when the entry has none.
  var icmps: [ICMPMatch]?
  /// Whether the entry came from a NetworkPolicy (affects wording only).
  var fromNetworkPolicy: Bool
}

/// One ICMP type an entry admits.
struct ICMPMatch: Sendable, Hashable {
  /// The entry's path.
  var path: String
  /// `IPv4` or `IPv6`.
  var family: String
  /// The type number; `nil` when the name is unknown (matches nothing).
  var type: Int?
  /// The type as written.
  var written: String
}

/// Namespace scoping of a Cilium endpoint selector (see Cilium selectors and namespaces in
/// docs/semantics.md).
enum EndpointScope: Sendable, Hashable {
  /// ANDed with `io.kubernetes.pod.namespace=<ns>`.
  case namespace(String)
  /// ANDed with "has a namespace": any pod (clusterwide policies).
  case anyPod
  /// Not scoped (the selector names a namespace, namespace labels or reserved labels).
  case unscoped
}

/// One peer of an entry.
enum CompiledPeer: Sendable {
  /// NetworkPolicy `podSelector` and/or `namespaceSelector`.
  case selectors(
    path: String, pod: LabelSelector?, namespace: LabelSelector?, policyNamespace: String)
  /// NetworkPolicy `ipBlock`.
  case ipBlock(path: String, cidr: IPPrefix?, except: [IPPrefix], text: String)
  /// Cilium `from/toEndpoints` (keys normalised, see `IdentityLabels`).
  case endpoints(path: String, selector: LabelSelector, scope: EndpointScope)
  /// Cilium `from/toEntities`.
  case entity(path: String, name: String)
  /// Cilium `from/toCIDR` / `toCIDRSet`.
  case cidr(path: String, cidr: IPPrefix?, except: [IPPrefix], text: String)
  /// Cilium `toFQDNs`.
  case fqdn(path: String, selector: FQDNSelector)
  /// A peer kind the inventory cannot hold (nodes, services, CIDR groups): matches nothing.
  case unmatchable(path: String, reason: String)

  /// The peer's path.
  var path: String {
    switch self {
    case .selectors(let path, _, _, _), .ipBlock(let path, _, _, _), .endpoints(let path, _, _),
      .entity(let path, _), .cidr(let path, _, _, _), .fqdn(let path, _),
      .unmatchable(let path, _):
      return path
    }
  }

  /// Whether only pods of one namespace can match, and which.
  var onlyNamespace: String? {
    switch self {
    case .selectors(_, _, let namespace, let policyNamespace):
      return namespace == nil ? policyNamespace : nil
    case .endpoints(_, _, .namespace(let namespace)): return namespace
    default: return nil
    }
  }
}

/// The port part of one port entry.
enum PortSpec: Sendable, Hashable {
  /// Every port of the protocols.
  case all
  /// `port..endPort` inclusive (a single port has both ends equal).
  case range(Int, Int)
  /// A named container port of the destination pod (lower-cased for Cilium).
  case named(String)
}

/// One port of an entry: protocols, port and optional L7 rules.
struct CompiledPort: Sendable {
  /// The port's path, e.g. `spec.ingress[0].ports[1]`.
  var path: String
  /// The protocols admitted.
  var protocols: Set<FlowProtocol>
  /// The port(s).
  var spec: PortSpec
  /// L7 rules on this port (Cilium), if any.
  var l7: L7Rules?
  /// The protocol as the user wrote it (`TCP`, `ANY`, or `TCP (default)`).
  var protocolText: String
}
