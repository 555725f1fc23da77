import NetpolModel

/// NP017: a Pass rule in the Admin tier for pods that no NetworkPolicy and no Baseline policy
/// decides: the traffic is then allowed by default.
public struct AdminPassWithoutTierRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP017's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP017", name: "admin-pass-to-nothing", severity: .warning,
    summary: "A Pass rule whose subject pods no NetworkPolicy or Baseline policy covers: the "
      + "traffic is simply allowed.",
    rationale: """
      Pass skips the rest of the Admin tier and lets the namespaces' NetworkPolicies decide, \
      then the Baseline tier. When none of the subject's pods is selected by a NetworkPolicy \
      for that direction and no Baseline policy selects them, nothing below decides and the \
      traffic is allowed by default: the Pass acts as an Allow that a later NetworkPolicy \
      could silently turn into a deny.
      """,
    needsInventory: true,
    triggeringExamples: [
      LintExample(
        """
        namespaces: [{name: blue, labels: {tenant: blue}}]
        pods: [{namespace: blue, name: web, ip: 10.0.0.1}]
        ---
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: tenants}
        spec:
          priority: 10
          subject: {namespaces: {matchLabels: {tenant: blue}}}
          ingress:
          - action: ↓Pass
            from: [{namespaces: {matchLabels: {tenant: blue}}}]
        """)
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        namespaces: [{name: blue, labels: {tenant: blue}}]
        pods: [{namespace: blue, name: web, ip: 10.0.0.1}]
        ---
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: tenants}
        spec:
          priority: 10
          subject: {namespaces: {matchLabels: {tenant: blue}}}
          ingress:
          - action: Pass
            from: [{namespaces: {matchLabels: {tenant: blue}}}]
        ---
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: BaselineAdminNetworkPolicy
        metadata: {name: default}
        spec:
          subject: {namespaces: {}}
          ingress:
          - action: Deny
            from: [{namespaces: {}}]
        """)
    ])

  /// Reports each Admin-tier Pass rule with nothing below it for any subject pod.
  public func check(_ context: LintContext) -> [LintFinding] {
    guard let inventory = context.inventory else { return [] }
    let engine = context.engine()
    var findings: [LintFinding] = []
    let baselines: [AdminPolicy] = context.policies.compactMap {
      guard case .admin(let admin) = $0.resource, admin.effectiveTier == .baseline else {
        return nil
      }
      return admin
    }
    for policy in context.policies {
      guard case .admin(let admin) = policy.resource, admin.effectiveTier == .admin else {
        continue
      }
      let subjects = inventory.pods.filter { pod in
        !pod.hostNetwork && selects(admin.subject, pod, context)
      }
      guard !subjects.isEmpty else { continue }
      for direction in PolicyType.allCases {
        let key = direction == .ingress ? "ingress" : "egress"
        for (index, rule) in admin.rules(direction).enumerated() where rule.action == .pass {
          let covered = subjects.contains { pod in
            let isolation = engine.isolation(of: pod)
            if direction == .ingress ? isolation.ingress : isolation.egress { return true }
            return baselines.contains {
              !$0.rules(direction).isEmpty && selects($0.subject, pod, context)
            }
          }
          guard !covered else { continue }
          findings.append(
            finding(
              policy, "spec.\(key)[\(index)].action",
              message: "Pass in \(admin.metadata.name) \(key)[\(index)]: no NetworkPolicy or "
                + "Baseline policy decides for its \(subjects.count) subject pod(s), so the "
                + "traffic is allowed",
              explanation: Self.description.rationale,
              fix: "use Allow if allowing is meant, or add the NetworkPolicies or the Baseline "
                + "policy that should decide"))
        }
      }
    }
    return findings
  }

  private func selects(_ subject: AdminSubject, _ pod: Pod, _ context: LintContext) -> Bool {
    let labels = context.namespaceLabels(pod.namespace)
    switch subject {
    case .namespaces(let selector): return selector.matches(labels)
    case .pods(let pods):
      return (pods.namespaceSelector ?? .everything).matches(labels)
        && pods.podSelector.matches(pod.labels)
    }
  }
}
