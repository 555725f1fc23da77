import NetpolModel

/// The numbered rules of a policy as `show` lists them and `rule rm` removes them.
enum PolicyRules {
  enum Section: String, CaseIterable {
    case ingress, ingressDeny, egress, egressDeny
  }

  /// Where a rule sits in its policy.
  enum Locator: Equatable {
    case networkPolicy(PolicyType, Int)
    case cilium(rule: Int, Section, Int)
    case admin(PolicyType, Int)
  }

  /// One rule: where it is and how the shell would write it.
  struct Entry {
    var locator: Locator
    var text: String
  }

  /// Every rule of the policy, in order: ingress, then egress (Cilium: per rule ingress,
  /// ingressDeny, egress, egressDeny).
  static func list(_ policy: PolicyResource) -> [Entry] {
    switch policy {
    case .networkPolicy(let networkPolicy):
      let spec = networkPolicy.spec
      var entries: [Entry] = []
      for (index, rule) in (spec.ingress ?? []).enumerated() {
        entries.append(
          Entry(
            locator: .networkPolicy(.ingress, index),
            text: "allow ingress from " + RuleText.networkPolicyRule(rule)))
      }
      for (index, rule) in (spec.egress ?? []).enumerated() {
        entries.append(
          Entry(
            locator: .networkPolicy(.egress, index),
            text: "allow egress to " + RuleText.networkPolicyRule(rule)))
      }
      return entries
    case .admin(let admin):
      return PolicyType.allCases.flatMap { direction in
        admin.rules(direction).enumerated().map { index, rule in
          Entry(
            locator: .admin(direction, index),
            text: AdminRuleText.rule(rule, direction: direction))
        }
      }
    case .cilium(let cilium):
      var result: [Entry] = []
      for (ruleIndex, item) in cilium.rules.enumerated() {
        for section in Section.allCases {
          for (index, entry) in (Self.entries(of: item.rule, section) ?? []).enumerated() {
            let verb: String
            switch section {
            case .ingress: verb = "allow ingress from "
            case .ingressDeny: verb = "deny ingress from "
            case .egress: verb = "allow egress to "
            case .egressDeny: verb = "deny egress to "
            }
            result.append(
              Entry(
                locator: .cilium(rule: ruleIndex, section, index),
                text: verb + RuleText.ciliumEntry(entry)))
          }
        }
      }
      return result
    }
  }

  /// The policy without the rule at `locator`; an emptied list becomes omitted.
  static func remove(_ locator: Locator, from policy: PolicyResource) -> PolicyResource {
    switch (policy, locator) {
    case (.networkPolicy(var networkPolicy), .networkPolicy(let direction, let index)):
      if direction == .ingress {
        networkPolicy.spec.ingress?.remove(at: index)
        if networkPolicy.spec.ingress?.isEmpty == true { networkPolicy.spec.ingress = nil }
      } else {
        networkPolicy.spec.egress?.remove(at: index)
        if networkPolicy.spec.egress?.isEmpty == true { networkPolicy.spec.egress = nil }
      }
      return .networkPolicy(networkPolicy)
    case (.cilium(var cilium), .cilium(let ruleIndex, let section, let index)):
      let hasSpec = cilium.spec != nil
      var rule = cilium.rules[ruleIndex].rule
      var list = entries(of: rule, section) ?? []
      list.remove(at: index)
      let value: [CiliumRuleEntry]? = list.isEmpty ? nil : list
      switch section {
      case .ingress: rule.ingress = value
      case .ingressDeny: rule.ingressDeny = value
      case .egress: rule.egress = value
      case .egressDeny: rule.egressDeny = value
      }
      if hasSpec && ruleIndex == 0 {
        cilium.spec = rule
      } else {
        cilium.specs?[ruleIndex - (hasSpec ? 1 : 0)] = rule
      }
      return .cilium(cilium)
    case (.admin(var admin), .admin(let direction, let index)):
      if direction == .ingress {
        admin.ingress?.remove(at: index)
        if admin.ingress?.isEmpty == true { admin.ingress = nil }
      } else {
        admin.egress?.remove(at: index)
        if admin.egress?.isEmpty == true { admin.egress = nil }
      }
      return .admin(admin)
    default:
      return policy
    }
  }

  /// `select ...` line of a policy: its pod, endpoint or node selector.
  static func selection(_ policy: PolicyResource) -> String {
    switch policy {
    case .networkPolicy(let networkPolicy):
      return "select " + RuleText.selector(networkPolicy.spec.podSelector)
    case .cilium(let cilium):
      let selectors = cilium.rules.map { item in
        if let nodes = item.rule.nodeSelector { return "nodes " + RuleText.selector(nodes) }
        return RuleText.selector(item.rule.endpointSelector ?? .everything)
      }
      return "select " + (selectors.isEmpty ? "(no rule)" : selectors.joined(separator: "; "))
    case .admin(let admin):
      return AdminRuleText.subject(admin.subject)
    }
  }

  /// Whether a Cilium policy has no ingress, ingressDeny, egress or egressDeny section at all
  /// (Cilium rejects such a rule; the shell keeps it as an unfinished draft).
  static func isEmptyCilium(_ policy: PolicyResource) -> Bool {
    guard case .cilium(let cilium) = policy else { return false }
    return cilium.rules.allSatisfy { item in
      Section.allCases.allSatisfy { entries(of: item.rule, $0) == nil }
    }
  }

  private static func entries(of rule: CiliumRule, _ section: Section) -> [CiliumRuleEntry]? {
    switch section {
    case .ingress: return rule.ingress
    case .ingressDeny: return rule.ingressDeny
    case .egress: return rule.egress
    case .egressDeny: return rule.egressDeny
    }
  }
}
