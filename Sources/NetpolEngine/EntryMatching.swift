import NetpolModel

/// The outcome of matching one entry against a flow.
struct EntryCheck: Sendable {
  /// Whether peer and port both matched.
  var matched: Bool
  /// The matching peer's path; `nil` when the entry admits every peer.
  var peerPath: String?
  /// The first matching port's path; `nil` when the entry admits every port.
  var portPath: String?
  /// Every matching port (for L7 decisions).
  var matchedPorts: [CompiledPort]
  /// Why it did not match (explain mode), closest first.
  var misses: [(rank: Int, path: String, text: String)]
}

extension PolicyEngine {
  /// Matches an entry's peers and ports (see Rules, peers and ports, Empty Cilium entries and
  /// Cilium ports and ICMP in docs/semantics.md).
  func checkEntry(
    _ entry: CompiledEntry, peer: EndpointView, flow: FlowShape,
    destinationPorts: [ContainerPort]?, destinationID: String, explain: Bool
  ) -> EntryCheck {
    var peerPath: String?
    var peerMisses: [(String, String, Int)] = []
    var peerOK = false
    switch entry.peers {
    case .all:
      peerOK = true
    case .some(let peers):
      if peers.isEmpty {
        peerMisses.append(
          (
            entry.path,
            "is an empty entry: in a CiliumNetworkPolicy it allows nothing, it only turns on default-deny (see Empty Cilium entries in docs/semantics.md)"
              + (entry.path.contains(".egress[")
                ? "; allow-all egress in Cilium form is `egress: [{toEntities: [all]}]`"
                : entry.path.contains(".ingress[")
                  ? "; allow-all ingress in Cilium form is `ingress: [{fromEntities: [all]}]`"
                  : ""),
            0
          ))
      }
      for candidate in peers {
        if let miss = matcher.peerMiss(candidate, peer, explain: explain) {
          if explain { peerMisses.append((candidate.path, miss, Self.closeness(candidate, peer))) }
        } else {
          peerOK = true
          peerPath = candidate.path
          break
        }
      }
    }
    var portOK = false
    var portPath: String?
    var matchedPorts: [CompiledPort] = []
    var portMisses: [(String, String)] = []
    if flow.proto == .icmp {
      switch entry.ports {
      case .all:
        portOK = true
      case .some(let ports):
        let family = peer.address?.isIPv6 == true ? "IPv6" : "IPv4"
        if let hit = (entry.icmps ?? []).first(where: {
          $0.family == family && $0.type != nil && $0.type == flow.icmpType
        }) {
          portOK = true
          portPath = hit.path
        } else if explain {
          let allowed = (entry.icmps ?? []).map { "\($0.family) \($0.written)" }
          let what =
            allowed.isEmpty
            ? "allows only \(ports.map(matcher.describe).joined(separator: ", ")) (an L4 rule blocks ICMP, see Cilium ports and ICMP in docs/semantics.md)"
            : "allows ICMP \(allowed.joined(separator: ", "))"
          portMisses.append(
            (
              (entry.icmps?.first?.path ?? ports.first?.path ?? entry.path),
              "\(what); the flow is ICMP type \(flow.icmpType.map(String.init) ?? "?")"
            ))
        }
      }
    } else {
      switch entry.ports {
      case .all:
        portOK = true
      case .some(let ports):
        for port in ports {
          if let miss = matcher.portMiss(
            port, protocol: flow.proto, number: flow.port, destinationPorts: destinationPorts,
            destination: destinationID, explain: explain)
          {
            if explain { portMisses.append((port.path, miss)) }
          } else {
            portOK = true
            if portPath == nil { portPath = port.path }
            matchedPorts.append(port)
          }
        }
        if ports.isEmpty && explain {
          portMisses.append((entry.path, "allows only ICMP; the flow is \(flow.proto.rawValue)"))
        }
      }
    }
    let matched = peerOK && portOK
    var misses: [(Int, String, String)] = []
    if explain && !matched {
      if peerOK {
        misses = portMisses.map { (0, $0.0, $0.1) }
      } else if portOK {
        misses = peerMisses.map { ($0.2, $0.0, $0.1) }
      } else {
        let portText = portMisses.first.map { "; and it \($0.1)" } ?? ""
        misses = peerMisses.map { ($0.2 + 1, $0.0, $0.1 + portText) }
      }
    }
    return EntryCheck(
      matched: matched, peerPath: peerPath, portPath: portPath, matchedPorts: matchedPorts,
      misses: misses)
  }
}

extension PolicyEngine {
  /// Rank adjustment for a peer miss: the classic `*.name` vs `name` mistake comes first.
  static func closeness(_ peer: CompiledPeer, _ view: EndpointView) -> Int {
    if case .fqdn(_, let selector) = peer, FQDNPattern.hint(selector, names: view.names) != nil {
      return -1
    }
    return 0
  }
}

/// HTTP rule matching: `method` and `path` are anchored extended regular expressions (C-L7);
/// a rule with `host` or `headers` cannot be checked (the flow carries neither) and does not
/// match.
enum HTTPMatcher {
  /// Whether the request matches the rule.
  static func matches(_ rule: HTTPRule, method: String, path: String) -> Bool {
    if rule.host != nil || !(rule.headers ?? []).isEmpty { return false }
    if let pattern = rule.method, !wholeMatch(pattern, method) { return false }
    if let pattern = rule.path, !wholeMatch(pattern, path) { return false }
    return true
  }

  /// `method GET path /public/.*`.
  static func describe(_ rule: HTTPRule) -> String {
    var parts: [String] = []
    if let method = rule.method { parts.append("method \(method)") }
    if let path = rule.path { parts.append("path \(path)") }
    if let host = rule.host { parts.append("host \(host)") }
    if let headers = rule.headers, !headers.isEmpty {
      parts.append("headers \(headers.joined(separator: ", "))")
    }
    return parts.isEmpty ? "any request" : parts.joined(separator: " ")
  }

  /// Anchored regex match; an invalid pattern matches nothing.
  static func wholeMatch(_ pattern: String, _ text: String) -> Bool {
    guard let regex = try? Regex(pattern) else { return false }
    return (try? regex.wholeMatch(in: text)) != nil
  }
}
