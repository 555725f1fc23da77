import NetpolModel

/// NP014: a `networks` peer of a Deny or Pass rule covering every address, pods included.
public struct AdminNetworksDenyRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP014's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP014", name: "admin-networks-cover-pods", severity: .warning,
    summary: "A Deny or Pass to `networks: 0.0.0.0/0` (or `::/0`) also cuts pod-to-pod traffic.",
    rationale: """
      The `networks` peer of an admin policy matches every destination address inside the \
      CIDR, pod and node addresses included: a rule meant for "the internet" also matches \
      every pod. With Deny it drops traffic between pods unless a rule above it allows that \
      traffic first; with Pass it hands all of it to the NetworkPolicies.
      """,
    triggeringExamples: [
      LintExample(
        """
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: no-internet}
        spec:
          priority: 10
          subject: {namespaces: {}}
          egress:
          - action: Deny
            to:
            - networks: [↓0.0.0.0/0]
        """)
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: no-metadata}
        spec:
          priority: 10
          subject: {namespaces: {}}
          egress:
          - action: Deny
            to:
            - networks: [169.254.169.254/32]
        """)
    ])

  /// Reports each catch-all network of a Deny or Pass rule.
  public func check(_ context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    for policy in context.policies {
      guard case .admin(let admin) = policy.resource else { continue }
      for (ruleIndex, rule) in admin.rules(.egress).enumerated() where rule.action != .allow {
        for (peerIndex, peer) in rule.peers.enumerated() {
          guard case .networks(let networks) = peer else { continue }
          for (index, network) in networks.enumerated() where IPPrefix(network)?.length == 0 {
            let word = rule.action.word(in: admin.kind)
            findings.append(
              finding(
                policy, "spec.egress[\(ruleIndex)].to[\(peerIndex)].networks[\(index)]",
                message: "\(word) to \(network) also matches every pod and node address",
                explanation: Self.description.rationale,
                fix: "allow in-cluster traffic in a rule above it, or list the outside ranges "
                  + "instead of \(network)"))
          }
        }
      }
    }
    return findings
  }
}
