/// The kind of a Cilium policy object.
public enum CiliumKind: String, Sendable, Hashable, CaseIterable {
  /// `CiliumNetworkPolicy`: namespaced.
  case networkPolicy = "CiliumNetworkPolicy"
  /// `CiliumClusterwideNetworkPolicy`: cluster-scoped.
  case clusterwideNetworkPolicy = "CiliumClusterwideNetworkPolicy"
}

/// A `cilium.io/v2` CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy.
public struct CiliumPolicy: Sendable, Hashable {
  /// Which of the two kinds this object is.
  public var kind: CiliumKind
  /// The object's metadata (`namespace` is `nil` for the clusterwide kind).
  public var metadata: ObjectMeta
  /// The single rule under `spec`, if written.
  public var spec: CiliumRule?
  /// The rules under `specs`, if written.
  public var specs: [CiliumRule]?

  /// Creates a Cilium policy.
  public init(
    kind: CiliumKind, metadata: ObjectMeta, spec: CiliumRule? = nil, specs: [CiliumRule]? = nil
  ) {
    self.kind = kind
    self.metadata = metadata
    self.spec = spec
    self.specs = specs
  }

  /// Every rule of the object: `spec` first, then `specs`, with their YAML paths.
  public var rules: [(path: String, rule: CiliumRule)] {
    var result: [(String, CiliumRule)] = []
    if let spec { result.append(("spec", spec)) }
    for (index, rule) in (specs ?? []).enumerated() { result.append(("specs[\(index)]", rule)) }
    return result
  }
}

/// One Cilium policy rule (`api.Rule`): a subject selector and per-direction rule lists.
public struct CiliumRule: Sendable, Hashable {
  /// Endpoints (pods) the rule applies to; exclusive with `nodeSelector`.
  public var endpointSelector: LabelSelector?
  /// Nodes the rule applies to (host policies, clusterwide kind only).
  public var nodeSelector: LabelSelector?
  /// Ingress allow entries, `nil` when omitted.
  public var ingress: [CiliumRuleEntry]?
  /// Ingress deny entries, `nil` when omitted.
  public var ingressDeny: [CiliumRuleEntry]?
  /// Egress allow entries, `nil` when omitted.
  public var egress: [CiliumRuleEntry]?
  /// Egress deny entries, `nil` when omitted.
  public var egressDeny: [CiliumRuleEntry]?
  /// Per-direction default-deny switches (Cilium 1.16+).
  public var enableDefaultDeny: DefaultDenyConfig?
  /// Free-form description; not interpreted.
  public var description: String?
  /// Labels that identify the rule.
  public var labels: [CiliumLabel]?
  /// A value copied into Hubble flows (`log.value`, Cilium 1.18+).
  public var logValue: String?

  /// Creates a rule.
  public init(
    endpointSelector: LabelSelector? = nil, nodeSelector: LabelSelector? = nil,
    ingress: [CiliumRuleEntry]? = nil, ingressDeny: [CiliumRuleEntry]? = nil,
    egress: [CiliumRuleEntry]? = nil, egressDeny: [CiliumRuleEntry]? = nil,
    enableDefaultDeny: DefaultDenyConfig? = nil, description: String? = nil,
    labels: [CiliumLabel]? = nil, logValue: String? = nil
  ) {
    self.endpointSelector = endpointSelector
    self.nodeSelector = nodeSelector
    self.ingress = ingress
    self.ingressDeny = ingressDeny
    self.egress = egress
    self.egressDeny = egressDeny
    self.enableDefaultDeny = enableDefaultDeny
    self.description = description
    self.labels = labels
    self.logValue = logValue
  }

  /// Whether the rule switches ingress to default-deny: the written value, else whether it has
  /// any ingress or ingressDeny entry (Cilium `pkg/policy/api/rule.go`).
  public var defaultDenyIngress: Bool {
    enableDefaultDeny?.ingress
      ?? (!(ingress?.isEmpty ?? true) || !(ingressDeny?.isEmpty ?? true))
  }

  /// Whether the rule switches egress to default-deny (see `defaultDenyIngress`).
  public var defaultDenyEgress: Bool {
    enableDefaultDeny?.egress
      ?? (!(egress?.isEmpty ?? true) || !(egressDeny?.isEmpty ?? true))
  }
}

/// `enableDefaultDeny`: whether a rule puts each direction into default-deny.
public struct DefaultDenyConfig: Sendable, Hashable {
  /// The ingress switch; `nil` when not written.
  public var ingress: Bool?
  /// The egress switch; `nil` when not written.
  public var egress: Bool?

  /// Creates the configuration.
  public init(ingress: Bool? = nil, egress: Bool? = nil) {
    self.ingress = ingress
    self.egress = egress
  }
}

/// A label on a Cilium rule (`{key, value, source}`).
public struct CiliumLabel: Sendable, Hashable {
  /// The label key.
  public var key: String
  /// The label value, if any.
  public var value: String?
  /// The label source, if any (e.g. `k8s`).
  public var source: String?

  /// Creates a label.
  public init(key: String, value: String? = nil, source: String? = nil) {
    self.key = key
    self.value = value
    self.source = source
  }
}

/// One entry of `ingress`, `ingressDeny`, `egress` or `egressDeny`.
///
/// The same shape serves both directions: `endpoints` is `fromEndpoints` in ingress lists and
/// `toEndpoints` in egress lists, and so on. `fqdns` and `services` exist only on egress.
/// A `nil` list was omitted; an empty list was written as `[]`.
public struct CiliumRuleEntry: Sendable, Hashable {
  /// `from/toEndpoints`: pods by label selector.
  public var endpoints: [LabelSelector]?
  /// `from/toEntities`: reserved identities such as `world`, `cluster`, `all`.
  public var entities: [String]?
  /// `from/toCIDR`: prefixes or bare addresses.
  public var cidr: [String]?
  /// `from/toCIDRSet`: prefixes with exceptions or CIDR group references.
  public var cidrSet: [CIDRRule]?
  /// `from/toNodes`: nodes by label selector.
  public var nodes: [LabelSelector]?
  /// `toFQDNs`: DNS names and patterns (egress allow only).
  public var fqdns: [FQDNSelector]?
  /// `toServices`: Kubernetes services (egress only).
  public var services: [ServiceSelector]?
  /// `toPorts`: L4 ports and optional L7 rules.
  public var toPorts: [PortRule]?
  /// `icmps`: ICMP types.
  public var icmps: [ICMPRule]?

  /// Creates an entry.
  public init(
    endpoints: [LabelSelector]? = nil, entities: [String]? = nil, cidr: [String]? = nil,
    cidrSet: [CIDRRule]? = nil, nodes: [LabelSelector]? = nil, fqdns: [FQDNSelector]? = nil,
    services: [ServiceSelector]? = nil, toPorts: [PortRule]? = nil, icmps: [ICMPRule]? = nil
  ) {
    self.endpoints = endpoints
    self.entities = entities
    self.cidr = cidr
    self.cidrSet = cidrSet
    self.nodes = nodes
    self.fqdns = fqdns
    self.services = services
    self.toPorts = toPorts
    self.icmps = icmps
  }

  /// The L3 peer fields that are set, by their suffix name (`Endpoints`, `CIDR`, ...).
  public var l3Kinds: [String] {
    var kinds: [String] = []
    if endpoints != nil { kinds.append("Endpoints") }
    if entities != nil { kinds.append("Entities") }
    if cidr != nil { kinds.append("CIDR") }
    if cidrSet != nil { kinds.append("CIDRSet") }
    if nodes != nil { kinds.append("Nodes") }
    if fqdns != nil { kinds.append("FQDNs") }
    if services != nil { kinds.append("Services") }
    return kinds
  }
}

/// A `CIDRRule`: a prefix minus exceptions, or a reference to a CiliumCIDRGroup.
public struct CIDRRule: Sendable, Hashable {
  /// The prefix, e.g. `10.0.0.0/8`.
  public var cidr: String?
  /// Prefixes inside `cidr` that are excluded.
  public var except: [String]?
  /// The name of a CiliumCIDRGroup.
  public var cidrGroupRef: String?

  /// Creates a CIDR rule.
  public init(cidr: String? = nil, except: [String]? = nil, cidrGroupRef: String? = nil) {
    self.cidr = cidr
    self.except = except
    self.cidrGroupRef = cidrGroupRef
  }
}

/// A DNS name or pattern (`matchName` xor `matchPattern`), used by `toFQDNs` and `rules.dns`.
public struct FQDNSelector: Sendable, Hashable {
  /// A literal name.
  public var matchName: String?
  /// A pattern with `*` (and `**.` from Cilium 1.19) wildcards.
  public var matchPattern: String?

  /// Creates a selector.
  public init(matchName: String? = nil, matchPattern: String? = nil) {
    self.matchName = matchName
    self.matchPattern = matchPattern
  }
}

/// `toServices` entry: a service by name, or services by label selector.
public struct ServiceSelector: Sendable, Hashable {
  /// `k8sService.serviceName`.
  public var serviceName: String?
  /// `k8sService.namespace` or `k8sServiceSelector.namespace`.
  public var namespace: String?
  /// `k8sServiceSelector.selector`.
  public var selector: LabelSelector?

  /// Creates a service selector.
  public init(serviceName: String? = nil, namespace: String? = nil, selector: LabelSelector? = nil)
  {
    self.serviceName = serviceName
    self.namespace = namespace
    self.selector = selector
  }
}

/// A Cilium L4 protocol: `TCP`, `UDP`, `SCTP` or `ANY`.
public enum CiliumProtocol: String, Sendable, Hashable, CaseIterable {
  /// TCP only.
  case tcp = "TCP"
  /// UDP only.
  case udp = "UDP"
  /// SCTP only.
  case sctp = "SCTP"
  /// Every protocol (the meaning of an omitted protocol).
  case any = "ANY"
}

/// A `PortProtocol`: a port (number, `"0"` or name), optional range end, optional protocol.
public struct CiliumPort: Sendable, Hashable {
  /// The port as written: digits or an IANA name.
  public var port: String
  /// The inclusive end of a numeric range.
  public var endPort: Int?
  /// The protocol; `nil` when omitted, which means ANY.
  public var `protocol`: CiliumProtocol?

  /// Creates a port.
  public init(port: String, endPort: Int? = nil, protocol: CiliumProtocol? = nil) {
    self.port = port
    self.endPort = endPort
    self.protocol = `protocol`
  }
}

/// A `toPorts` entry: ports plus optional L7 rules and TLS server names.
public struct PortRule: Sendable, Hashable {
  /// The ports; `nil` when omitted.
  public var ports: [CiliumPort]?
  /// L7 rules; `nil` when omitted.
  public var rules: L7Rules?
  /// TLS SNI names allowed on these ports.
  public var serverNames: [String]?

  /// Creates a port rule.
  public init(ports: [CiliumPort]? = nil, rules: L7Rules? = nil, serverNames: [String]? = nil) {
    self.ports = ports
    self.rules = rules
    self.serverNames = serverNames
  }
}

/// L7 rules of a port rule: one protocol kind at a time.
public struct L7Rules: Sendable, Hashable {
  /// HTTP request matchers.
  public var http: [HTTPRule]?
  /// Kafka matchers, kept as written (key/value strings).
  public var kafka: [[String: String]]?
  /// DNS query matchers (egress only).
  public var dns: [FQDNSelector]?

  /// Creates L7 rules.
  public init(
    http: [HTTPRule]? = nil, kafka: [[String: String]]? = nil, dns: [FQDNSelector]? = nil
  ) {
    self.http = http
    self.kafka = kafka
    self.dns = dns
  }
}

/// An HTTP request matcher; every given field must match. `path` and `method` are regular
/// expressions (extended POSIX) as in Cilium.
public struct HTTPRule: Sendable, Hashable {
  /// Method regex, e.g. `GET`.
  public var method: String?
  /// Path regex, e.g. `/public/.*`.
  public var path: String?
  /// Host regex.
  public var host: String?
  /// Headers that must be present, as `Name: value` or `Name`.
  public var headers: [String]?

  /// Creates an HTTP matcher.
  public init(
    method: String? = nil, path: String? = nil, host: String? = nil, headers: [String]? = nil
  ) {
    self.method = method
    self.path = path
    self.host = host
    self.headers = headers
  }
}

/// An `icmps` entry: a list of ICMP fields.
public struct ICMPRule: Sendable, Hashable {
  /// The ICMP types allowed.
  public var fields: [ICMPField]

  /// Creates an ICMP rule.
  public init(fields: [ICMPField]) { self.fields = fields }
}

/// One ICMP type of a family.
public struct ICMPField: Sendable, Hashable {
  /// `IPv4` or `IPv6`; `nil` when omitted (IPv4).
  public var family: String?
  /// The type as written: a number 0–255 or a CamelCase name such as `EchoRequest`.
  public var type: String

  /// Creates an ICMP field.
  public init(family: String? = nil, type: String) {
    self.family = family
    self.type = type
  }
}
