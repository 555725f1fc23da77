import Foundation
import NetpolEngine
import NetpolModel
import Testing

// Tier order and actions: kubernetes-sigs/network-policy-api apis/v1alpha2/
// clusternetworkpolicy_types.go (Tier, Priority, action docs), apis/v1alpha1 (Pass), and
// site-src/blog/posts/Getting Started with ANP.md ("NetworkPolicy ... Baseline").
private let g = AdminFixture.gryffindor
private let r = AdminFixture.ravenclaw
private let harry = "\(AdminFixture.gryffindor)/harry-potter-0"
private let luna = "\(AdminFixture.ravenclaw)/luna-lovegood-0"
private let draco = "\(AdminFixture.slytherin)/draco-malfoy-0"

private func anp(_ name: String, priority: Int, ingress: String = "", egress: String = "")
  -> String
{
  """
  apiVersion: policy.networking.k8s.io/v1alpha1
  kind: AdminNetworkPolicy
  metadata: {name: \(name)}
  spec:
    priority: \(priority)
    subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: \(g)}}}
  \(ingress.isEmpty ? "" : "  ingress:\n" + ingress)\(egress.isEmpty ? "" : "  egress:\n" + egress)
  """
}

private let banpDenyAll = """
  apiVersion: policy.networking.k8s.io/v1alpha1
  kind: BaselineAdminNetworkPolicy
  metadata: {name: default}
  spec:
    subject: {namespaces: {}}
    ingress:
    - {action: Deny, from: [{namespaces: {}}]}
    egress:
    - {action: Deny, to: [{namespaces: {}}]}
  """

private let banpDenyIngress = """
  apiVersion: policy.networking.k8s.io/v1alpha1
  kind: BaselineAdminNetworkPolicy
  metadata: {name: default}
  spec:
    subject: {namespaces: {}}
    ingress:
    - {action: Deny, from: [{namespaces: {}}]}
  """

private func allowFromRavenclaw(_ namespace: String) -> PolicyResource {
  .networkPolicy(
    NetworkPolicy(
      metadata: ObjectMeta(name: "from-ravenclaw", namespace: namespace),
      spec: NetworkPolicySpec(
        podSelector: .everything, policyTypes: [.ingress],
        ingress: [
          NetworkPolicyRule(peers: [
            NetworkPolicyPeer(
              namespaceSelector: LabelSelector(matchLabels: [Namespace.nameLabel: r]))
          ])
        ])))
}

@Suite("The Admin tier decides before NetworkPolicies, by ascending priority")
struct AdminTierOrderTests {
  @Test("a lower priority number wins across policies, whichever is listed first")
  func priorityOrder() {
    let rule = "  - {action: %@, from: [{namespaces: {}}]}\n"
    let allow = anp("a", priority: 5, ingress: rule.replacingOccurrences(of: "%@", with: "Allow"))
    let deny = anp("b", priority: 50, ingress: rule.replacingOccurrences(of: "%@", with: "Deny"))
    let policies = AdminFixture.policies(deny + "\n---\n" + allow)
    #expect(AdminFixture.allowed(policies, from: luna, to: harry))
    let swapped = AdminFixture.policies(
      anp("a", priority: 50, ingress: rule.replacingOccurrences(of: "%@", with: "Allow"))
        + "\n---\n"
        + anp("b", priority: 5, ingress: rule.replacingOccurrences(of: "%@", with: "Deny")))
    #expect(!AdminFixture.allowed(swapped, from: luna, to: harry))
  }

  @Test("an Admin Deny cannot be overridden by a NetworkPolicy allow")
  func denyBeatsNetworkPolicy() {
    let policies =
      AdminFixture.policies(
        anp("d", priority: 1, ingress: "  - {action: Deny, from: [{namespaces: {}}]}\n"))
      + [allowFromRavenclaw(g)]
    #expect(!AdminFixture.allowed(policies, from: luna, to: harry))
  }

  @Test("an Admin Allow skips a NetworkPolicy that would isolate the pod")
  func allowBeatsIsolation() {
    let isolate = NetworkPolicy(
      metadata: ObjectMeta(name: "deny-all", namespace: g),
      spec: NetworkPolicySpec(podSelector: .everything, policyTypes: [.ingress]))
    let policies =
      AdminFixture.policies(
        anp("a", priority: 1, ingress: "  - {action: Allow, from: [{namespaces: {}}]}\n"))
      + [.networkPolicy(isolate)]
    #expect(AdminFixture.allowed(policies, from: luna, to: harry))
    #expect(!AdminFixture.allowed([.networkPolicy(isolate)], from: luna, to: harry))
  }

  @Test("an egress Allow still needs the destination's ingress to allow")
  func egressAllowThenIngress() {
    let policies =
      AdminFixture.policies(
        anp("a", priority: 1, egress: "  - {action: Allow, to: [{namespaces: {}}]}\n"))
      + [
        .networkPolicy(
          NetworkPolicy(
            metadata: ObjectMeta(name: "deny-all", namespace: r),
            spec: NetworkPolicySpec(podSelector: .everything, policyTypes: [.ingress])))
      ]
    #expect(!AdminFixture.allowed(policies, from: harry, to: luna))
  }
}

@Suite("Pass hands the decision to NetworkPolicies, then to the Baseline tier")
struct AdminPassTests {
  static let pass = anp("p", priority: 1, ingress: "  - {action: Pass, from: [{namespaces: {}}]}\n")

  @Test("Pass to a NetworkPolicy that allows: allowed, and the baseline is not consulted")
  func passToNetworkPolicyAllow() {
    let policies =
      AdminFixture.policies(Self.pass + "\n---\n" + banpDenyIngress) + [allowFromRavenclaw(g)]
    #expect(AdminFixture.allowed(policies, from: luna, to: harry))
  }

  @Test("Pass to a NetworkPolicy that isolates: denied though the baseline has no rule for it")
  func passToNetworkPolicyIsolation() {
    let policies = AdminFixture.policies(Self.pass) + [allowFromRavenclaw(g)]
    #expect(!AdminFixture.allowed(policies, from: draco, to: harry))
  }

  @Test("Pass with no NetworkPolicy: the Baseline tier decides")
  func passToBaseline() {
    let withBaseline = AdminFixture.policies(Self.pass + "\n---\n" + banpDenyIngress)
    #expect(!AdminFixture.allowed(withBaseline, from: luna, to: harry))
    #expect(AdminFixture.allowed(AdminFixture.policies(Self.pass), from: luna, to: harry))
  }
}

@Suite("The Baseline tier applies only where no NetworkPolicy selects the pod")
struct BaselineTierTests {
  @Test("a baseline Deny denies in both directions, in v1alpha1 and v1alpha2 form")
  func baselineDeny() {
    let banp = AdminFixture.policies(banpDenyAll)
    let cnp = banp.map { AdminFixture.asClusterNetworkPolicy($0, tier: .baseline) }
    for policies in [banp, cnp] {
      #expect(!AdminFixture.allowed(policies, from: luna, to: harry))
      #expect(!AdminFixture.allowed(policies, from: harry, to: draco, .udp, 53))
    }
  }

  @Test("a NetworkPolicy allow overrides a baseline Deny, and isolates the pod from the rest")
  func networkPolicyOverridesBaseline() {
    let policies = AdminFixture.policies(banpDenyAll) + [allowFromRavenclaw(g)]
    // egress at luna is still denied by the baseline: open it to see the ingress side alone
    var egressOpen = policies
    egressOpen[0] = {
      guard case .admin(var policy) = policies[0] else { return policies[0] }
      policy.egress = nil
      return .admin(policy)
    }()
    #expect(AdminFixture.allowed(egressOpen, from: luna, to: harry))
    #expect(!AdminFixture.allowed(egressOpen, from: draco, to: harry))
  }

  @Test("a Baseline Pass in v1alpha2 skips the remaining baseline rules: allowed by default")
  func baselinePass() {
    let text = """
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata: {name: first}
      spec:
        tier: Baseline
        priority: 1
        subject: {namespaces: {}}
        ingress:
        - {action: Pass, from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: \(r)}}}]}
      ---
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata: {name: second}
      spec:
        tier: Baseline
        priority: 2
        subject: {namespaces: {}}
        ingress:
        - {action: Deny, from: [{namespaces: {}}]}
      """
    let policies = AdminFixture.policies(text)
    #expect(AdminFixture.allowed(policies, from: luna, to: harry))
    #expect(!AdminFixture.allowed(policies, from: draco, to: harry))
  }
}
