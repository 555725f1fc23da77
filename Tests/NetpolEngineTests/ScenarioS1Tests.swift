import NetpolEngine
import NetpolModel
import Testing

/// scenarios.md S1 on the kubernetes dataplane.
@Suite("The AKS demo: the server isolates ingress and admits only app=client")
struct ScenarioS1Tests {
  let pods = [
    Fixture.pod(
      "demo/server", ["app": "server"], ip: "10.0.0.10", ports: [ContainerPort(port: 80)]),
    Fixture.pod("demo/client", ip: "10.0.0.11"),
  ]
  let policy = Fixture.np(
    "demo/demo-policy", select: Fixture.sel(["app": "server"]),
    ingress: [
      NetworkPolicyRule(
        ports: [Fixture.port(80, .tcp)],
        peers: [NetworkPolicyPeer(podSelector: Fixture.sel(["app": "client"]))])
    ])

  @Test("Without policies everything is allowed")  // semantics.md §1.1 "ingress isolation"
  func noPolicy() {
    let world = World(pods: pods, policies: [])
    #expect(world.verdict("demo/client", "demo/server") == .allow)
    #expect(world.engine.dataplane == .kubernetes)
  }

  @Test("demo-policy denies the unlabelled client and names the nearest miss")
  func denied() {
    let world = World(pods: pods, policies: [policy])
    let explanation = world.explain("demo/client", "demo/server")
    #expect(explanation.verdict == .deny)
    #expect(explanation.ingress?.isolatedBy == ["demo/demo-policy"])
    #expect(explanation.ingress?.decision == .noRuleAllows)
    #expect(
      explanation.ingress?.nearestMisses.first
        == "demo/demo-policy spec.ingress[0].from[0] wants pods with app=client; demo/client has no label app"
    )
    #expect(explanation.egress?.decision == .notIsolated)
  }

  @Test("Labelling the client app=client allows it again and changes one flow")
  func labelled() {
    var labelled = pods
    labelled[1].labels = ["app": "client"]
    let before = World(pods: pods, policies: [policy]).engine.matrix(protocol: .tcp, port: 80)
    let world = World(pods: labelled, policies: [policy])
    #expect(world.verdict("demo/client", "demo/server") == .allow)
    let after = world.engine.matrix(protocol: .tcp, port: 80)
    let changes = after.changes(from: before)
    #expect(changes.count == 1)
    #expect(changes.first?.description == "demo/client -> demo/server:80/TCP now allowed")
    #expect(world.matrixAgrees())
  }
}
