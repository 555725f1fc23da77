import NetpolModel

/// NP016: fields only the experimental channel of the policy API CRDs knows.
public struct AdminExperimentalFieldRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP016's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP016", name: "admin-experimental-field", severity: .info,
    summary: "`nodes`, `namedPort` and `domainNames` exist only in the experimental-channel CRDs.",
    rationale: """
      The policy API ships its CRDs in a standard and an experimental channel. A cluster with \
      the standard-channel CRDs silently drops the experimental fields (the API server prunes \
      unknown fields), so a peer or port written with one becomes empty and the object no \
      longer says what was written. Check which channel the cluster installed.
      """,
    triggeringExamples: [
      LintExample(
        """
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: no-nodes}
        spec:
          priority: 10
          subject: {namespaces: {}}
          egress:
          - action: Deny
            to:
            - ↓nodes: {matchLabels: {role: control-plane}}
        """)
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        apiVersion: policy.networking.k8s.io/v1alpha2
        kind: ClusterNetworkPolicy
        metadata: {name: web}
        spec:
          tier: Admin
          priority: 10
          subject: {namespaces: {}}
          ingress:
          - action: Accept
            from: [{namespaces: {}}]
            protocols: [{destinationNamedPort: http}]
        """)
    ])

  /// Reports each experimental field with its own location.
  public func check(_ context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    for policy in context.policies {
      guard case .admin(let admin) = policy.resource else { continue }
      for direction in PolicyType.allCases {
        let key = direction == .ingress ? "ingress" : "egress"
        let peersKey = direction == .ingress ? "from" : "to"
        for (ruleIndex, rule) in admin.rules(direction).enumerated() {
          let base = "spec.\(key)[\(ruleIndex)]"
          for (index, peer) in rule.peers.enumerated() {
            switch peer {
            case .nodes, .domainNames:
              findings.append(
                report(policy, "\(base).\(peersKey)[\(index)].\(peer.field)", peer.field))
            default: continue
            }
          }
          // v1alpha2 moved the named port to the standard channel
          guard !admin.kind.isV1Alpha2 else { continue }
          for (index, port) in (rule.ports ?? []).enumerated() {
            if case .named = port {
              findings.append(report(policy, "\(base).ports[\(index)].namedPort", "namedPort"))
            }
          }
        }
      }
    }
    return findings
  }

  private func report(_ policy: LoadedPolicy, _ path: String, _ field: String) -> LintFinding {
    finding(
      policy, path,
      message: "\(field) is an experimental-channel field: a cluster with the standard-channel "
        + "CRDs drops it",
      explanation: Self.description.rationale,
      fix: "install the experimental-channel CRDs, or express the rule without \(field)")
  }
}
