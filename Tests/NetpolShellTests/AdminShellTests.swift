import NetpolModel
import Testing

@testable import NetpolShell

// The shell words for the policy API kinds; the objects they build are those of
// kubernetes-sigs/network-policy-api apis/v1alpha1 and apis/v1alpha2.
@Suite("The shell drafts admin policies with policy --kind, priority, allow, deny and pass")
struct AdminShellTests {
  @Test("an AdminNetworkPolicy built step by step")
  func adminNetworkPolicy() {
    var shell = TestShell()
    shell.ok("policy guard --kind anp")
    shell.ok("priority 10")
    shell.ok("allow ingress from ns monitoring port 9090")
    shell.ok("pass ingress from ns team=web")
    shell.ok("deny egress to cidr 169.254.169.254/32")
    let expected = AdminPolicy(
      kind: .adminNetworkPolicy, metadata: ObjectMeta(name: "guard"), priority: 10,
      subject: .namespaces(.everything),
      ingress: [
        AdminRule(
          action: .allow,
          peers: [.namespaces(LabelSelector(matchLabels: [Namespace.nameLabel: "monitoring"]))],
          ports: [.number(.tcp, 9090)]),
        AdminRule(action: .pass, peers: [.namespaces(LabelSelector(matchLabels: ["team": "web"]))]),
      ],
      egress: [AdminRule(action: .deny, peers: [.networks(["169.254.169.254/32"])])])
    #expect(shell.draft == .admin(expected))
    #expect(shell.state.draft == "guard")
  }

  @Test("cnp-admin and cnp-baseline make ClusterNetworkPolicies of each tier")
  func clusterNetworkPolicy() {
    var shell = TestShell()
    shell.ok("policy base --kind cnp-baseline")
    shell.ok("pass egress to fqdn example.com port 443")
    guard case .admin(let policy)? = shell.draft else {
      Issue.record("no admin draft")
      return
    }
    #expect(policy.kind == .clusterNetworkPolicy)
    #expect(policy.effectiveTier == .baseline)
    #expect(policy.egress?.first?.peers == [.domainNames(["example.com"])])
    #expect(policy.egress?.first?.ports == [.number(.tcp, 443)])
  }

  @Test("refusals: Pass in a BaselineAdminNetworkPolicy, priorities, non-admin drafts")
  func refusals() {
    var shell = TestShell()
    shell.ok("policy default --kind banp")
    #expect(shell.fail("priority 3").message == "a BaselineAdminNetworkPolicy has no priority")
    #expect(
      shell.fail("pass ingress from ns a").message
        == "BaselineAdminNetworkPolicy has no Pass action; use allow or deny")
    shell.ok("policy guard --kind anp")
    #expect(
      shell.fail("priority 1001").message == "a priority is a number from 0 to 1000, lower first")
    #expect(
      shell.fail("allow ingress from cidr 10.0.0.0/8").message
        == "cidr peers exist only in egress rules")
    shell.ok("policy web -n demo")
    #expect(shell.fail("priority 1").message.hasPrefix("priority exists only in admin policies"))
  }

  @Test("completion offers the admin kinds after --kind and the peers after pass")
  func completion() {
    let completer = Completer(state: SessionState(inventory: s1Inventory()))
    let kinds = completer.complete("policy x --kind ").candidates
    #expect(kinds.contains("cnp-baseline") && kinds.contains("anp"))
    #expect(completer.complete("pass ").candidates.contains("ingress"))
  }
}
