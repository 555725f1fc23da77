import NetpolEngine
import NetpolModel
import Testing

/// semantics.md §2.2 on the cilium dataplane.
@Suite("Cilium selectors are namespace-scoped in CNPs and cluster-wide in CCNPs")
struct CiliumSelectorTests {
  let namespaces = [Fixture.ns("x", ["team": "red"]), Fixture.ns("y", ["team": "blue"])]
  let pods = [
    Fixture.pod("x/server", ["app": "server"], ip: "10.0.0.1"),
    Fixture.pod("x/client", ["app": "client"], ip: "10.0.0.2"),
    Fixture.pod("y/client", ["app": "client"], ip: "10.0.1.2"),
    Fixture.pod("y/server", ["app": "server"], ip: "10.0.1.1"),
  ]

  func cnp(_ from: [LabelSelector], select: LabelSelector = Fixture.sel(["app": "server"])) -> World
  {
    World(
      namespaces: namespaces, pods: pods,
      policies: [
        Fixture.cnp(
          "x/p", CiliumRule(endpointSelector: select, ingress: [CiliumRuleEntry(endpoints: from)]))
      ])
  }

  @Test("Any Cilium object makes cilium the default dataplane")  // issue 3; contracts.md
  func defaultDataplane() {
    #expect(cnp([.everything]).engine.dataplane == .cilium)
  }

  // §2.2 "CNP from/toEndpoints"
  @Test("fromEndpoints without a namespace key is limited to the policy namespace")
  func scopedToNamespace() {
    let world = cnp([Fixture.sel(["app": "client"])])
    #expect(world.verdict("x/client", "x/server") == .allow)
    #expect(world.verdict("y/client", "x/server") == .deny)
  }

  @Test("fromEndpoints {} in a CNP means all pods of the policy namespace only")  // §2.2; §2.4
  func emptyEndpointSelector() {
    let world = cnp([.everything])
    #expect(world.verdict("x/client", "x/server") == .allow)
    #expect(world.verdict("y/client", "x/server") == .deny)
    #expect(world.verdict("203.0.113.1", "x/server") == .deny)
  }

  // §2.2 "CNP from/toEndpoints"
  @Test("A k8s:io.kubernetes.pod.namespace key lifts the namespace scope")
  func namespaceKey() {
    let world = cnp([Fixture.sel(["k8s:io.kubernetes.pod.namespace": "y", "k8s:app": "client"])])
    #expect(world.verdict("y/client", "x/server") == .allow)
    #expect(world.verdict("x/client", "x/server") == .deny)
  }

  @Test("The any: prefix and a bare key match pod labels like k8s:")  // §2.2 "key prefixes"
  func anyPrefix() {
    let any = cnp([Fixture.sel(["any:app": "client"])])
    #expect(any.verdict("x/client", "x/server") == .allow)
    let bare = cnp([Fixture.sel(["io.kubernetes.pod.namespace": "y"])])
    #expect(bare.verdict("y/client", "x/server") == .allow)
    #expect(bare.verdict("x/client", "x/server") == .deny)
  }

  // §2.2 "namespace labels" (C-CONV)
  @Test("Namespace labels via io.cilium.k8s.namespace.labels are not namespace-limited")
  func namespaceLabels() {
    let world = cnp([Fixture.sel(["k8s:io.cilium.k8s.namespace.labels.team": "blue"])])
    #expect(world.verdict("y/client", "x/server") == .allow)
    #expect(world.verdict("x/client", "x/server") == .deny)
  }

  @Test("A reserved: key selects no pod")  // §2.2 "reserved labels"
  func reservedKey() {
    let world = cnp([Fixture.sel(["reserved:host": ""])])
    #expect(world.verdict("x/client", "x/server") == .deny)
  }

  @Test("A CNP endpointSelector only selects pods of its namespace")  // §2.2 "CNP endpointSelector"
  func subjectScoped() {
    let world = cnp([], select: Fixture.sel(["app": "server"]))
    #expect(world.verdict("y/client", "y/server") == .allow)
    #expect(world.verdict("x/client", "x/server") == .deny)
  }

  // §2.2 "CNP endpointSelector"
  @Test("A different namespace in a CNP endpointSelector is ignored")
  func subjectOtherNamespaceIgnored() {
    let world = cnp(
      [], select: Fixture.sel(["k8s:io.kubernetes.pod.namespace": "y", "app": "server"]))
    #expect(world.verdict("y/client", "y/server") == .allow)
    #expect(world.verdict("x/client", "x/server") == .deny)
  }

  @Test("CCNP endpointSelector selects across namespaces")  // §2.2 "CCNP endpointSelector"
  func clusterwideSubject() {
    let world = World(
      namespaces: namespaces, pods: pods,
      policies: [
        Fixture.ccnp(
          "deny-servers",
          CiliumRule(endpointSelector: Fixture.sel(["app": "server"]), ingress: [CiliumRuleEntry()])
        )
      ])
    #expect(world.verdict("x/client", "x/server") == .deny)
    #expect(world.verdict("x/client", "y/server") == .deny)
    #expect(world.verdict("x/server", "x/client") == .allow)
  }

  // §2.2 "CCNP from/toEndpoints"
  @Test("CCNP fromEndpoints {} means every pod in the cluster but not world")
  func clusterwidePeers() {
    let world = World(
      namespaces: namespaces, pods: pods,
      policies: [
        Fixture.ccnp(
          "from-pods",
          CiliumRule(
            endpointSelector: Fixture.sel(["app": "server"]),
            ingress: [CiliumRuleEntry(endpoints: [.everything])]))
      ])
    #expect(world.verdict("y/client", "x/server") == .allow)
    #expect(world.verdict("x/client", "y/server") == .allow)
    #expect(world.verdict("203.0.113.1", "x/server") == .deny)
  }

  @Test("The cluster label is part of every pod identity")  // §2.2 "other derived labels"
  func clusterLabel() {
    let world = cnp([Fixture.sel(["k8s:io.cilium.k8s.policy.cluster": "default"])])
    #expect(world.verdict("x/client", "x/server") == .allow)
  }
}
