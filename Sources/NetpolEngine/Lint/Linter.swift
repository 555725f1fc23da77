import NetpolModel

/// The lint rule registry and the entry point that runs every rule.
public enum Linter {
  /// Every rule, in ID order.
  public static let rules: [any LintRule.Type] = [
    EgressWithoutDNSRule.self,
    CiliumEmptyEntryRule.self,
    WildcardApexRule.self,
    FQDNWithoutDNSRuleRule.self,
    EndpointsNamespaceScopeRule.self,
    SelectorMatchesNothingRule.self,
    NamedPortMissingRule.self,
    SelectorAndOrRule.self,
    CIDRForPodsOnCiliumRule.self,
    IPBlockCoversPodsRule.self,
    DataplaneSupportRule.self,
    NeverMatchesRule.self,
    RedundantAllowRule.self,
    AdminNetworksDenyRule.self,
    AdminSamePriorityRule.self,
    AdminExperimentalFieldRule.self,
    AdminPassWithoutTierRule.self,
    AdminDenyShadowsAllowRule.self,
  ]

  /// The descriptions of every rule, in ID order.
  public static var descriptions: [LintRuleDescription] { rules.map { $0.description } }

  /// The rule with this ID (`NP001`) or name (`egress-without-dns`).
  public static func rule(_ idOrName: String) -> (any LintRule.Type)? {
    rules.first { $0.description.id == idOrName.uppercased() || $0.description.name == idOrName }
  }

  /// Every finding of every rule, ordered by file, line, column, then rule ID.
  public static func lint(_ context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    for rule in rules { findings += rule.init().check(context) }
    return sorted(findings)
  }

  /// Findings of one rule only.
  public static func lint(_ context: LintContext, rule: any LintRule.Type) -> [LintFinding] {
    sorted(rule.init().check(context))
  }

  /// Findings in report order; duplicates (same rule, policy and path) removed.
  static func sorted(_ findings: [LintFinding]) -> [LintFinding] {
    var seen = Set<String>()
    let unique = findings.filter {
      seen.insert("\($0.ruleID) \($0.policy) \($0.path) \($0.message)").inserted
    }
    return unique.sorted { a, b in
      let left = (a.location?.file ?? "", a.location?.line ?? 0, a.location?.column ?? 0)
      let right = (b.location?.file ?? "", b.location?.line ?? 0, b.location?.column ?? 0)
      if left != right { return left < right }
      return a.ruleID < b.ruleID
    }
  }
}
