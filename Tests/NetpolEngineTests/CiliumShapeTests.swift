import NetpolEngine
import NetpolModel
import Testing

/// semantics.md §2.1 object shape and remaining §2.6 / §2.8 rows.
@Suite("Cilium specs lists, dual-stack entities and egress HTTP rules")
struct CiliumShapeTests {
  let pods = [
    Fixture.pod("x/api", ["app": "api"], ip: "10.0.0.1", ports: [ContainerPort(port: 80)]),
    Fixture.pod("x/client", ["app": "client"], ip: "10.0.0.2"),
  ]

  // §2.1: `spec` and every `specs[i]` are rules of the same object; paths name the rule.
  @Test("Rules under specs apply and are named by their index")
  func specsList() {
    let policy = PolicyResource.cilium(
      CiliumPolicy(
        kind: .networkPolicy, metadata: ObjectMeta(name: "multi", namespace: "x"),
        specs: [
          CiliumRule(endpointSelector: Fixture.sel(["app": "api"]), ingress: [CiliumRuleEntry()]),
          CiliumRule(
            endpointSelector: Fixture.sel(["app": "api"]),
            ingress: [CiliumRuleEntry(endpoints: [Fixture.sel(["app": "client"])])]),
        ]))
    let world = World(pods: pods, policies: [policy])
    let explanation = world.explain("x/client", "x/api")
    #expect(explanation.verdict == .allow)
    #expect(explanation.ingress?.allowedBy.first?.path == "specs[1].ingress[0].fromEndpoints[0]")
  }

  // §2.6 entities: world-ipv4 / world-ipv6 split the world by address family.
  @Test("world-ipv6 admits only IPv6 outside addresses")
  func worldIPv6() {
    let policy = Fixture.cnp(
      "x/v6",
      CiliumRule(
        endpointSelector: Fixture.sel(["app": "client"]),
        egress: [CiliumRuleEntry(entities: ["world-ipv6"])]))
    let world = World(pods: pods, policies: [policy])
    #expect(world.verdict("x/client", "2001:db8::10", 443) == .allow)
    #expect(world.verdict("x/client", "203.0.113.10", 443) == .deny)
  }

  // §2.8: L7 rules apply on egress too; the request is refused with 403.
  @Test("Egress HTTP rules answer 403 to other requests")
  func egressHTTP() {
    let policy = Fixture.cnp(
      "x/l7-out",
      CiliumRule(
        endpointSelector: Fixture.sel(["app": "client"]),
        egress: [
          CiliumRuleEntry(
            endpoints: [Fixture.sel(["app": "api"])],
            toPorts: [
              Fixture.toPorts("80", .tcp, rules: L7Rules(http: [HTTPRule(method: "GET|HEAD")]))
            ])
        ]))
    let world = World(pods: pods, policies: [policy])
    #expect(world.verdict("x/client", "x/api", 80, method: "HEAD", path: "/") == .allow)
    let denied = world.explain("x/client", "x/api", 80, method: "PUT", path: "/x")
    #expect(denied.reason == "http-403")
    #expect(denied.egress?.http?.verdict == .deny)
  }

  // §2.10: a NetworkPolicy named port is resolved the same way on Cilium.
  @Test("NetworkPolicy named ports work on the cilium dataplane")
  func networkPolicyNamedPortOnCilium() {
    var named = pods
    named[0].ports = [ContainerPort(name: "web", port: 8080)]
    let policy = Fixture.np(
      "x/np", select: Fixture.sel(["app": "api"]),
      ingress: [NetworkPolicyRule(ports: [NetworkPolicyPort(port: .name("web"))])])
    let world = World(pods: named, policies: [policy], dataplane: .cilium)
    #expect(world.verdict("x/client", "x/api", 8080) == .allow)
    #expect(world.verdict("x/client", "x/api", 80) == .deny)
  }

  // §2.2: a matchExpressions entry on the namespace key also lifts the namespace scope.
  @Test("A namespace expression in fromEndpoints admits the listed namespaces")
  func namespaceExpression() {
    let all = pods + [Fixture.pod("y/client", ["app": "client"], ip: "10.0.1.2")]
    let policy = Fixture.cnp(
      "x/p",
      CiliumRule(
        endpointSelector: Fixture.sel(["app": "api"]),
        ingress: [
          CiliumRuleEntry(endpoints: [
            LabelSelector(matchExpressions: [
              LabelSelectorRequirement(
                key: "k8s:io.kubernetes.pod.namespace", operator: .in, values: ["y"])
            ])
          ])
        ]))
    let world = World(pods: all, policies: [policy])
    #expect(world.verdict("y/client", "x/api") == .allow)
    #expect(world.verdict("x/client", "x/api") == .deny)
  }
}
