import NetpolModel
import NetpolViews

/// Listing policies: `policies` and `show`.
extension Interpreter {
  mutating func policiesCommand(_ arguments: inout Arguments) throws(ShellError) {
    try arguments.expectEnd("policies")
    guard !state.policies.isEmpty else {
      print("no policies; create one with `policy NAME` or `load FILE`")
      return
    }
    let unsaved = Set(session.unsavedPolicies)
    var table = TextTable()
    for policy in state.policies {
      let count = PolicyRules.list(policy).count
      var flags: [String] = []
      if policy.qualifiedName == state.draft { flags.append("draft") }
      if unsaved.contains(policy.qualifiedName) { flags.append("unsaved") }
      if PolicyRules.isEmptyCilium(policy) { flags.append("no rules, not applied") }
      table.add([
        policy.qualifiedName == state.draft ? "*" : " ", policy.qualifiedName, policy.kind,
        PolicyRules.selection(policy), count == 1 ? "1 rule" : "\(count) rules",
        flags.joined(separator: ", "),
      ])
    }
    print(table.render())
  }

  mutating func showCommand(_ arguments: inout Arguments) throws(ShellError) {
    let policy: PolicyResource
    if let token = arguments.peek {
      _ = try arguments.next("a policy name")
      try arguments.expectEnd("show [NAME]")
      policy = state.policies[try policyIndex(token)]
    } else {
      guard let draft = state.draftPolicy else {
        throw ShellError("no draft policy; give a NAME (policies lists them)")
      }
      policy = draft
    }
    var flags = [policy.kind]
    if policy.qualifiedName == state.draft { flags.append("draft") }
    if session.unsavedPolicies.contains(policy.qualifiedName) { flags.append("unsaved") }
    var lines = ["\(policy.qualifiedName) (\(flags.joined(separator: ", ")))"]
    lines.append("  " + PolicyRules.selection(policy))
    switch policy {
    case .networkPolicy(let networkPolicy):
      let types = networkPolicy.spec.effectivePolicyTypes.map(\.rawValue)
      let how = networkPolicy.spec.policyTypes == nil ? " (default)" : ""
      lines.append("  isolates " + types.joined(separator: " and ") + how)
    case .cilium(let cilium):
      var isolated: [String] = []
      if cilium.rules.contains(where: { $0.rule.defaultDenyIngress }) { isolated.append("ingress") }
      if cilium.rules.contains(where: { $0.rule.defaultDenyEgress }) { isolated.append("egress") }
      lines.append(
        "  default-deny "
          + (isolated.isEmpty ? "off (no rules: not applied)" : isolated.joined(separator: " and "))
      )
    case .admin(let admin):
      lines.append("  " + AdminRuleText.tier(admin))
    }
    let rules = PolicyRules.list(policy)
    if rules.isEmpty { lines.append("  no rules") }
    for (index, rule) in rules.enumerated() { lines.append("  \(index + 1). \(rule.text)") }
    print(lines.joined(separator: "\n"))
  }
}
