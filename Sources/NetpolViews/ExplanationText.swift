import NetpolEngine
import NetpolModel

extension Explanation {
  /// The multi-line human explanation.
  public func text() -> String {
    var lines: [String] = []
    let verdictWord = verdict == .allow ? "ALLOWED" : "DENIED"
    lines.append("\(verdictWord): \(flow.summary) (dataplane \(dataplane.rawValue))")
    if selfTraffic {
      lines.append("  self traffic: implementation-defined, shown as # in matrices")
    }
    if let lookup {
      var head = "lookup of \(lookup.name)"
      if let server = lookup.server { head += " via \(server) (UDP 53)" }
      lines.append("\(head): \(lookup.outcome.rawValue)")
      lines.append("  \(lookup.detail)")
      if let side = lookup.egress { lines += Explanation.sideLines(side, indent: "  ") }
      if let side = lookup.ingress { lines += Explanation.sideLines(side, indent: "  ") }
      if lookup.outcome == .blocked || lookup.outcome == .refused {
        lines.append(
          "connection to \(flow.destination.id): never attempted (the name did not resolve)")
      } else {
        lines.append("connection to \(flow.destination.id) (\(address ?? "?")):")
      }
    } else if let address, address != flow.destination.id {
      lines.append("connection to \(flow.destination.id) (\(address)):")
    }
    if lookup != nil || (address != nil && address != flow.destination.id) {
      if !fqdnCache.isEmpty {
        lines.append("  FQDN cache: \(fqdnCache.joined(separator: ", "))")
      }
    }
    if let egress { lines += Explanation.sideLines(egress, indent: "") }
    if let ingress { lines += Explanation.sideLines(ingress, indent: "") }
    if let reason { lines.append("reason: \(reason)") }
    if !notes.isEmpty {
      lines.append("notes:")
      lines += notes.map { "  - \($0)" }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The lines describing one side.
  static func sideLines(_ side: SideExplanation, indent: String) -> [String] {
    let place = "\(side.direction == .ingress ? "ingress" : "egress") at \(side.endpoint)"
    let nodeTier =
      side.isolated
      ? "isolated by \(side.isolatedBy.joined(separator: ", "))"
      : "not isolated (no policy selects it for \(side.direction == .ingress ? "ingress" : "egress"))"
    let isolation = side.tier.map { "decided in the \($0) tier" } ?? nodeTier
    var lines: [String] = []
    switch side.decision {
    case .notIsolated:
      lines.append("\(indent)\(place): \(isolation): allowed")
    case .allowedByRule:
      let hit = side.allowedBy[0]
      var text = "\(indent)\(place): \(isolation): allowed by \(hit.described)"
      if let portPath = hit.portPath { text += " (port \(portPath))" }
      lines.append(text)
      for other in side.allowedBy.dropFirst() {
        lines.append("\(indent)  also allowed by \(other.described)")
      }
    case .noRuleAllows:
      lines.append("\(indent)\(place): \(isolation): denied, no rule allows this flow")
      if !side.nearestMisses.isEmpty {
        lines.append("\(indent)  nearest misses:")
        lines += side.nearestMisses.map { "\(indent)    - \($0)" }
      }
    case .deniedByRule:
      let hit = side.deniedBy[0]
      let why = side.tier == nil ? " (deny beats every allow)" : ""
      lines.append(
        "\(indent)\(place): \(isolation): denied by deny rule \(hit.described)\(why)")
      for hit in side.allowedBy {
        lines.append("\(indent)  overrides the allow of \(hit.described)")
      }
    }
    lines += side.tierSteps.map { "\(indent)  \($0)" }
    if let http = side.http {
      let result = http.verdict == .allow ? "request allowed" : "request denied with 403"
      lines.append("\(indent)  HTTP: \(result): \(http.detail)")
    }
    return lines
  }
}
