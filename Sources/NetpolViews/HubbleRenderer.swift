import NetpolEngine
import NetpolModel

/// Renders an explanation as `hubble observe` compact lines (see Hubble lines in docs/semantics.md;
/// Hubble's `printer.go`).
///
/// Fixed choices so output is reproducible: the time is always `Jan  1 00:00:00.000`, the
/// client's source port is always 41234, pod identities are `(ID:n)` with `n` derived from the
/// pod's identity labels (FNV-1a, range 256–65535), non-pod addresses are `(world)` unless a
/// CIDR or FQDN selector of an enforced Cilium policy selects them, then `(ID:16777217+k)` with
/// `k` the address's position among the inventory's external addresses.
public struct HubbleRenderer {
  /// The engine whose inventory and policies decide identities.
  public var engine: PolicyEngine

  /// A renderer for the explanations of `engine`.
  public init(engine: PolicyEngine) { self.engine = engine }

  /// The fixed timestamp.
  static let time = "Jan  1 00:00:00.000"
  /// The fixed source port.
  static let sourcePort = 41234

  /// Every line for the explanation: lookup first, then the connection, then HTTP.
  public func lines(for explanation: Explanation) -> [String] {
    let flow = explanation.flow
    var lines: [String] = []
    if let lookup = explanation.lookup, let serverID = lookup.server,
      let server = engine.pod(id: serverID)
    {
      let source = render(flow.source, port: Self.sourcePort, names: [])
      let destination = render(.pod(server), port: 53, names: [])
      lines += sideLines(
        [lookup.egress, lookup.ingress], source: source, destination: destination, summary: "UDP",
        podDestination: true)
      let query = "DNS Query \(FQDNPattern.canonical(lookup.name)) A"
      switch lookup.outcome {
      case .learned:
        lines.append(
          "\(Self.time): \(source) -> \(destination) dns-request proxy FORWARDED (\(query))")
        lines.append(
          "\(Self.time): \(destination) -> \(source) dns-response proxy FORWARDED (DNS Answer \"\(lookup.address ?? "")\" TTL: 30 (Proxy \(FQDNPattern.canonical(lookup.name)) A))"
        )
      case .refused:
        lines.append(
          "\(Self.time): \(source) -> \(destination) dns-request proxy FORWARDED (\(query))")
        lines.append(
          "\(Self.time): \(destination) -> \(source) dns-response proxy FORWARDED (DNS Answer RCode: Refused (Proxy \(FQDNPattern.canonical(lookup.name)) A))"
        )
      default:
        break
      }
      if lookup.outcome == .blocked || lookup.outcome == .refused { return lines }
    }
    let port = flow.protocol == .icmp ? nil : flow.port
    let source = render(
      flow.source, port: flow.protocol == .icmp ? nil : Self.sourcePort, names: [])
    let destination = render(flow.destination, port: port, names: explanation.fqdnCache)
    let summary = Self.summary(flow)
    let sides = [explanation.egress, explanation.ingress]
    let policed = sides.compactMap { $0 }.contains {
      $0.isolated || !$0.allowedBy.isEmpty || !$0.deniedBy.isEmpty
    }
    lines += sideLines(
      sides, source: source, destination: destination, summary: summary,
      podDestination: (flow.destination.pod != nil))
    if !policed && explanation.verdict == .allow {
      let point = (flow.destination.pod != nil) ? "to-endpoint" : "to-stack"
      lines.append("\(Self.time): \(source) -> \(destination) \(point) FORWARDED (\(summary))")
    }
    if let method = flow.httpMethod, engine.profile.enforcesL7 {
      let http = [explanation.egress?.http, explanation.ingress?.http].compactMap { $0 }
      if !http.isEmpty && explanation.reason.map({ $0 == "http-403" }) ?? true {
        let denied = http.contains { $0.verdict == .deny }
        let host: String
        switch flow.destination {
        case .pod(let pod): host = pod.ip ?? pod.name
        case .external(let external): host = external.name
        case .address(let address): host = address
        }
        lines.append(
          "\(Self.time): \(source) -> \(destination) http-request \(denied ? "DROPPED" : "FORWARDED") (HTTP/1.1 \(method) http://\(host)\(flow.httpPath ?? "/"))"
        )
      }
    }
    return lines
  }

  /// The policy-verdict (and drop) lines of the sides, stopping at the first denial.
  private func sideLines(
    _ sides: [SideExplanation?], source: String, destination: String, summary: String,
    podDestination: Bool
  ) -> [String] {
    var lines: [String] = []
    for case let side? in sides {
      let direction = side.direction == .ingress ? "INGRESS" : "EGRESS"
      let policed = side.isolated || !side.allowedBy.isEmpty || !side.deniedBy.isEmpty
      if side.verdict == .allow {
        if policed {
          lines.append(
            "\(Self.time): \(source) -> \(destination) policy-verdict:\(side.matchType) \(direction) ALLOWED (\(summary))"
          )
        }
        continue
      }
      let match = side.decision == .deniedByRule ? side.matchType : "none"
      lines.append(
        "\(Self.time): \(source) <> \(destination) policy-verdict:\(match) \(direction) DENIED (\(summary))"
      )
      let drop = side.decision == .deniedByRule ? "Policy denied by denylist" : "Policy denied"
      lines.append("\(Self.time): \(source) <> \(destination) \(drop) DROPPED (\(summary))")
      break
    }
    return lines
  }

  /// `ns/pod:port (ID:n)`, `name:port (ID:…)`, `ip:port (world)`.
  func render(_ endpoint: Endpoint, port: Int?, names: [String]) -> String {
    let suffix = port.map { ":\($0)" } ?? ""
    switch endpoint {
    case .pod(let pod):
      return "\(pod.id)\(suffix) (ID:\(identity(of: pod)))"
    case .external, .address:
      let address = endpoint.address ?? endpoint.id
      let shown = names.isEmpty ? address : names.joined(separator: ",")
      return "\(shown)\(suffix) \(worldIdentity(address, names: names))"
    }
  }

  /// A pod's numeric identity.
  func identity(of pod: Pod) -> Int { engine.hubbleIdentity(of: pod) }

  /// `(world)`, or a local CIDR/FQDN identity when a Cilium selector covers the address.
  func worldIdentity(_ address: String, names: [String]) -> String {
    engine.hubbleWorldIdentity(address, names: names).map { "(ID:\($0))" } ?? "(world)"
  }

  /// `TCP Flags: SYN`, `UDP`, `SCTP`, `ICMPv4 EchoRequest`.
  static func summary(_ flow: Flow) -> String {
    switch flow.protocol {
    case .tcp: return "TCP Flags: SYN"
    case .udp: return "UDP"
    case .sctp: return "SCTP"
    case .icmp:
      let isIPv6 = flow.destination.address?.contains(":") == true
      let name = ICMPTypes.name(flow.icmpType ?? 8, ipv6: isIPv6)
      return "\(isIPv6 ? "ICMPv6" : "ICMPv4") \(name)"
    }
  }
}
