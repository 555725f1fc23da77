import NetpolEngine
import NetpolModel
import Testing

/// semantics.md §4 / §4.1 per dataplane.
@Suite("Dataplane profiles change verdicts where the dataplanes differ and say so")
struct DataplaneProfileTests {
  let pods = [
    Fixture.pod(
      "x/web", ["app": "web"], ip: "10.0.0.1", ports: [ContainerPort(name: "http", port: 8080)]),
    Fixture.pod("x/client", ["app": "client"], ip: "10.0.0.2"),
  ]
  let web = Fixture.sel(["app": "web"])

  // §4.1 "CNP L3/L4"
  @Test("A CiliumNetworkPolicy is not enforced on calico or Azure NPM, and the note says so")
  func ciliumIgnored() {
    let cnp = Fixture.cnp("x/deny", CiliumRule(endpointSelector: web, ingress: [CiliumRuleEntry()]))
    for dataplane in [Dataplane.kubernetes, .calico, .azureNPM, .azureNPMWindows] {
      let world = World(pods: pods, policies: [cnp], dataplane: dataplane)
      let explanation = world.explain("x/client", "x/web", 8080)
      #expect(explanation.verdict == .allow)
      #expect(explanation.notes.contains { $0.hasPrefix("x/deny is not applied") })
    }
    #expect(
      World(pods: pods, policies: [cnp], dataplane: .azureCilium).verdict("x/client", "x/web", 8080)
        == .deny)
  }

  // §4 "Azure NPM (Windows)"; NPM controller
  @Test("Windows NPM does not apply a policy with a named port")
  func windowsNamedPort() {
    let policy = Fixture.np(
      "x/p", select: web,
      ingress: [
        NetworkPolicyRule(
          ports: [NetworkPolicyPort(port: .name("http"))],
          peers: [NetworkPolicyPeer(podSelector: Fixture.sel(["app": "other"]))])
      ])
    #expect(
      World(pods: pods, policies: [policy], dataplane: .azureNPM).verdict("x/client", "x/web", 8080)
        == .deny)
    let windows = World(pods: pods, policies: [policy], dataplane: .azureNPMWindows)
    #expect(windows.verdict("x/client", "x/web", 8080) == .allow)
    #expect(
      windows.explain("x/client", "x/web", 8080).notes.contains { $0.contains("named ports") })
  }

  // §4.1 NPM-W column
  @Test("Windows NPM does not apply a policy with except or negative selectors")
  func windowsExceptAndNegative() {
    let except = Fixture.np(
      "x/except", select: web,
      ingress: [
        NetworkPolicyRule(peers: [
          NetworkPolicyPeer(ipBlock: IPBlock(cidr: "0.0.0.0/0", except: ["10.0.0.0/8"]))
        ])
      ])
    let negative = Fixture.np(
      "x/neg",
      select: LabelSelector(matchExpressions: [
        LabelSelectorRequirement(key: "app", operator: .notIn, values: ["client"])
      ]),
      types: [.ingress])
    let engine = PolicyEngine(
      inventory: Inventory(pods: pods), policies: [except, negative], dataplane: .azureNPMWindows)
    #expect(engine.rejections.map(\.policy) == ["x/except", "x/neg"])
    #expect(
      engine.verdict(Flow(source: .pod(pods[1]), destination: .pod(pods[0]), port: 8080)) == .allow)
  }

  @Test("Profiles carry the §4.1 knobs")  // §4.1
  func knobs() {
    #expect(DataplaneProfile(.kubernetes).ipBlockMatchesPodIPs)
    #expect(DataplaneProfile(.calico).ipBlockMatchesPodIPs)
    #expect(!DataplaneProfile(.cilium).ipBlockMatchesPodIPs)
    #expect(!DataplaneProfile(.azureCilium).ipBlockMatchesPodIPs)
    #expect(!DataplaneProfile(.azureCilium).enforcesFQDN)
    #expect(DataplaneProfile(.azureCiliumACNS).enforcesFQDN)
    #expect(!DataplaneProfile(.azureNPMWindows).supportsNamedPorts)
    #expect(!DataplaneProfile(.azureNPMWindows).supportsSCTP)
    #expect(DataplaneProfile(.azureNPM).supportsEndPort)
  }

  // §4 "+ ACNS" (A-L7, A-FQDN)
  @Test("ACNS rejects HTTP rules in a clusterwide policy but keeps DNS rules")
  func acnsClusterwideL7() {
    let http = Fixture.ccnp(
      "l7",
      CiliumRule(
        endpointSelector: web,
        ingress: [
          CiliumRuleEntry(toPorts: [
            Fixture.toPorts("8080", .tcp, rules: L7Rules(http: [HTTPRule(method: "GET")]))
          ])
        ]))
    let dns = Fixture.ccnp(
      "dns",
      CiliumRule(
        endpointSelector: .everything,
        egress: [
          CiliumRuleEntry(toPorts: [
            Fixture.toPorts("53", rules: L7Rules(dns: [FQDNSelector(matchPattern: "*")]))
          ])
        ]))
    let profile = DataplaneProfile(.azureCiliumACNS)
    #expect(profile.rejectionReason(for: http) != nil)
    #expect(profile.rejectionReason(for: dns) == nil)
    #expect(DataplaneProfile(.cilium).rejectionReason(for: http) == nil)
  }

  @Test("ICMP on a NetworkPolicy dataplane is plugin-specific and noted")  // §1.1 "protocols"
  func icmpNote() {
    let world = World(
      pods: pods,
      policies: [
        Fixture.np("x/p", select: web, ingress: [NetworkPolicyRule(ports: [Fixture.port(8080)])])
      ])
    let explanation = world.explain("x/client", "x/web", nil, .icmp, icmpType: 8)
    #expect(explanation.verdict == .deny)
    #expect(explanation.notes.contains { $0.contains("plugin-specific") })
  }
}
