import NetpolEngine
import NetpolModel
import NetpolSynthetic
import Testing

/// issue 3 "Commands" (matrix) and "Speed" (grouping must not change verdicts).
@Suite("The verdict matrix agrees with single-flow verdicts and reports changes")
struct MatrixTests {
  @Test(
    "Grouped matrix evaluation equals per-flow evaluation on synthetic clusters",
    arguments: [
      (UInt64(1), Dataplane.kubernetes), (2, .kubernetes), (3, .cilium), (4, .azureNPMWindows),
    ])
  func groupedEqualsPerFlow(seed: UInt64, dataplane: Dataplane) {
    let (inventory, policies) = SyntheticCluster.generate(
      pods: 60, policies: 30, namespaces: 4, seed: seed)
    let world = World(
      namespaces: inventory.namespaces, pods: inventory.pods, external: inventory.external,
      policies: policies, dataplane: dataplane)
    for (proto, port) in [(FlowProtocol.tcp, 8080), (.tcp, 443), (.udp, 53)] {
      #expect(world.matrixAgrees(port: port, proto: proto))
    }
  }

  @Test("The tally counts the same cells as the materialised matrix")  // issue 3 "Speed"
  func tallyMatchesMatrix() {
    let (inventory, policies) = SyntheticCluster.generate(
      pods: 200, policies: 80, namespaces: 8, seed: 7)
    let engine = PolicyEngine(inventory: inventory, policies: policies)
    let counts = engine.matrix(protocol: .tcp, port: 8080).counts
    let tally = engine.matrixTally(protocol: .tcp, port: 8080)
    #expect(tally.allowed == counts.allowed)
    #expect(tally.denied == counts.denied)
    #expect(tally.classes < 200)
  }

  @Test("The generator is deterministic for a seed")  // issue 3 "seeded generator"
  func deterministic() {
    let first = SyntheticCluster.generate(pods: 100, policies: 20, namespaces: 5, seed: 9)
    let second = SyntheticCluster.generate(pods: 100, policies: 20, namespaces: 5, seed: 9)
    #expect(first.inventory == second.inventory)
    #expect(first.policies == second.policies)
    #expect(first.inventory.pods.count == 100)
  }

  @Test("Sources are sorted pods; destinations are pods then external names")  // issue 3 "Commands"
  func layout() {
    let world = World(
      pods: [Fixture.pod("b/z"), Fixture.pod("a/y")],
      external: [
        ExternalEndpoint(name: "z.example", isFQDN: true, ips: ["203.0.113.2"]),
        ExternalEndpoint(name: "a.example", isFQDN: true, ips: ["203.0.113.1"]),
      ],
      policies: [])
    let matrix = world.engine.matrix(protocol: .tcp, port: 80)
    #expect(matrix.sources == ["a/y", "b/z"])
    #expect(matrix.destinations == ["a/y", "b/z", "a.example", "z.example"])
    #expect(matrix.isSelf(0, 0))
    #expect(!matrix.isSelf(0, 1))
  }

  // semantics.md §6 "Self traffic"
  @Test("Self traffic is computed and marked implementation-defined")
  func selfTraffic() {
    let world = World(
      pods: [Fixture.pod("x/a", ["app": "a"])],
      policies: [Fixture.np("x/deny", types: [.ingress])])
    let explanation = world.explain("x/a", "x/a")
    #expect(explanation.selfTraffic)
    #expect(explanation.verdict == .deny)
    #expect(explanation.notes.first?.contains("implementation-defined") == true)
  }

  // issue brief "FlowChange"
  @Test("changes(from:) lists only flipped cells, leaving out self traffic")
  func changes() {
    let pods = [Fixture.pod("x/a", ["app": "a"]), Fixture.pod("x/b", ["app": "b"])]
    let open = World(pods: pods, policies: []).engine.matrix(protocol: .tcp, port: 80)
    let closed = World(
      pods: pods,
      policies: [Fixture.np("x/deny", select: Fixture.sel(["app": "b"]), types: [.ingress])]
    ).engine.matrix(protocol: .tcp, port: 80)
    let changes = closed.changes(from: open)
    #expect(changes.map(\.description) == ["x/a -> x/b:80/TCP now denied"])
    #expect(changes.first?.old == .allow)
    #expect(open.changes(from: open).isEmpty)
  }

  // issue 3 "Commands"
  @Test("defaultPorts lists distinct container ports by protocol then number")
  func defaultPorts() {
    let world = World(
      pods: [
        Fixture.pod(
          "x/a", ports: [ContainerPort(port: 80), ContainerPort(port: 53, protocol: .udp)]),
        Fixture.pod("x/b", ports: [ContainerPort(port: 80), ContainerPort(port: 443)]),
      ],
      policies: [])
    let ports = world.engine.defaultPorts().map { "\($0.0.rawValue)/\($0.1)" }
    #expect(ports == ["TCP/80", "TCP/443", "UDP/53"])
  }
}

/// issue 3 "A flow's endpoints".
@Suite("Endpoints resolve from ns/pod, IP addresses and external names")
struct EndpointResolutionTests {
  let engine = PolicyEngine(
    inventory: Inventory(
      pods: [Fixture.pod("x/a", ip: "10.0.0.1")],
      external: [ExternalEndpoint(name: "Example.com", isFQDN: true, ips: ["93.184.215.14"])]),
    policies: [])

  @Test("ns/pod names a pod")
  func pod() throws {
    #expect(try engine.resolve("x/a").id == "x/a")
  }

  @Test("A pod's IP is that pod; another IP is the world")  // semantics.md §6 "Addresses"
  func addresses() throws {
    #expect(try engine.resolve("10.0.0.1").pod?.id == "x/a")
    #expect(try engine.resolve("10.0.0.2") == .address("10.0.0.2"))
    #expect(try engine.resolve("2001:db8::1") == .address("2001:db8::1"))
  }

  @Test("External names resolve case-insensitively")
  func external() throws {
    #expect(try engine.resolve("example.com").id == "Example.com")
  }

  @Test("Unknown pods and names are clear errors")
  func errors() {
    #expect(throws: EngineError.unknownPod("x/b")) { try engine.resolve("x/b") }
    #expect(throws: EngineError.unknownName("naver.com")) { try engine.resolve("naver.com") }
    #expect(
      EngineError.unknownName("naver.com").description
        == "unknown endpoint 'naver.com': not a pod (ns/pod), an IP address, or a name in the inventory's external list"
    )
  }
}
