import NetpolModel

/// NP015: two policies of one tier with the same priority whose rules may decide the same
/// traffic differently.
public struct AdminSamePriorityRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP015's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP015", name: "admin-same-priority", severity: .warning,
    summary: "Two admin policies of one tier share a priority and have rules with different "
      + "actions in the same direction.",
    rationale: """
      The policy API leaves the order of two policies with the same priority undefined: when \
      both match a connection, a cluster may apply either. netpol evaluates them in name \
      order, which a real cluster need not do. With an inventory, only policies whose \
      subjects share a pod are reported.
      """,
    triggeringExamples: [
      LintExample(
        """
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: allow-monitoring}
        spec:
          priority: 10
          subject: {namespaces: {}}
          ingress:
          - {action: Allow, from: [{namespaces: {matchLabels: {team: monitoring}}}]}
        ---
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: deny-all}
        spec:
          priority: ↓10
          subject: {namespaces: {}}
          ingress:
          - {action: Deny, from: [{namespaces: {}}]}
        """)
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: allow-monitoring}
        spec:
          priority: 10
          subject: {namespaces: {}}
          ingress:
          - {action: Allow, from: [{namespaces: {matchLabels: {team: monitoring}}}]}
        ---
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: deny-all}
        spec:
          priority: 20
          subject: {namespaces: {}}
          ingress:
          - {action: Deny, from: [{namespaces: {}}]}
        """)
    ])

  /// Reports the later policy of each conflicting pair, at its priority.
  public func check(_ context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    let admins: [(LoadedPolicy, AdminPolicy)] = context.policies.compactMap { policy in
      guard case .admin(let admin) = policy.resource, admin.priority != nil else { return nil }
      return (policy, admin)
    }
    for (index, (policy, admin)) in admins.enumerated() {
      for (_, other) in admins[..<index]
      where other.effectiveTier == admin.effectiveTier && other.priority == admin.priority
        && conflicting(admin, other) && overlapping(admin, other, context)
      {
        findings.append(
          finding(
            policy, "spec.priority",
            message: "\(admin.metadata.name) and \(other.metadata.name) both have priority "
              + "\(admin.priority ?? 0) in the \(admin.effectiveTier.rawValue) tier: their order "
              + "is undefined",
            explanation: Self.description.rationale,
            fix: "give one of them a lower priority number"))
      }
    }
    return findings
  }

  private func conflicting(_ a: AdminPolicy, _ b: AdminPolicy) -> Bool {
    PolicyType.allCases.contains { direction in
      let first = Set(a.rules(direction).map(\.action))
      let second = Set(b.rules(direction).map(\.action))
      return !first.isEmpty && !second.isEmpty && first.union(second).count > 1
    }
  }

  private func overlapping(_ a: AdminPolicy, _ b: AdminPolicy, _ context: LintContext) -> Bool {
    guard let inventory = context.inventory else { return true }
    return inventory.pods.contains { pod in
      guard !pod.hostNetwork else { return false }
      let labels = context.namespaceLabels(pod.namespace)
      return [a.subject, b.subject].allSatisfy { subject in
        switch subject {
        case .namespaces(let selector): return selector.matches(labels)
        case .pods(let pods):
          return (pods.namespaceSelector ?? .everything).matches(labels)
            && pods.podSelector.matches(pod.labels)
        }
      }
    }
  }
}
