import NetpolEngine
import NetpolModel
import Testing

/// semantics.md §1.2 peers, on the kubernetes dataplane.
@Suite("NetworkPolicy peers combine pod and namespace selectors as the API documents")
struct NetworkPolicyPeerTests {
  let namespaces = [
    Fixture.ns("x", ["team": "red"]), Fixture.ns("y", ["team": "blue"]), Fixture.ns("z"),
  ]
  let pods = [
    Fixture.pod("x/server", ["app": "server"], ip: "10.0.0.1"),
    Fixture.pod("x/client", ["app": "client"], ip: "10.0.0.2"),
    Fixture.pod("x/other", ["app": "other"], ip: "10.0.0.3"),
    Fixture.pod("y/client", ["app": "client"], ip: "10.0.1.2"),
    Fixture.pod("y/other", ["app": "other"], ip: "10.0.1.3"),
    Fixture.pod("z/client", ["app": "client", "env": "prod"], ip: "10.0.2.2"),
  ]

  func world(_ peers: [NetworkPolicyPeer]?) -> World {
    World(
      namespaces: namespaces, pods: pods,
      policies: [
        Fixture.np(
          "x/p", select: Fixture.sel(["app": "server"]), ingress: [NetworkPolicyRule(peers: peers)])
      ])
  }

  // §1.2 "peer podSelector only"
  @Test("podSelector alone selects pods of the policy's namespace only")
  func podSelectorAlone() {
    let world = world([NetworkPolicyPeer(podSelector: Fixture.sel(["app": "client"]))])
    #expect(world.verdict("x/client", "x/server") == .allow)
    #expect(world.verdict("y/client", "x/server") == .deny)
    #expect(world.verdict("x/other", "x/server") == .deny)
  }

  // §1.2 "peer podSelector only"
  @Test("podSelector {} selects every pod of the policy's namespace")
  func emptyPodSelector() {
    let world = world([NetworkPolicyPeer(podSelector: .everything)])
    #expect(world.verdict("x/other", "x/server") == .allow)
    #expect(world.verdict("y/other", "x/server") == .deny)
  }

  // §1.2 "namespaceSelector only"
  @Test("namespaceSelector alone selects every pod of matching namespaces")
  func namespaceSelectorAlone() {
    let world = world([NetworkPolicyPeer(namespaceSelector: Fixture.sel(["team": "blue"]))])
    #expect(world.verdict("y/other", "x/server") == .allow)
    #expect(world.verdict("x/client", "x/server") == .deny)
  }

  @Test("namespaceSelector {} selects pods of all namespaces but not outside addresses")  // §1.2
  func emptyNamespaceSelector() {
    let world = world([NetworkPolicyPeer(namespaceSelector: .everything)])
    #expect(world.verdict("z/client", "x/server") == .allow)
    #expect(world.verdict("203.0.113.9", "x/server") == .deny)
  }

  @Test("Both selectors in one peer are ANDed")  // §1.2 "both in ONE peer"
  func bothInOnePeer() {
    let world = world([
      NetworkPolicyPeer(
        podSelector: Fixture.sel(["app": "client"]),
        namespaceSelector: Fixture.sel(["team": "blue"]))
    ])
    #expect(world.verdict("y/client", "x/server") == .allow)
    #expect(world.verdict("y/other", "x/server") == .deny)
    #expect(world.verdict("x/client", "x/server") == .deny)
  }

  @Test("Two peers are ORed")  // §1.2 "two peers"
  func twoPeers() {
    let world = world([
      NetworkPolicyPeer(podSelector: Fixture.sel(["app": "client"])),
      NetworkPolicyPeer(namespaceSelector: Fixture.sel(["team": "blue"])),
    ])
    #expect(world.verdict("x/client", "x/server") == .allow)
    #expect(world.verdict("y/other", "x/server") == .allow)
    #expect(world.verdict("z/client", "x/server") == .deny)
  }

  @Test("from omitted and from [] both admit every peer")  // §1.2 "from/to missing or []"
  func missingVersusEmpty() {
    for peers in [nil, [NetworkPolicyPeer]()] {
      let world = world(peers)
      #expect(world.verdict("z/client", "x/server") == .allow)
      #expect(world.verdict("198.51.100.1", "x/server") == .allow)
    }
  }

  // §1.2 "namespace by name"
  @Test("A namespace is selected by name through kubernetes.io/metadata.name")
  func namespaceByName() {
    let world = world([
      NetworkPolicyPeer(namespaceSelector: Fixture.sel(["kubernetes.io/metadata.name": "z"]))
    ])
    #expect(world.verdict("z/client", "x/server") == .allow)
    #expect(world.verdict("y/client", "x/server") == .deny)
  }

  @Test("NotIn also matches pods without the key")  // §1.2 "selector" (K-SEL)
  func notInMatchesMissingKey() {
    let world = world([
      NetworkPolicyPeer(
        podSelector: LabelSelector(matchExpressions: [
          LabelSelectorRequirement(key: "env", operator: .notIn, values: ["prod"])
        ]),
        namespaceSelector: .everything)
    ])
    #expect(world.verdict("y/client", "x/server") == .allow)
    #expect(world.verdict("z/client", "x/server") == .deny)
  }

  @Test("Exists and DoesNotExist test the key only")  // §1.2 "selector" (K-SEL)
  func existsOperators() {
    let exists = world([
      NetworkPolicyPeer(
        podSelector: LabelSelector(matchExpressions: [
          LabelSelectorRequirement(key: "env", operator: .exists)
        ]),
        namespaceSelector: .everything)
    ])
    #expect(exists.verdict("z/client", "x/server") == .allow)
    #expect(exists.verdict("y/client", "x/server") == .deny)
    let absent = world([
      NetworkPolicyPeer(
        podSelector: LabelSelector(matchExpressions: [
          LabelSelectorRequirement(key: "env", operator: .doesNotExist)
        ]),
        namespaceSelector: .everything)
    ])
    #expect(absent.verdict("z/client", "x/server") == .deny)
    #expect(absent.verdict("y/client", "x/server") == .allow)
  }

  @Test("Egress peers follow the same rules")  // §1.2, K-TYPES NetworkPolicyEgressRule
  func egressPeers() {
    let policy = Fixture.np(
      "x/out", select: Fixture.sel(["app": "client"]), types: [.egress],
      egress: [
        NetworkPolicyRule(peers: [
          NetworkPolicyPeer(
            podSelector: Fixture.sel(["app": "client"]),
            namespaceSelector: Fixture.sel(["team": "blue"]))
        ])
      ])
    let world = World(namespaces: namespaces, pods: pods, policies: [policy])
    #expect(world.verdict("x/client", "y/client") == .allow)
    #expect(world.verdict("x/client", "y/other") == .deny)
    #expect(world.verdict("x/client", "x/server") == .deny)
  }

  @Test("A namespace-selector miss names the missing namespace label")  // issue 3 "nearest misses"
  func namespaceMissText() {
    let world = world([NetworkPolicyPeer(namespaceSelector: Fixture.sel(["team": "blue"]))])
    let explanation = world.explain("z/client", "x/server")
    #expect(
      explanation.ingress?.nearestMisses
        == [
          "x/p spec.ingress[0].from[0] wants namespaces with team=blue; namespace z has no label team"
        ])
  }
}
