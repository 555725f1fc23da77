import NetpolModel

/// The transport of a flow: the three protocols NetworkPolicy defines, plus ICMP for Cilium's
/// `icmps` rules.
public enum FlowProtocol: String, Sendable, Hashable, CaseIterable {
  /// Transmission Control Protocol.
  case tcp = "TCP"
  /// User Datagram Protocol.
  case udp = "UDP"
  /// Stream Control Transmission Protocol.
  case sctp = "SCTP"
  /// ICMP (echo and friends); carries an ICMP type instead of a port.
  case icmp = "ICMP"

  /// The protocol named by `text`, case-insensitively (`tcp`, `UDP`, ...).
  public init?(name text: String) {
    self.init(rawValue: text.uppercased())
  }

  /// The matching NetworkPolicy protocol, `nil` for ICMP.
  public var l4: L4Protocol? {
    switch self {
    case .tcp: return .tcp
    case .udp: return .udp
    case .sctp: return .sctp
    case .icmp: return nil
    }
  }
}

/// One end of a flow: a pod, an external endpoint of the inventory, or a bare address.
public enum Endpoint: Sendable, Hashable {
  /// A pod of the inventory.
  case pod(Pod)
  /// A named endpoint from the inventory's `external` list (a DNS name or a named address).
  case external(ExternalEndpoint)
  /// An address that is not a pod's: the `world` identity.
  case address(String)

  /// `ns/pod`, the external endpoint's name, or the address.
  public var id: String {
    switch self {
    case .pod(let pod): return pod.id
    case .external(let external): return external.name
    case .address(let address): return address
    }
  }

  /// The pod, when this endpoint is one.
  public var pod: Pod? {
    if case .pod(let pod) = self { return pod }
    return nil
  }

  /// The address traffic to this endpoint goes to: the pod's IP, the external endpoint's first
  /// address (a CIDR contributes its network address), or the bare address.
  public var address: String? {
    switch self {
    case .pod(let pod): return pod.ip
    case .address(let address): return address
    case .external(let external):
      guard let first = external.ips.first else { return nil }
      return first.split(separator: "/").first.map(String.init)
    }
  }
}

/// One new connection (or, for HTTP, one request on it) whose verdict is asked for.
public struct Flow: Sendable, Hashable {
  /// Where the connection starts.
  public var source: Endpoint
  /// Where the connection goes.
  public var destination: Endpoint
  /// The transport protocol.
  public var `protocol`: FlowProtocol
  /// The destination port; `nil` for ICMP.
  public var port: Int?
  /// The ICMP type (e.g. 8 = echo request) for ICMP flows.
  public var icmpType: Int?
  /// The HTTP method of a request on the connection, for Cilium L7 rules.
  public var httpMethod: String?
  /// The HTTP path of that request.
  public var httpPath: String?

  /// Creates a flow.
  public init(
    source: Endpoint, destination: Endpoint, protocol: FlowProtocol = .tcp, port: Int? = nil,
    icmpType: Int? = nil, httpMethod: String? = nil, httpPath: String? = nil
  ) {
    self.source = source
    self.destination = destination
    self.protocol = `protocol`
    self.port = port
    self.icmpType = icmpType
    self.httpMethod = httpMethod
    self.httpPath = httpPath
  }

  /// `SRC -> DST:PORT/PROTO` (ICMP: `SRC -> DST ICMP type N`).
  public var summary: String {
    var text = "\(source.id) -> \(destination.id)"
    if `protocol` == .icmp {
      text += " ICMP"
      if let icmpType { text += " type \(icmpType)" }
    } else {
      text += ":\(port.map(String.init) ?? "*")/\(`protocol`.rawValue)"
    }
    if let httpMethod { text += " \(httpMethod) \(httpPath ?? "/")" }
    return text
  }
}

/// The outcome for a flow.
public enum Verdict: String, Sendable, Hashable, CaseIterable {
  /// The connection (or request) goes through.
  case allow
  /// The connection is dropped (or the HTTP request refused).
  case deny
}

/// A reference to a flow endpoint or port the engine could not resolve.
public enum EngineError: Error, Sendable, Hashable, CustomStringConvertible {
  /// `ns/pod` names no pod of the inventory.
  case unknownPod(String)
  /// The text is neither a pod, an address nor a name of the inventory's `external` list.
  case unknownName(String)
  /// A port outside 1–65535.
  case portOutOfRange(Int)
  /// A flow needs a port (every protocol but ICMP).
  case missingPort(FlowProtocol)
  /// The endpoint text is empty.
  case emptyEndpoint

  /// The one-line message for the user.
  public var description: String {
    switch self {
    case .unknownPod(let id):
      return "unknown pod '\(id)': no pod with that namespace/name in the inventory"
    case .unknownName(let name):
      return
        "unknown endpoint '\(name)': not a pod (ns/pod), an IP address, or a name in the inventory's external list"
    case .portOutOfRange(let port):
      return "port \(port) is out of range (1-65535)"
    case .missingPort(let proto):
      return "a \(proto.rawValue) flow needs --port"
    case .emptyEndpoint:
      return "empty endpoint: give ns/pod, an IP address or an external name"
    }
  }
}

/// Modelling choices that are not fixed by the dataplane.
public struct EngineOptions: Sendable, Hashable {
  /// The Cilium version whose semantics apply (matters for `**.` in FQDN patterns, see
  /// DNS rules and toFQDNs in docs/semantics.md); default 1.19.
  public var ciliumVersion: CiliumVersion
  /// Whether flows to raw IPs may use names already in the node's FQDN cache (every FQDN of the
  /// inventory counts as learned for its addresses); default `false` = each flow starts with an
  /// empty cache (see Names and the FQDN cache in docs/semantics.md).
  public var warmFQDNCache: Bool

  /// Creates options.
  public init(
    ciliumVersion: CiliumVersion = .init(major: 1, minor: 19), warmFQDNCache: Bool = false
  ) {
    self.ciliumVersion = ciliumVersion
    self.warmFQDNCache = warmFQDNCache
  }
}

/// A Cilium release, `major.minor`.
public struct CiliumVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The major version (1).
  public var major: Int
  /// The minor version (e.g. 19).
  public var minor: Int

  /// Creates a version.
  public init(major: Int, minor: Int) {
    self.major = major
    self.minor = minor
  }

  /// Parses `1.19` or `1.19.4` (the patch level is ignored).
  public init?(_ text: String) {
    let parts = text.split(separator: ".").compactMap { Int($0) }
    guard parts.count >= 2 else { return nil }
    self.init(major: parts[0], minor: parts[1])
  }

  /// Orders by major, then minor.
  public static func < (lhs: CiliumVersion, rhs: CiliumVersion) -> Bool {
    (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
  }

  /// `major.minor`.
  public var description: String { "\(major).\(minor)" }
}
