import NetpolEngine
import NetpolModel
import Testing

/// semantics.md §2.3–§2.5, §2.10 on the cilium dataplane.
@Suite("Cilium default-deny, empty entries, toPorts-only entries and deny rules")
struct CiliumRuleTests {
  let pods = [
    Fixture.pod(
      "x/server", ["app": "server"], ip: "10.0.0.1", ports: [ContainerPort(name: "http", port: 80)]),
    Fixture.pod("x/client", ["app": "client"], ip: "10.0.0.2"),
    Fixture.pod("x/other", ["app": "other"], ip: "10.0.0.3"),
  ]
  let server = Fixture.sel(["app": "server"])
  let client = Fixture.sel(["app": "client"])

  func world(_ policies: [PolicyResource], dataplane: Dataplane? = nil) -> World {
    World(pods: pods, policies: policies, dataplane: dataplane)
  }

  @Test("ingress: [{}] allows nothing and turns on default-deny")  // §2.4 "ingress: [{}]"
  func emptyIngressEntry() {
    let world = world([
      Fixture.cnp("x/deny", CiliumRule(endpointSelector: server, ingress: [CiliumRuleEntry()]))
    ])
    let explanation = world.explain("x/client", "x/server")
    #expect(explanation.verdict == .deny)
    #expect(explanation.ingress?.isolated == true)
    #expect(explanation.ingress?.nearestMisses.first?.contains("empty entry") == true)
  }

  @Test("egress: [{}] denies all egress (S5)")  // §2.4; scenarios.md S5
  func emptyEgressEntry() {
    let world = world([
      Fixture.cnp(
        "x/allow-all-egress", CiliumRule(endpointSelector: .everything, egress: [CiliumRuleEntry()])
      )
    ])
    #expect(world.verdict("x/client", "x/server") == .deny)
    #expect(world.verdict("x/client", "142.250.1.1", 443) == .deny)
    #expect(world.explain("x/client", "x/server").reason == "egress-denied")
  }

  @Test("toEntities: [all] is the Cilium allow-all egress")  // §6 "egress: [{}]"
  func allowAllEntities() {
    let world = world([
      Fixture.cnp(
        "x/all",
        CiliumRule(endpointSelector: .everything, egress: [CiliumRuleEntry(entities: ["all"])]))
    ])
    #expect(world.verdict("x/client", "x/server") == .allow)
    #expect(world.verdict("x/client", "142.250.1.1", 443) == .allow)
  }

  @Test("fromEndpoints: [] selects nothing")  // §2.4 "fromEndpoints: []"
  func emptyEndpointList() {
    let world = world([
      Fixture.cnp(
        "x/p", CiliumRule(endpointSelector: server, ingress: [CiliumRuleEntry(endpoints: [])]))
    ])
    #expect(world.verdict("x/client", "x/server") == .deny)
  }

  @Test("A toPorts-only entry is an L3 wildcard on those ports")  // §2.4 "toPorts only"
  func toPortsOnly() {
    let world = world([
      Fixture.cnp(
        "x/p",
        CiliumRule(
          endpointSelector: server,
          ingress: [CiliumRuleEntry(toPorts: [Fixture.toPorts("80", .tcp)])]))
    ])
    #expect(world.verdict("x/other", "x/server", 80) == .allow)
    #expect(world.verdict("203.0.113.1", "x/server", 80) == .allow)
    #expect(world.verdict("x/other", "x/server", 81) == .deny)
  }

  // §2.7 "L3-dependent L4"
  @Test("An entry with L3 and toPorts allows only that L3 on those ports")
  func l3AndL4() {
    let world = world([
      Fixture.cnp(
        "x/p",
        CiliumRule(
          endpointSelector: server,
          ingress: [CiliumRuleEntry(endpoints: [client], toPorts: [Fixture.toPorts("80", .tcp)])]))
    ])
    #expect(world.verdict("x/client", "x/server", 80) == .allow)
    #expect(world.verdict("x/client", "x/server", 81) == .deny)
    #expect(world.verdict("x/other", "x/server", 80) == .deny)
  }

  // §2.3
  @Test("enableDefaultDeny ingress false keeps other traffic allowed while its allows apply")
  func enableDefaultDenyFalse() {
    let world = world([
      Fixture.cnp(
        "x/p",
        CiliumRule(
          endpointSelector: server, ingress: [CiliumRuleEntry(endpoints: [client])],
          enableDefaultDeny: DefaultDenyConfig(ingress: false)))
    ])
    #expect(world.verdict("x/other", "x/server") == .allow)
    #expect(world.verdict("x/client", "x/server") == .allow)
    #expect(world.explain("x/client", "x/server").ingress?.isolated == false)
  }

  // §2.3: enableDefaultDeny came with Cilium 1.16 (PR cilium/cilium#30572); before it, a rule
  // with ingress entries always put ingress into default-deny.
  @Test("Before Cilium 1.16 enableDefaultDeny false is not honoured")
  func enableDefaultDenyNeedsCilium116() {
    let policies = [
      Fixture.cnp(
        "x/p",
        CiliumRule(
          endpointSelector: server, ingress: [CiliumRuleEntry(endpoints: [client])],
          enableDefaultDeny: DefaultDenyConfig(ingress: false)))
    ]
    let old = World(
      pods: pods, policies: policies, dataplane: .cilium,
      options: EngineOptions(ciliumVersion: CiliumVersion(major: 1, minor: 15)))
    #expect(old.verdict("x/other", "x/server") == .deny)
    #expect(old.verdict("x/client", "x/server") == .allow)
    let current = World(
      pods: pods, policies: policies, dataplane: .cilium,
      options: EngineOptions(ciliumVersion: CiliumVersion(major: 1, minor: 16)))
    #expect(current.verdict("x/other", "x/server") == .allow)
  }

  // §2.3 "Endpoint is default-deny if any…"
  @Test("Default-deny holds if any selecting rule requests it")
  func anyRuleIsolates() {
    let world = world([
      Fixture.cnp(
        "x/soft",
        CiliumRule(
          endpointSelector: server, ingress: [CiliumRuleEntry(endpoints: [client])],
          enableDefaultDeny: DefaultDenyConfig(ingress: false))),
      Fixture.cnp("x/hard", CiliumRule(endpointSelector: server, ingress: [CiliumRuleEntry()])),
    ])
    #expect(world.verdict("x/other", "x/server") == .deny)
    #expect(world.verdict("x/client", "x/server") == .allow)
  }

  // §2.3 "Deny sections count too"
  @Test("An egressDeny-only policy puts egress into default-deny")
  func denyOnlyIsolates() {
    let world = world([
      Fixture.cnp(
        "x/p",
        CiliumRule(endpointSelector: client, egressDeny: [CiliumRuleEntry(endpoints: [server])]))
    ])
    #expect(world.verdict("x/client", "x/server") == .deny)
    #expect(world.verdict("x/client", "x/other") == .deny)
    #expect(world.explain("x/client", "x/server").reason == "egress-denylist")
    #expect(world.explain("x/client", "x/other").reason == "egress-denied")
  }

  @Test("A deny entry beats an allow of another CNP")  // §2.5
  func denyBeatsAllow() {
    let world = world([
      Fixture.cnp(
        "x/allow",
        CiliumRule(endpointSelector: server, ingress: [CiliumRuleEntry(entities: ["all"])])),
      Fixture.cnp(
        "x/deny",
        CiliumRule(endpointSelector: server, ingressDeny: [CiliumRuleEntry(endpoints: [client])])),
    ])
    let explanation = world.explain("x/client", "x/server")
    #expect(explanation.verdict == .deny)
    #expect(
      explanation.ingress?.deniedBy.first?.described
        == "x/deny spec.ingressDeny[0].fromEndpoints[0]")
    #expect(world.verdict("x/other", "x/server") == .allow)
  }

  @Test("The deny table: deny 80/TCP leaves 81 allowed")  // §2.5 "Deny table" (C-DENY)
  func denyTable() {
    let world = world([
      Fixture.cnp(
        "x/allow",
        CiliumRule(
          endpointSelector: server,
          ingress: [
            CiliumRuleEntry(
              endpoints: [client],
              toPorts: [
                PortRule(ports: [
                  CiliumPort(port: "80", protocol: .tcp), CiliumPort(port: "81", protocol: .tcp),
                ])
              ])
          ])),
      Fixture.cnp(
        "x/deny",
        CiliumRule(
          endpointSelector: server,
          ingressDeny: [
            CiliumRuleEntry(endpoints: [client], toPorts: [Fixture.toPorts("80", .tcp)])
          ])),
    ])
    #expect(world.verdict("x/client", "x/server", 81) == .allow)
    #expect(world.verdict("x/client", "x/server", 80) == .deny)
  }

  @Test("A CNP deny beats a Kubernetes NetworkPolicy allow")  // §2.5; §2.10
  func denyBeatsNetworkPolicy() {
    let world = world([
      Fixture.np("x/np", select: server, ingress: [NetworkPolicyRule()]),
      Fixture.cnp(
        "x/deny",
        CiliumRule(endpointSelector: server, ingressDeny: [CiliumRuleEntry(endpoints: [client])])),
    ])
    #expect(world.verdict("x/client", "x/server") == .deny)
    #expect(world.verdict("x/other", "x/server") == .allow)
  }

  @Test("NetworkPolicy and CNP allows are a union on Cilium")  // §2.10
  func unionWithNetworkPolicy() {
    let world = world([
      Fixture.np(
        "x/np", select: server,
        ingress: [NetworkPolicyRule(peers: [NetworkPolicyPeer(podSelector: client)])]),
      Fixture.cnp(
        "x/cnp",
        CiliumRule(
          endpointSelector: server,
          ingress: [CiliumRuleEntry(endpoints: [Fixture.sel(["app": "other"])])])),
    ])
    #expect(world.verdict("x/client", "x/server") == .allow)
    #expect(world.verdict("x/other", "x/server") == .allow)
    #expect(world.verdict("203.0.113.1", "x/server") == .deny)
  }

  @Test("A NetworkPolicy ingress: [{}] still allows everything on Cilium")  // §5 "Special cases"
  func networkPolicyEmptyRuleOnCilium() {
    let world = world(
      [Fixture.np("x/np", select: server, ingress: [NetworkPolicyRule()])], dataplane: .cilium)
    #expect(world.verdict("x/client", "x/server") == .allow)
    #expect(world.verdict("203.0.113.1", "x/server") == .allow)
  }

  @Test("NetworkPolicy ipBlock never matches pod IPs on Cilium")  // §2.10 (#9209); §4.1
  func ipBlockNotPods() {
    let policy = Fixture.np(
      "x/np", select: server,
      ingress: [NetworkPolicyRule(peers: [NetworkPolicyPeer(ipBlock: IPBlock(cidr: "10.0.0.0/8"))])]
    )
    let cilium = world([policy], dataplane: .cilium)
    #expect(cilium.verdict("x/client", "x/server") == .deny)
    #expect(cilium.verdict("10.9.9.9", "x/server") == .allow)
    let kubernetes = world([policy], dataplane: .kubernetes)
    #expect(kubernetes.verdict("x/client", "x/server") == .allow)
  }

  @Test("A Cilium policy with only an egress section leaves ingress open")  // §2.3 "per direction"
  func perDirection() {
    let world = world([
      Fixture.cnp(
        "x/p", CiliumRule(endpointSelector: server, egress: [CiliumRuleEntry(entities: ["world"])]))
    ])
    #expect(world.verdict("x/client", "x/server") == .allow)
    #expect(world.verdict("x/server", "x/client") == .deny)
    #expect(world.verdict("x/server", "203.0.113.1", 443) == .allow)
  }
}
