import NetpolEngine
import NetpolModel

/// A pod that became, or stopped being, isolated for a direction in one step.
public struct IsolationChange: Sendable, Hashable {
  /// The pod.
  public var pod: Pod
  /// `ingress` or `egress`.
  public var direction: String
  /// Whether the pod is isolated after the step.
  public var isolated: Bool
  /// The policies isolating it after the step.
  public var policies: [String]
  /// How many of its flows flipped because of it.
  public var flipped: Int

  /// Creates a change.
  public init(pod: Pod, direction: String, isolated: Bool, policies: [String], flipped: Int) {
    self.pod = pod
    self.direction = direction
    self.isolated = isolated
    self.policies = policies
    self.flipped = flipped
  }
}

/// How a step changed verdicts, in words: the one-line summary and the isolation lines.
public enum ChangeView {
  /// `2 flows now denied: a -> b 80/TCP, ...; 1 flow now allowed: ...`, or `no flow changed`.
  /// With a scope, flows between the same two workloads are listed once, with their count:
  /// `shop/frontend -> shop/api 8080/TCP (20 flows)`.
  public static func summary(
    _ changes: [FlowChange], style: Style, limit: Int = 3, scope: ViewScope? = nil
  ) -> String {
    guard !changes.isEmpty else { return "no flow changed" }
    var parts: [String] = []
    for verdict in [Verdict.deny, .allow] {
      let group = changes.filter { $0.new == verdict }
      guard !group.isEmpty else { continue }
      let count = group.count == 1 ? "1 flow" : "\(group.count) flows"
      let word = verdict == .deny ? style.red("now denied") : style.green("now allowed")
      var items: [String] = []
      var counts: [String: Int] = [:]
      for change in group {
        var key = change
        if let scope {
          key.source = scope.group(of: change.source, by: .workload)
          key.destination = scope.group(of: change.destination, by: .workload)
        }
        let item = text(key)
        if counts[item] == nil { items.append(item) }
        counts[item, default: 0] += 1
      }
      var list = items.prefix(limit).map { item in
        let flows = counts[item] ?? 1
        return flows == 1 ? item : "\(item) (\(flows) flows)"
      }.joined(separator: ", ")
      if items.count > limit { list += ", ... (\(items.count - limit) more; diff lists all)" }
      parts.append("\(count) \(word): \(list)")
    }
    return parts.joined(separator: "; ")
  }

  /// `demo/client -> demo/server 80/TCP`.
  public static func text(_ change: FlowChange) -> String {
    "\(change.source) -> \(change.destination) \(change.port)/\(change.protocol.rawValue)"
  }

  /// One line per workload (or per pod, or per namespace) and direction whose pods became or
  /// stopped being isolated: `shop/frontend (Deployment, 8 pods) is now isolated for ingress by
  /// shop/deny: 24 flows that were allowed by default are now denied`.
  public static func isolationLines(
    _ changes: [IsolationChange], scope: ViewScope, grouping: Grouping = .workload
  ) -> [String] {
    struct Key: Hashable {
      var group: String
      var direction: String
      var isolated: Bool
      var policies: [String]
    }
    var order: [Key] = []
    var pods: [Key: [Pod]] = [:]
    var flipped: [Key: Int] = [:]
    for change in changes {
      let key = Key(
        group: scope.group(of: change.pod.id, by: grouping), direction: change.direction,
        isolated: change.isolated, policies: change.isolated ? change.policies : [])
      if pods[key] == nil { order.append(key) }
      pods[key, default: []].append(change.pod)
      flipped[key, default: 0] += change.flipped
    }
    return order.map { key in
      let members = pods[key] ?? []
      let count = flipped[key] ?? 0
      let subject = label(key.group, members, scope: scope, grouping: grouping)
      if key.isolated {
        return "\(subject) is now isolated for \(key.direction) by "
          + "\(key.policies.joined(separator: ", ")): "
          + "\(count == 1 ? "1 flow that was" : "\(count) flows that were") allowed by default "
          + "\(count == 1 ? "is" : "are") now denied"
      }
      return "\(subject) is no longer isolated for \(key.direction): "
        + "\(count == 1 ? "1 flow is" : "\(count) flows are") allowed by default again"
    }
  }

  /// `shop/api (Deployment, 3 pods)`, `shop/api (Deployment, 2 of 3 pods)`, `demo/server`,
  /// `shop (4 pods)`.
  static func label(_ group: String, _ members: [Pod], scope: ViewScope, grouping: Grouping)
    -> String
  {
    func pods(_ count: Int) -> String { count == 1 ? "1 pod" : "\(count) pods" }
    switch grouping {
    case .pod:
      return group
    case .namespace:
      return "\(group) (\(pods(members.count)))"
    case .workload:
      guard let first = members.first else { return group }
      let workload = scope.workload(of: first)
      guard workload.kind != "Pod" else { return group }
      let size = scope.size(of: workload)
      let shown = members.count == size ? pods(size) : "\(members.count) of \(pods(size))"
      return "\(group) (\(workload.kind), \(shown))"
    }
  }
}
