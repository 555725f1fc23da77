import NetpolModel

/// The commands only admin policies have: `pass` and `priority`.
extension Interpreter {
  /// The draft, which must be an admin policy.
  private func adminDraft(_ what: String) throws(ShellError) -> (Int, AdminPolicy) {
    let (index, policy) = try draft()
    guard case .admin(let admin) = policy else {
      throw ShellError(
        "\(what) exists only in admin policies (policy NAME --kind anp|banp|cnp-admin|cnp-baseline)"
      )
    }
    return (index, admin)
  }

  mutating func passCommand(_ arguments: inout Arguments, line: String) throws(ShellError) {
    let (index, admin) = try adminDraft("pass")
    let rule = try PeerParser.parseRule(&arguments, deny: false, verb: "pass")
    var updated = admin
    try AdminRuleBuilder.add(rule, action: .pass, to: &updated)
    try validate(.admin(updated), at: rule.peerSpan)
    var next = state
    next.policies[index] = .admin(updated)
    let rules = PolicyRules.list(.admin(updated))
    commit(
      line, next,
      message: "\(updated.metadata.name) rule \(rules.count): \(rules.last?.text ?? "")")
  }

  mutating func priorityCommand(_ arguments: inout Arguments, line: String) throws(ShellError) {
    let (index, admin) = try adminDraft("priority")
    let token = try arguments.next("a priority (0-1000)")
    try arguments.expectEnd("priority N")
    guard admin.kind != .baselineAdminNetworkPolicy else {
      throw ShellError("a BaselineAdminNetworkPolicy has no priority", at: token)
    }
    guard let value = Int(token.text), (0...1000).contains(value) else {
      throw ShellError("a priority is a number from 0 to 1000, lower first", at: token)
    }
    var updated = admin
    updated.priority = value
    var next = state
    next.policies[index] = .admin(updated)
    commit(line, next, message: "\(updated.metadata.name): priority \(value)")
  }
}
