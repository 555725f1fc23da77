import NetpolEngine
import NetpolModel

extension Explanation {
  /// One JSON object with the same structure as `text()`: `verdict` (`allow`/`deny`), `reason`,
  /// `flow`, `dataplane`, `selfTraffic`, `lookup`, `egress`, `ingress`, `fqdnCache`, `notes`.
  public func json() -> String {
    jsonValue.rendered
  }

  /// The JSON value of the explanation.
  var jsonValue: JSONValue {
    .object([
      ("verdict", .string(verdict.rawValue)),
      ("reason", .optional(reason)),
      ("flow", Explanation.json(flow)),
      ("dataplane", .string(dataplane.rawValue)),
      ("selfTraffic", .bool(selfTraffic)),
      ("lookup", lookup.map(Explanation.json) ?? .null),
      ("address", .optional(address)),
      ("fqdnCache", .strings(fqdnCache)),
      ("egress", egress.map(Explanation.json) ?? .null),
      ("ingress", ingress.map(Explanation.json) ?? .null),
      ("notes", .strings(notes)),
    ])
  }

  /// The flow object.
  static func json(_ flow: Flow) -> JSONValue {
    .object([
      ("source", .string(flow.source.id)),
      ("destination", .string(flow.destination.id)),
      ("protocol", .string(flow.protocol.rawValue)),
      ("port", flow.port.map { .int($0) } ?? .null),
      ("icmpType", flow.icmpType.map { .int($0) } ?? .null),
      ("httpMethod", .optional(flow.httpMethod)),
      ("httpPath", .optional(flow.httpPath)),
    ])
  }

  /// A side object.
  static func json(_ side: SideExplanation) -> JSONValue {
    .object([
      ("direction", .string(side.direction == .ingress ? "ingress" : "egress")),
      ("endpoint", .string(side.endpoint)),
      ("isolated", .bool(side.isolated)),
      ("isolatedBy", .strings(side.isolatedBy)),
      ("verdict", .string(side.verdict.rawValue)),
      ("decision", .string(side.decision.rawValue)),
      ("allowedBy", .array(side.allowedBy.map(json))),
      ("deniedBy", .array(side.deniedBy.map(json))),
      ("nearestMisses", .strings(side.nearestMisses)),
      (
        "http",
        side.http.map {
          .object([
            ("verdict", .string($0.verdict.rawValue)), ("rules", .strings($0.rules)),
            ("detail", .string($0.detail)),
          ])
        } ?? .null
      ),
    ])
  }

  /// A rule hit object.
  static func json(_ hit: RuleHit) -> JSONValue {
    .object([
      ("policy", .string(hit.policy)), ("kind", .string(hit.kind)), ("path", .string(hit.path)),
      ("portPath", .optional(hit.portPath)),
    ])
  }

  /// The lookup object.
  static func json(_ lookup: LookupStep) -> JSONValue {
    .object([
      ("name", .string(lookup.name)),
      ("server", .optional(lookup.server)),
      ("outcome", .string(lookup.outcome.rawValue)),
      ("address", .optional(lookup.address)),
      ("dnsRules", .strings(lookup.dnsRules)),
      ("detail", .string(lookup.detail)),
      ("egress", lookup.egress.map(json) ?? .null),
      ("ingress", lookup.ingress.map(json) ?? .null),
    ])
  }
}
