import NetpolEngine
import NetpolModel
import NetpolViews
import Testing

/// semantics.md §2.6 and §2.7 on the cilium dataplane.
@Suite("Cilium entities, CIDRs, ports and ICMP")
struct CiliumPeerPortTests {
  let pods = [
    Fixture.pod(
      "x/server", ["app": "server"], ip: "10.0.0.1",
      ports: [
        ContainerPort(name: "http", port: 8080),
        ContainerPort(name: "metrics", port: 9100, protocol: .udp),
      ]),
    Fixture.pod("x/client", ["app": "client"], ip: "10.0.0.2"),
    Fixture.pod("y/remote", ["app": "remote"], ip: "10.0.1.2"),
  ]
  let server = Fixture.sel(["app": "server"])

  func ingress(_ entry: CiliumRuleEntry) -> World {
    World(
      pods: pods,
      policies: [Fixture.cnp("x/p", CiliumRule(endpointSelector: server, ingress: [entry]))])
  }

  func egress(_ entry: CiliumRuleEntry) -> World {
    World(
      pods: pods,
      policies: [
        Fixture.cnp(
          "x/p", CiliumRule(endpointSelector: Fixture.sel(["app": "client"]), egress: [entry]))
      ])
  }

  @Test("Entity cluster admits pods of every namespace but not the world")  // §2.6 entities
  func entityCluster() {
    let world = ingress(CiliumRuleEntry(entities: ["cluster"]))
    #expect(world.verdict("y/remote", "x/server") == .allow)
    #expect(world.verdict("203.0.113.1", "x/server") == .deny)
  }

  @Test("Entity world admits outside addresses but not pods")  // §2.6 entities
  func entityWorld() {
    let world = egress(CiliumRuleEntry(entities: ["world"]))
    #expect(world.verdict("x/client", "142.250.1.1", 443) == .allow)
    #expect(world.verdict("x/client", "x/server", 8080) == .deny)
  }

  @Test("Entity all admits everything")  // §2.6 entities
  func entityAll() {
    let world = ingress(CiliumRuleEntry(entities: ["all"]))
    #expect(world.verdict("y/remote", "x/server") == .allow)
    #expect(world.verdict("203.0.113.1", "x/server") == .allow)
  }

  // §2.6 entities; §6
  @Test("Entities host, remote-node and kube-apiserver match no inventory endpoint")
  func nodeEntities() {
    let world = egress(CiliumRuleEntry(entities: ["host", "remote-node", "kube-apiserver"]))
    #expect(world.verdict("x/client", "x/server", 8080) == .deny)
    #expect(world.verdict("x/client", "203.0.113.1", 443) == .deny)
  }

  @Test("toCIDR matches outside addresses but never pod IPs")  // §2.6 "CIDR scope"
  func cidrNeverPods() {
    let world = egress(CiliumRuleEntry(cidr: ["10.0.0.0/8", "203.0.113.0/24"]))
    #expect(world.verdict("x/client", "203.0.113.7", 443) == .allow)
    #expect(world.verdict("x/client", "x/server", 8080) == .deny)
    #expect(world.verdict("x/client", "10.99.0.1", 443) == .allow)
  }

  @Test("toCIDRSet except carves out a range")  // §2.6 toCIDRSet
  func cidrSetExcept() {
    let world = egress(
      CiliumRuleEntry(cidrSet: [CIDRRule(cidr: "0.0.0.0/0", except: ["169.254.169.254/32"])]))
    #expect(world.verdict("x/client", "142.250.1.1", 443) == .allow)
    #expect(world.verdict("x/client", "169.254.169.254", 80) == .deny)
  }

  @Test("An omitted protocol in toPorts means ANY")  // §2.7 "protocol"
  func protocolAny() {
    let world = ingress(CiliumRuleEntry(toPorts: [Fixture.toPorts("53")]))
    #expect(world.verdict("x/client", "x/server", 53, .tcp) == .allow)
    #expect(world.verdict("x/client", "x/server", 53, .udp) == .allow)
    #expect(world.verdict("x/client", "x/server", 53, .sctp) == .allow)
    #expect(world.verdict("x/client", "x/server", 54, .udp) == .deny)
  }

  @Test("An explicit protocol restricts the port to it")  // §2.7 "protocol"
  func protocolExplicit() {
    let world = ingress(CiliumRuleEntry(toPorts: [Fixture.toPorts("53", .udp)]))
    #expect(world.verdict("x/client", "x/server", 53, .udp) == .allow)
    #expect(world.verdict("x/client", "x/server", 53, .tcp) == .deny)
  }

  @Test("Port 0 means every port")  // §2.7 "port"
  func portZero() {
    let world = ingress(CiliumRuleEntry(toPorts: [Fixture.toPorts("0", .tcp)]))
    #expect(world.verdict("x/client", "x/server", 1) == .allow)
    #expect(world.verdict("x/client", "x/server", 65535) == .allow)
    #expect(world.verdict("x/client", "x/server", 53, .udp) == .deny)
  }

  @Test("endPort makes an inclusive range")  // §2.7 "endPort"
  func endPort() {
    let world = ingress(CiliumRuleEntry(toPorts: [Fixture.toPorts("8000", .tcp, end: 8100)]))
    #expect(world.verdict("x/client", "x/server", 8100) == .allow)
    #expect(world.verdict("x/client", "x/server", 8101) == .deny)
  }

  // §2.7 "port"
  @Test("Named ports resolve against the destination's container ports, case-insensitively")
  func namedPort() {
    let world = ingress(CiliumRuleEntry(toPorts: [Fixture.toPorts("HTTP")]))
    #expect(world.verdict("x/client", "x/server", 8080) == .allow)
    #expect(world.verdict("x/client", "x/server", 80) == .deny)
    let udp = ingress(CiliumRuleEntry(toPorts: [Fixture.toPorts("metrics")]))
    #expect(udp.verdict("x/client", "x/server", 9100, .udp) == .allow)
    #expect(udp.verdict("x/client", "x/server", 9100, .tcp) == .deny)
  }

  @Test("icmps admits the listed ICMP type, by name or number")  // §2.7 "icmps"
  func icmpRule() {
    let byName = ingress(
      CiliumRuleEntry(icmps: [ICMPRule(fields: [ICMPField(type: "EchoRequest")])]))
    #expect(byName.verdict("x/client", "x/server", nil, .icmp, icmpType: 8) == .allow)
    #expect(byName.verdict("x/client", "x/server", nil, .icmp, icmpType: 13) == .deny)
    #expect(byName.verdict("x/client", "x/server", 80, .tcp) == .deny)
    let byNumber = ingress(
      CiliumRuleEntry(icmps: [ICMPRule(fields: [ICMPField(family: "IPv4", type: "8")])]))
    #expect(byNumber.verdict("x/client", "x/server", nil, .icmp, icmpType: 8) == .allow)
  }

  /// The CRD pattern accepts `Echo` as an ICMPv4 name; Cilium's `icmp.go` maps it to type 8, as
  /// it does `EchoRequest`. Validation and evaluation must read it the same way.
  @Test("The ICMPv4 name Echo admits type 8, as EchoRequest does")
  func icmpEchoAlias() {
    let echo = ingress(CiliumRuleEntry(icmps: [ICMPRule(fields: [ICMPField(type: "Echo")])]))
    #expect(echo.verdict("x/client", "x/server", nil, .icmp, icmpType: 8) == .allow)
    #expect(echo.verdict("x/client", "x/server", nil, .icmp, icmpType: 0) == .deny)
  }

  @Test("An L4 rule blocks ICMP; an L3-only rule admits it")  // §2.7 "L4 blocks ICMP"
  func l4BlocksICMP() {
    let l4 = ingress(
      CiliumRuleEntry(endpoints: [.everything], toPorts: [Fixture.toPorts("80", .tcp)]))
    #expect(l4.verdict("x/client", "x/server", nil, .icmp, icmpType: 8) == .deny)
    let l3 = ingress(CiliumRuleEntry(endpoints: [.everything]))
    #expect(l3.verdict("x/client", "x/server", nil, .icmp, icmpType: 8) == .allow)
  }

  @Test("toServices and toNodes match nothing the inventory holds")  // §2.6 toServices/toNodes; §6
  func unmatchable() {
    let world = egress(
      CiliumRuleEntry(services: [ServiceSelector(serviceName: "api", namespace: "x")]))
    #expect(world.verdict("x/client", "x/server", 8080) == .deny)
    #expect(
      world.explain("x/client", "x/server", 8080).egress?.nearestMisses.first?.contains(
        "no services") == true)
  }
}

/// semantics.md §2.8.
@Suite("Cilium HTTP rules allow the connection and answer 403 to other requests")
struct CiliumHTTPTests {
  let pods = [
    Fixture.pod("x/api", ["app": "api"], ip: "10.0.0.1", ports: [ContainerPort(port: 80)]),
    Fixture.pod("x/client", ["app": "client"], ip: "10.0.0.2"),
  ]

  func world(extra: [PolicyResource] = [], dataplane: Dataplane? = nil) -> World {
    let http = L7Rules(http: [HTTPRule(method: "GET", path: "/public/.*")])
    let policy = Fixture.cnp(
      "x/l7",
      CiliumRule(
        endpointSelector: Fixture.sel(["app": "api"]),
        ingress: [
          CiliumRuleEntry(
            endpoints: [Fixture.sel(["app": "client"])],
            toPorts: [Fixture.toPorts("80", .tcp, rules: http)])
        ]))
    return World(pods: pods, policies: [policy] + extra, dataplane: dataplane)
  }

  @Test("A matching request is allowed")  // §2.8
  func matching() {
    #expect(
      world().verdict("x/client", "x/api", 80, method: "GET", path: "/public/index") == .allow)
  }

  // §2.8 "Violation"
  @Test("A non-matching request is denied with 403 while the connection is allowed")
  func forbidden() {
    let explanation = world().explain("x/client", "x/api", 80, method: "POST", path: "/public/x")
    #expect(explanation.verdict == .deny)
    #expect(explanation.reason == "http-403")
    #expect(explanation.ingress?.verdict == .allow)
    #expect(explanation.ingress?.http?.verdict == .deny)
    #expect(explanation.text().contains("403"))
    #expect(
      world().hubble("x/client", "x/api", 80, method: "POST", path: "/public/x").last?.contains(
        "http-request DROPPED (HTTP/1.1 POST http://10.0.0.1/public/x)") == true)
  }

  @Test("Without an HTTP method the verdict is the L4 one")  // issue 3; §2.8
  func l4Only() {
    #expect(world().verdict("x/client", "x/api", 80) == .allow)
  }

  // §2.8 "plain L4 allow"
  @Test("A plain L4 allow on the same port makes the HTTP rules ineffective")
  func plainAllow() {
    let plain = Fixture.cnp(
      "x/plain",
      CiliumRule(
        endpointSelector: Fixture.sel(["app": "api"]),
        ingress: [CiliumRuleEntry(endpoints: [.everything], toPorts: [Fixture.toPorts("80", .tcp)])]
      ))
    #expect(
      world(extra: [plain]).verdict("x/client", "x/api", 80, method: "DELETE", path: "/admin")
        == .allow)
  }

  @Test("On azure-cilium without ACNS the L7 policy is rejected and noted")  // §4 "+ ACNS"; §4.1
  func azureWithoutACNS() {
    let world = world(dataplane: .azureCilium)
    let explanation = world.explain("x/client", "x/api", 80, method: "POST", path: "/x")
    #expect(explanation.verdict == .allow)
    #expect(explanation.notes.contains { $0.hasPrefix("x/l7 is not applied") })
  }
}
