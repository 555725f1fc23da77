import NetpolModel

/// A NetworkPolicy rule or a Cilium rule entry with where it is written, for the lint rules
/// that walk every rule of a policy.
struct RuleSite<Rule> {
  /// The list it is in: `ingress` or `egress` (Cilium also `ingressDeny`, `egressDeny`).
  var field: String
  /// `from` or `to`: the name of a NetworkPolicy rule's peer list, the prefix of a Cilium
  /// entry's peer fields (`fromEndpoints`, `toCIDR`).
  var peerKey: String
  /// Its path: `spec.ingress[0]`, `specs[1].egressDeny[0]`.
  var path: String
  /// The NetworkPolicy rule, or the Cilium entry (an IngressRule / EgressRule in Cilium's API).
  var rule: Rule

  /// Whether it is an egress (or egressDeny) rule.
  var isEgress: Bool { peerKey == "to" }
}

/// A NetworkPolicy ingress or egress rule with where it is written.
typealias NetworkPolicyRuleSite = RuleSite<NetworkPolicyRule>

/// A Cilium ingress or egress (allow or deny) entry with where it is written.
typealias CiliumEntrySite = RuleSite<CiliumRuleEntry>

extension RuleSite<NetworkPolicyRule> {
  /// Every ingress rule of `spec`, then every egress rule.
  static func all(in spec: NetworkPolicySpec) -> [NetworkPolicyRuleSite] {
    [("ingress", "from", spec.ingress), ("egress", "to", spec.egress)].flatMap {
      field, peerKey, rules in
      (rules ?? []).enumerated().map { index, rule in
        RuleSite(field: field, peerKey: peerKey, path: "spec.\(field)[\(index)]", rule: rule)
      }
    }
  }
}

extension RuleSite<CiliumRuleEntry> {
  /// The entries of `rule`, written at `rulePath`: ingress, ingressDeny, egress, egressDeny;
  /// without `deny`, only ingress and egress.
  static func all(in rule: CiliumRule, at rulePath: String, deny: Bool) -> [CiliumEntrySite] {
    let lists: [(String, [CiliumRuleEntry]?, String)] =
      deny
      ? [
        ("ingress", rule.ingress, "from"), ("ingressDeny", rule.ingressDeny, "from"),
        ("egress", rule.egress, "to"), ("egressDeny", rule.egressDeny, "to"),
      ]
      : [("ingress", rule.ingress, "from"), ("egress", rule.egress, "to")]
    return lists.flatMap { field, entries, peerKey in
      (entries ?? []).enumerated().map { index, entry in
        RuleSite(
          field: field, peerKey: peerKey, path: "\(rulePath).\(field)[\(index)]", rule: entry)
      }
    }
  }
}
