import NetpolEngine
import NetpolModel

/// Which pods are isolated for ingress and egress and by which policies, per pod, workload or
/// namespace, as a table or as JSON.
public enum IsolationView {
  /// One shown row: a group of pods and their isolation.
  struct Row {
    var label: String
    var pods: [(Pod, Isolation)]
  }

  /// The rows of `engine`'s pods selected by the filters, grouped.
  static func rows(
    engine: PolicyEngine, scope: ViewScope, grouping: Grouping, pods patterns: [EndpointPattern],
    namespace: String?
  ) -> [Row] {
    var rows: [Row] = []
    var index: [String: Int] = [:]
    for pod in engine.inventory.pods.sorted(by: { $0.id < $1.id }) {
      if let namespace, pod.namespace != namespace { continue }
      if !patterns.isEmpty && !patterns.contains(where: { $0.matches(pod.id, scope: scope) }) {
        continue
      }
      let label = scope.group(of: pod.id, by: grouping)
      let entry = (pod, engine.isolation(of: pod))
      if let existing = index[label] {
        rows[existing].pods.append(entry)
      } else {
        index[label] = rows.count
        rows.append(Row(label: label, pods: [entry]))
      }
    }
    return rows
  }

  /// `isolated by a, b`, `open`, or `3/8 pods isolated` when the group's pods differ.
  static func cell(_ pods: [(Pod, Isolation)], ingress: Bool) -> String {
    let isolated = pods.filter { ingress ? $0.1.ingress : $0.1.egress }
    if isolated.isEmpty { return "open" }
    if isolated.count < pods.count { return "\(isolated.count)/\(pods.count) pods isolated" }
    var policies: [String] = []
    for (_, isolation) in isolated {
      for policy in ingress ? isolation.ingressPolicies : isolation.egressPolicies
      where !policies.contains(policy) {
        policies.append(policy)
      }
    }
    return "isolated by " + policies.joined(separator: ", ")
  }

  /// The table: a header, one line per row, then notes on rejected policies.
  public static func table(
    engine: PolicyEngine, scope: ViewScope, grouping: Grouping = .pod,
    pods patterns: [EndpointPattern] = [], namespace: String? = nil
  ) -> String {
    let rows = rows(
      engine: engine, scope: scope, grouping: grouping, pods: patterns, namespace: namespace)
    guard !rows.isEmpty else { return "no pods match\n" }
    var table = TextTable()
    table.add([grouping.rawValue.uppercased(), "INGRESS", "EGRESS"])
    for row in rows {
      table.add([row.label, cell(row.pods, ingress: true), cell(row.pods, ingress: false)])
    }
    var text = "isolation on \(MatrixContext(engine: engine, scope: scope).dataplaneTitle)\n"
    text += table.render() + "\n"
    for rejection in engine.rejections {
      text += "note: \(rejection.policy) is not applied: \(rejection.reason)\n"
    }
    return text
  }

  /// The JSON document: `{"grouping":..,"dataplane":..,"ciliumVersion":..,"fqdnCache":..,
  /// "rows":[{"name":..,"pods":n,"ingress":{"isolated":n,"policies":[..]},"egress":{..}}],
  /// "notes":[..]}`; `isolated` counts the row's isolated pods.
  public static func json(
    engine: PolicyEngine, scope: ViewScope, grouping: Grouping = .pod,
    pods patterns: [EndpointPattern] = [], namespace: String? = nil
  ) -> String {
    let context = MatrixContext(engine: engine, scope: scope)
    let rows = rows(
      engine: engine, scope: scope, grouping: grouping, pods: patterns, namespace: namespace)
    func side(_ pods: [(Pod, Isolation)], ingress: Bool) -> JSONValue {
      var policies: [String] = []
      var count = 0
      for (_, isolation) in pods where ingress ? isolation.ingress : isolation.egress {
        count += 1
        for policy in ingress ? isolation.ingressPolicies : isolation.egressPolicies
        where !policies.contains(policy) {
          policies.append(policy)
        }
      }
      return .object([("isolated", .int(count)), ("policies", .strings(policies))])
    }
    let document: JSONValue = .object([
      ("grouping", .string(grouping.rawValue)),
      ("dataplane", .string(context.dataplane.rawValue)),
      ("ciliumVersion", context.ciliumVersion.map { .string("\($0)") } ?? .null),
      ("fqdnCache", .string(context.warmFQDNCache ? "warm" : "empty")),
      (
        "rows",
        .array(
          rows.map { row in
            .object([
              ("name", .string(row.label)), ("pods", .int(row.pods.count)),
              ("ingress", side(row.pods, ingress: true)),
              ("egress", side(row.pods, ingress: false)),
            ])
          })
      ),
      (
        "notes",
        .strings(engine.rejections.map { "\($0.policy) is not applied: \($0.reason)" })
      ),
    ])
    return document.rendered + "\n"
  }
}
