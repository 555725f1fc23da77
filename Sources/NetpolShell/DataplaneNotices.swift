import NetpolEngine
import NetpolModel

/// Saying which dataplane decides when a step changes it without `use`.
extension Interpreter {
  /// Lines announcing an automatic dataplane switch between two states (no `use` in either):
  /// the reason, and the flows of `changes` whose verdict the previous policies already get on the new
  /// dataplane (they changed because of the switch).
  mutating func dataplaneSwitchNotices(
    from before: SessionState, to after: SessionState, changes: [FlowChange]
  ) -> [String] {
    guard before.dataplane == nil, after.dataplane == nil else { return [] }
    let old = cachedEngine(for: before).dataplane
    let new = cachedEngine(for: after).dataplane
    guard old != new else { return [] }
    let cilium = after.policies.filter { policy in
      if case .cilium = policy { return !PolicyRules.isEmptyCilium(policy) }
      return false
    }
    let reason =
      new.isCilium
      ? "\(cilium.first?.qualifiedName ?? "a Cilium policy") is a Cilium policy with rules, "
        + "and Cilium evaluates the policies when any is present"
      : "no Cilium policy with rules is left"
    var lines = [
      "dataplane: \(old.rawValue) -> \(new.rawValue) (\(reason); `use \(old.rawValue)` keeps "
        + "\(old.rawValue) semantics)"
    ]
    // The previous policies under the new dataplane: what changed there is the switch's doing.
    var pinned = before
    pinned.dataplane = new
    let previous = cachedEngine(for: before)
    let moved = engine(for: pinned)
    let bySwitch = changes.filter { change in
      guard let source = try? moved.resolve(change.source),
        let destination = try? moved.resolve(change.destination)
      else { return false }
      let flow = Flow(
        source: source, destination: destination, protocol: change.protocol, port: change.port)
      return moved.verdict(flow) != previous.verdict(flow)
    }
    if !bySwitch.isEmpty {
      let count = bySwitch.count == 1 ? "1 flow changed" : "\(bySwitch.count) flows changed"
      var list = bySwitch.prefix(3).map { "\($0.text) (now \($0.new.rawValue))" }
        .joined(separator: ", ")
      if bySwitch.count > 3 { list += ", ... (diff lists all)" }
      lines.append("\(count) because of the dataplane switch, not the policy: \(list)")
    }
    return lines
  }
}

extension Interpreter {
  /// Which dataplane evaluates the session and why, for the shell's banner.
  public var dataplaneLine: String {
    let current = engine(for: state).dataplane
    if state.dataplane != nil { return "dataplane: \(current.rawValue) (chosen with use)" }
    return "dataplane: \(current.rawValue) (automatic: cilium while a Cilium policy has rules, "
      + "else kubernetes; use DATAPLANE fixes it)"
  }
}
