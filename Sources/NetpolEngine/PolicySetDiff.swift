import NetpolModel

/// A flow whose verdict differs between two policy sets, with what decides it on each side.
public struct PolicySetChange: Sendable, Hashable {
  /// The flow's verdicts and endpoints.
  public var flow: FlowChange
  /// The policies and rules that decide the flow under the first set.
  public var before: FlowReason
  /// The policies and rules that decide the flow under the second set.
  public var after: FlowReason

  /// Creates a change.
  public init(flow: FlowChange, before: FlowReason, after: FlowReason) {
    self.flow = flow
    self.before = before
    self.after = after
  }
}

/// How a second policy set may relate to a first in what it allows.
public enum PolicySetRelation: String, Sendable, CaseIterable {
  /// Both allow exactly the same flows.
  case equivalent
  /// The second allows only flows the first allows.
  case subset
  /// The second allows at least every flow the first allows.
  case superset
}

/// Every flow between the pods and external endpoints of one inventory whose verdict differs
/// under two policy sets, on a list of ports. Self traffic is left out (implementation-defined).
public struct PolicySetDiff: Sendable {
  /// The dataplane both sets were evaluated on.
  public var dataplane: Dataplane
  /// The ports compared, as (protocol, port).
  public var ports: [(FlowProtocol, Int)]
  /// The flows that differ, by port in `ports` order, then source, then destination.
  public var changes: [PolicySetChange]

  /// Compares the verdicts of `before` and `after` (two engines on the same inventory and
  /// dataplane) on `ports`; each change carries the rules that decide it on both sides.
  public init(before: PolicyEngine, after: PolicyEngine, ports: [(FlowProtocol, Int)]) {
    dataplane = after.dataplane
    self.ports = ports
    var changes: [PolicySetChange] = []
    for (proto, port) in ports {
      let old = before.matrix(protocol: proto, port: port)
      let new = after.matrix(protocol: proto, port: port)
      for change in new.changes(from: old) {
        changes.append(
          PolicySetChange(
            flow: change, before: Self.reason(before, change, change.old),
            after: Self.reason(after, change, change.new)))
      }
    }
    self.changes = changes
  }

  /// The ports `matrix` uses for either engine (their container ports), each once, sorted.
  public static func defaultPorts(_ before: PolicyEngine, _ after: PolicyEngine) -> [(
    FlowProtocol, Int
  )] {
    var seen = Set<String>()
    var result: [(FlowProtocol, Int)] = []
    for (proto, port) in before.defaultPorts() + after.defaultPorts() where proto != .icmp {
      if seen.insert("\(proto.rawValue)/\(port)").inserted { result.append((proto, port)) }
    }
    let order: [FlowProtocol: Int] = [.tcp: 0, .udp: 1, .sctp: 2]
    return result.sorted { (order[$0.0] ?? 3, $0.1) < (order[$1.0] ?? 3, $1.1) }
  }

  /// Flows denied under the first set and allowed under the second.
  public var newlyAllowed: [PolicySetChange] { changes.filter { $0.flow.new == .allow } }

  /// Flows allowed under the first set and denied under the second.
  public var newlyDenied: [PolicySetChange] { changes.filter { $0.flow.new == .deny } }

  /// The flows that contradict `relation` (none when it holds): for `subset` the newly allowed
  /// flows, for `superset` the newly denied ones, for `equivalent` every change.
  public func counterExamples(to relation: PolicySetRelation) -> [PolicySetChange] {
    switch relation {
    case .equivalent: return changes
    case .subset: return newlyAllowed
    case .superset: return newlyDenied
    }
  }

  private static func reason(_ engine: PolicyEngine, _ change: FlowChange, _ verdict: Verdict)
    -> FlowReason
  {
    guard let source = try? engine.resolve(change.source),
      let destination = try? engine.resolve(change.destination)
    else { return FlowReason(verdict: verdict, sides: [], detail: nil) }
    let flow = Flow(
      source: source, destination: destination, protocol: change.protocol, port: change.port)
    return FlowReason(engine.explain(flow))
  }
}
