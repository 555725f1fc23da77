import NetpolEngine
import NetpolModel
import Testing

/// semantics.md §1.2 ports and ipBlock, on the kubernetes dataplane.
@Suite("NetworkPolicy ports, protocols, named ports, endPort and ipBlock")
struct NetworkPolicyPortTests {
  let pods = [
    Fixture.pod(
      "x/web", ["app": "web"], ip: "10.0.0.1",
      ports: [
        ContainerPort(name: "http", port: 8080),
        ContainerPort(name: "dns", port: 53, protocol: .udp),
      ]),
    Fixture.pod(
      "x/alt", ["app": "alt"], ip: "10.0.0.5", ports: [ContainerPort(name: "http", port: 9090)]),
    Fixture.pod("x/client", ["app": "client"], ip: "10.0.0.2"),
  ]

  func ingress(_ ports: [NetworkPolicyPort]?, peers: [NetworkPolicyPeer]? = nil) -> World {
    World(
      pods: pods,
      policies: [
        Fixture.np(
          "x/p", select: Fixture.sel(["app": "web"]),
          ingress: [NetworkPolicyRule(ports: ports, peers: peers)])
      ])
  }

  @Test("An omitted protocol means TCP")  // §1.2 "protocol" (K-DEF)
  func defaultTCP() {
    let world = ingress([Fixture.port(80)])
    #expect(world.verdict("x/client", "x/web", 80, .tcp) == .allow)
    #expect(world.verdict("x/client", "x/web", 80, .udp) == .deny)
  }

  @Test("TCP, UDP and SCTP on the same number are independent")  // §1.2 "protocol"
  func protocolsIndependent() {
    let world = ingress([Fixture.port(5000, .udp), Fixture.port(6000, .sctp)])
    #expect(world.verdict("x/client", "x/web", 5000, .udp) == .allow)
    #expect(world.verdict("x/client", "x/web", 5000, .tcp) == .deny)
    #expect(world.verdict("x/client", "x/web", 6000, .sctp) == .allow)
    #expect(world.verdict("x/client", "x/web", 6000, .udp) == .deny)
  }

  @Test("A port entry without port admits every port of its protocol")  // §1.2 "port"
  func protocolOnly() {
    let world = ingress([NetworkPolicyPort(protocol: .udp)])
    #expect(world.verdict("x/client", "x/web", 12345, .udp) == .allow)
    #expect(world.verdict("x/client", "x/web", 12345, .tcp) == .deny)
  }

  @Test("endPort makes an inclusive range")  // §1.2 "endPort"
  func endPortRange() {
    let world = ingress([Fixture.port(32000, .tcp, end: 32768)])
    #expect(world.verdict("x/client", "x/web", 32000) == .allow)
    #expect(world.verdict("x/client", "x/web", 32768) == .allow)
    #expect(world.verdict("x/client", "x/web", 32769) == .deny)
    #expect(world.verdict("x/client", "x/web", 31999) == .deny)
  }

  @Test("An ingress named port resolves against the selected pod")  // §1.2 "named port"
  func namedIngress() {
    let world = ingress([NetworkPolicyPort(port: .name("http"))])
    #expect(world.verdict("x/client", "x/web", 8080) == .allow)
    #expect(world.verdict("x/client", "x/web", 80) == .deny)
  }

  @Test("A named port must match the container port's protocol too")  // §1.2 "named port"
  func namedPortProtocol() {
    let udp = ingress([NetworkPolicyPort(protocol: .udp, port: .name("dns"))])
    #expect(udp.verdict("x/client", "x/web", 53, .udp) == .allow)
    let tcp = ingress([NetworkPolicyPort(port: .name("dns"))])
    #expect(tcp.verdict("x/client", "x/web", 53, .tcp) == .deny)
    #expect(tcp.verdict("x/client", "x/web", 53, .udp) == .deny)
  }

  // §1.2 "named port" (inference)
  @Test("An egress named port resolves against each destination pod")
  func namedEgress() {
    let policy = Fixture.np(
      "x/out", select: Fixture.sel(["app": "client"]), types: [.egress],
      egress: [NetworkPolicyRule(ports: [NetworkPolicyPort(port: .name("http"))])])
    let world = World(pods: pods, policies: [policy])
    #expect(world.verdict("x/client", "x/web", 8080) == .allow)
    #expect(world.verdict("x/client", "x/alt", 9090) == .allow)
    #expect(world.verdict("x/client", "x/alt", 8080) == .deny)
    #expect(world.verdict("x/client", "203.0.113.1", 8080) == .deny)  // cannot resolve for non-pods
    #expect(world.matrixAgrees(port: 8080))
    #expect(world.matrixAgrees(port: 9090))
  }

  @Test("ipBlock admits addresses in the CIDR and not in except")  // §1.2 "ipBlock"
  func ipBlockExcept() {
    let world = ingress(
      nil,
      peers: [
        NetworkPolicyPeer(ipBlock: IPBlock(cidr: "203.0.113.0/24", except: ["203.0.113.128/25"]))
      ])
    #expect(world.verdict("203.0.113.5", "x/web") == .allow)
    #expect(world.verdict("203.0.113.200", "x/web") == .deny)
    #expect(world.verdict("198.51.100.1", "x/web") == .deny)
  }

  // §4.1 "ipBlock matching pod IPs"
  @Test("ipBlock matches pod IPs on the kubernetes dataplane and says it depends on it")
  func ipBlockPodIP() {
    let world = ingress(
      nil,
      peers: [NetworkPolicyPeer(ipBlock: IPBlock(cidr: "10.0.0.0/24", except: ["10.0.0.5/32"]))])
    #expect(world.verdict("x/client", "x/web") == .allow)
    #expect(world.verdict("x/alt", "x/web") == .deny)
    let explanation = world.explain("x/client", "x/web")
    #expect(explanation.notes.contains { $0.contains("depends on the dataplane") })
    #expect(world.matrixAgrees())
  }

  @Test("Egress ipBlock with except covers the world only where not excepted")  // §1.2 "ipBlock"
  func egressIPBlock() {
    let policy = Fixture.np(
      "x/out", select: Fixture.sel(["app": "client"]), types: [.egress],
      egress: [
        NetworkPolicyRule(
          ports: [Fixture.port(443)],
          peers: [NetworkPolicyPeer(ipBlock: IPBlock(cidr: "0.0.0.0/0", except: ["10.0.0.0/8"]))])
      ])
    let world = World(pods: pods, policies: [policy])
    #expect(world.verdict("x/client", "142.250.1.1", 443) == .allow)
    #expect(world.verdict("x/client", "142.250.1.1", 80) == .deny)
    #expect(world.verdict("x/client", "x/web", 443) == .deny)  // pod IP in except
  }

  @Test("IPv6 ipBlocks match IPv6 addresses only")  // §1.2 "ipBlock"
  func ipv6Block() {
    let world = ingress(nil, peers: [NetworkPolicyPeer(ipBlock: IPBlock(cidr: "2001:db8::/32"))])
    #expect(world.verdict("2001:db8::1", "x/web") == .allow)
    #expect(world.verdict("2001:db9::1", "x/web") == .deny)
    #expect(world.verdict("203.0.113.5", "x/web") == .deny)
  }

  @Test("A port miss names the allowed port and the flow's port")  // issue 3 "nearest misses"
  func portMissText() {
    let world = ingress([Fixture.port(80)])
    let misses = world.explain("x/client", "x/web", 8080).ingress?.nearestMisses
    #expect(
      misses == ["x/p spec.ingress[0].ports[0] allows TCP (default) 80; the flow is TCP 8080"])
  }
}
