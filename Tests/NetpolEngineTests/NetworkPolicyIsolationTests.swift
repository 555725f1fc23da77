import NetpolEngine
import NetpolModel
import Testing

/// semantics.md §1.1 on the kubernetes dataplane.
@Suite("NetworkPolicy isolation is per direction, additive, and needs both ends to allow")
struct NetworkPolicyIsolationTests {
  let pods = [
    Fixture.pod("x/a", ["app": "a"], ip: "10.0.0.1"),
    Fixture.pod("x/b", ["app": "b"], ip: "10.0.0.2"),
    Fixture.pod("y/c", ["app": "c"], ip: "10.0.1.1"),
  ]

  @Test("A pod selected by no policy is not isolated")  // §1.1 "ingress isolation"
  func unselected() {
    let deny = Fixture.np("x/deny", select: Fixture.sel(["app": "b"]), types: [.ingress])
    let world = World(pods: pods, policies: [deny])
    #expect(world.verdict("x/b", "x/a") == .allow)
    #expect(world.engine.isolation(of: pods[0]).ingress == false)
  }

  @Test("A policy with no ingress rules isolates and allows nothing")  // §1.1 "empty lists"
  func denyAllIngress() {
    let deny = Fixture.np("x/deny", types: [.ingress])
    let world = World(pods: pods, policies: [deny])
    #expect(world.verdict("x/b", "x/a") == .deny)
    #expect(world.verdict("y/c", "x/a") == .deny)
    #expect(
      world.engine.isolation(of: pods[0])
        == Isolation(ingress: true, egress: false, ingressPolicies: ["x/deny"], egressPolicies: []))
  }

  @Test("Policies isolate only pods of their own namespace")  // §1.1 "ingress isolation"
  func ownNamespaceOnly() {
    let deny = Fixture.np("x/deny", types: [.ingress])
    let world = World(pods: pods, policies: [deny])
    #expect(world.verdict("x/a", "y/c") == .allow)
  }

  // §1.1 "policyTypes default"
  @Test("policyTypes omitted with no egress defaults to Ingress only")
  func defaultIngressOnly() {
    let policy = Fixture.np("x/p", select: Fixture.sel(["app": "a"]), ingress: [])
    let world = World(pods: pods, policies: [policy])
    #expect(world.verdict("x/b", "x/a") == .deny)
    #expect(world.verdict("x/a", "x/b") == .allow)  // egress of a untouched
    #expect(world.engine.isolation(of: pods[0]).egress == false)
  }

  @Test("policyTypes omitted with egress rules adds Egress")  // §1.1 "policyTypes default", S3
  func defaultAddsEgress() {
    let policy = Fixture.np(
      "x/p", select: Fixture.sel(["app": "a"]),
      egress: [
        NetworkPolicyRule(peers: [NetworkPolicyPeer(podSelector: Fixture.sel(["app": "b"]))])
      ])
    let world = World(pods: pods, policies: [policy])
    #expect(world.verdict("x/a", "x/b") == .allow)
    #expect(world.verdict("x/a", "y/c") == .deny)
    #expect(world.verdict("x/b", "x/a") == .deny)  // ingress also isolated, no ingress rules
  }

  // §1.1 "policyTypes default"
  @Test("egress: [] does not add Egress to the defaulted policyTypes")
  func emptyEgressList() {
    let policy = Fixture.np("x/p", select: Fixture.sel(["app": "a"]), egress: [])
    let world = World(pods: pods, policies: [policy])
    #expect(world.verdict("x/a", "y/c") == .allow)
    #expect(world.verdict("x/b", "x/a") == .deny)
  }

  @Test("An Egress-only policy leaves ingress open")  // §1.1 "egress isolation"
  func egressOnly() {
    let policy = Fixture.np("x/p", select: Fixture.sel(["app": "a"]), types: [.egress])
    let world = World(pods: pods, policies: [policy])
    #expect(world.verdict("x/a", "x/b") == .deny)
    #expect(world.verdict("x/b", "x/a") == .allow)
  }

  // K-TYPES PolicyTypes
  @Test("Ingress rules of a policy whose policyTypes lacks Ingress are ignored")
  func ignoredRulesOfUnlistedType() {
    let policy = Fixture.np(
      "x/p", select: Fixture.sel(["app": "a"]), types: [.egress],
      ingress: [NetworkPolicyRule()], egress: [])
    let world = World(pods: pods, policies: [policy])
    #expect(world.engine.isolation(of: pods[0]).ingress == false)
    #expect(world.verdict("x/a", "y/c") == .deny)
  }

  @Test("Both ends must allow: an allowed egress meets an isolated ingress")  // §1.1 "both ends"
  func bothEnds() {
    let egressAll = Fixture.np(
      "x/out", select: Fixture.sel(["app": "a"]), types: [.egress], egress: [NetworkPolicyRule()])
    let denyIngress = Fixture.np("x/in", select: Fixture.sel(["app": "b"]), types: [.ingress])
    let world = World(pods: pods, policies: [egressAll, denyIngress])
    let explanation = world.explain("x/a", "x/b")
    #expect(explanation.verdict == .deny)
    #expect(explanation.egress?.verdict == .allow)
    #expect(explanation.ingress?.verdict == .deny)
    #expect(explanation.reason == "ingress-denied")
  }

  @Test("Stacked policies union their allows; order does not matter")  // §1.1 "additive"
  func stacked() {
    let fromB = Fixture.np(
      "x/from-b", select: Fixture.sel(["app": "a"]),
      ingress: [
        NetworkPolicyRule(peers: [NetworkPolicyPeer(podSelector: Fixture.sel(["app": "b"]))])
      ])
    let fromC = Fixture.np(
      "x/from-c", select: Fixture.sel(["app": "a"]),
      ingress: [
        NetworkPolicyRule(peers: [
          NetworkPolicyPeer(namespaceSelector: Fixture.sel(["kubernetes.io/metadata.name": "y"]))
        ])
      ])
    for policies in [[fromB, fromC], [fromC, fromB]] {
      let world = World(pods: pods, policies: policies)
      #expect(world.verdict("x/b", "x/a") == .allow)
      #expect(world.verdict("y/c", "x/a") == .allow)
      #expect(world.engine.isolation(of: pods[0]).ingressPolicies.count == 2)
    }
  }

  @Test("A deny-all policy does not cancel another policy's allow")  // §1.1 "additive"
  func denyAllPlusAllow() {
    let denyAll = Fixture.np("x/deny-all", types: [.ingress, .egress])
    let allowB = Fixture.np(
      "x/allow", select: Fixture.sel(["app": "a"]),
      ingress: [
        NetworkPolicyRule(peers: [NetworkPolicyPeer(podSelector: Fixture.sel(["app": "b"]))])
      ])
    let egressB = Fixture.np(
      "x/egress", select: Fixture.sel(["app": "b"]), types: [.egress],
      egress: [
        NetworkPolicyRule(peers: [NetworkPolicyPeer(podSelector: Fixture.sel(["app": "a"]))])
      ])
    let world = World(pods: pods, policies: [denyAll, allowB, egressB])
    #expect(world.verdict("x/b", "x/a") == .allow)
    #expect(world.verdict("x/a", "x/b") == .deny)
  }

  @Test("ingress: [{}] allows all ingress, egress: [{}] all egress")  // §1.2 "ingress: [{}]"
  func allowAll() {
    let policy = Fixture.np(
      "x/all", types: [.ingress, .egress], ingress: [NetworkPolicyRule()],
      egress: [NetworkPolicyRule()])
    let world = World(pods: pods, policies: [policy])
    #expect(world.verdict("y/c", "x/a") == .allow)
    #expect(world.verdict("x/a", "8.8.8.8", 53, .udp) == .allow)
    #expect(world.verdict("8.8.8.8", "x/a") == .allow)
  }
}
