import Foundation
import NetpolModel
import Testing

// Field shapes from the policy.networking.k8s.io CRDs: v1alpha1 (kubernetes-sigs/
// network-policy-api v0.1.8, config/crd/experimental/...adminnetworkpolicies.yaml and
// ...baselineadminnetworkpolicies.yaml) and v1alpha2 (HEAD, ...clusternetworkpolicies.yaml).
@Suite("PolicyLoader reads every field of the admin policy kinds")
struct AdminPolicyLoadingTests {
  static func example(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../examples/admin/\(name)")
    return try String(contentsOf: url, encoding: .utf8)
  }

  @Test("an AdminNetworkPolicy with pods subject, every v1alpha1 port form and a Pass rule")
  func adminNetworkPolicy() throws {
    let loaded = try #require(Fixture.policy(try Self.example("anp-monitoring.yaml")))
    guard case .admin(let policy) = loaded.resource else {
      Issue.record("not an admin policy")
      return
    }
    #expect(policy.kind == .adminNetworkPolicy)
    #expect(policy.effectiveTier == .admin)
    #expect(policy.priority == 20)
    guard case .pods(let pods) = policy.subject else {
      Issue.record("subject is not pods")
      return
    }
    #expect(pods.namespaceSelector?.matchExpressions.first?.operator == .notIn)
    let rules = policy.rules(.ingress)
    #expect(rules.map(\.action) == [.allow, .pass])
    #expect(rules[0].name == "scrape")
    // portNumber without protocol reads as TCP, the CRD's default
    #expect(
      rules[0].ports == [
        .number(.tcp, 9090), .range(.tcp, start: 9100, end: 9110), .named("metrics"),
      ])
    #expect(policy.egress == nil)
    #expect(loaded.resource.isClusterScoped)
    #expect(loaded.resource.qualifiedName == "allow-monitoring")
  }

  @Test("a BaselineAdminNetworkPolicy named default with pods, nodes and namespaces peers")
  func baseline() throws {
    let loaded = try #require(Fixture.policy(try Self.example("banp-default.yaml")))
    guard case .admin(let policy) = loaded.resource else {
      Issue.record("not an admin policy")
      return
    }
    #expect(policy.kind == .baselineAdminNetworkPolicy)
    #expect(policy.effectiveTier == .baseline)
    #expect(policy.priority == nil)
    #expect(policy.rules(.egress).map(\.action) == [.allow, .deny])
    #expect(policy.rules(.egress)[0].ports == [.number(.udp, 53), .number(.tcp, 53)])
    guard case .nodes(let nodes) = policy.rules(.egress)[1].peers[0] else {
      Issue.record("second egress peer is not nodes")
      return
    }
    #expect(nodes.matchExpressions.first?.operator == .exists)
  }

  @Test("a ClusterNetworkPolicy with Accept, Pass, domainNames and every protocols form")
  func clusterNetworkPolicy() throws {
    let loaded = try #require(Fixture.policy(try Self.example("cnp-admin-tenants.yaml")))
    guard case .admin(let policy) = loaded.resource else {
      Issue.record("not an admin policy")
      return
    }
    #expect(loaded.resource.apiVersion == "policy.networking.k8s.io/v1alpha2")
    #expect(policy.effectiveTier == .admin)
    #expect(policy.rules(.ingress).map(\.action) == [.pass, .deny])
    #expect(policy.rules(.egress).map(\.action) == [.allow, .allow])
    #expect(policy.rules(.egress)[0].peers == [.domainNames(["*.kubernetes.io", "example.com"])])
    #expect(
      policy.rules(.egress)[1].ports == [
        .range(.udp, start: 30000, end: 32767), .number(.sctp, 9999), .named("redis"),
      ])
    guard case .pods(let pods) = policy.rules(.egress)[1].peers[0] else {
      Issue.record("not a pods peer")
      return
    }
    // v1alpha2 NamespacedPod: namespaceSelector is optional and then selects every namespace
    #expect(pods.namespaceSelector == nil)
  }

  @Test("a Baseline-tier ClusterNetworkPolicy has a priority and Pass is allowed in it")
  func baselineTier() throws {
    let text = """
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata: {name: b}
      spec:
        tier: Baseline
        priority: 7
        subject: {namespaces: {}}
        ingress:
        - {action: Pass, from: [{namespaces: {}}]}
      """
    let loaded = try #require(Fixture.policy(text))
    guard case .admin(let policy) = loaded.resource else {
      Issue.record("not an admin policy")
      return
    }
    #expect(policy.effectiveTier == .baseline)
    #expect(policy.priority == 7)
    #expect(policy.rules(.ingress).first?.action == .pass)
  }
}
