import NetpolEngine
import NetpolModel

/// The lint rules the shell runs after every step, on the policies the step changed.
extension Interpreter {
  /// The rules worth a line while drafting: the Cilium `egress: [{}]` trap, `*.name` that
  /// misses the apex, and toFQDNs without a DNS proxy rule. DNS cut off under egress isolation
  /// already has the preview's note.
  static let liveLintRules: [any LintRule.Type] = [
    CiliumEmptyEntryRule.self, WildcardApexRule.self, FQDNWithoutDNSRuleRule.self,
  ]

  /// One line per finding that `after` has and `before` had not, for the policies that changed.
  func liveLintNotices(from before: SessionState, to after: SessionState) -> [String] {
    let changed = Set(
      after.policies.filter { policy in
        !before.policies.contains(policy)
      }.map(\.qualifiedName))
    guard !changed.isEmpty else { return [] }
    let old = Set(Self.liveFindings(before).map(Self.key))
    return Self.liveFindings(after).filter {
      changed.contains($0.policy) && !old.contains(Self.key($0))
    }.map { "lint: \($0.ruleID) \($0.message) [\($0.policy) \($0.path)]" }
  }

  /// The live rules' findings on a state (Cilium drafts without rules left out).
  static func liveFindings(_ state: SessionState) -> [LintFinding] {
    let context = LintContext(
      policies: state.policies.filter { !PolicyRules.isEmptyCilium($0) }.map {
        LoadedPolicy(resource: $0)
      }, inventory: state.inventory, dataplane: state.dataplane, options: state.engineOptions)
    return liveLintRules.flatMap { Linter.lint(context, rule: $0) }
  }

  /// What identifies a finding across states.
  static func key(_ finding: LintFinding) -> String {
    "\(finding.ruleID) \(finding.policy) \(finding.path) \(finding.message)"
  }
}
