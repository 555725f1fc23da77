import Foundation
import NetpolModel
import Testing

// Field shapes from K-TYPES (kubernetes/api networking/v1/types.go); semantics.md §1.2.
@Suite("PolicyLoader reads every field of a NetworkPolicy")
struct NetworkPolicyLoadingTests {
  static let full = """
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: demo-policy
      namespace: demo
      labels: {team: web}
      annotations:
        note: "allow client to server"
    spec:
      podSelector:
        matchLabels:
          app: server
        matchExpressions:
        - {key: tier, operator: In, values: [front, back]}
        - {key: legacy, operator: DoesNotExist}
      policyTypes: [Ingress, Egress]
      ingress:
      - from:
        - podSelector: {matchLabels: {app: client}}
          namespaceSelector: {}
        - ipBlock:
            cidr: 10.0.0.0/8
            except: [10.1.0.0/16]
        ports:
        - protocol: TCP
          port: 80
        - port: http
        - protocol: UDP
          port: 5000
          endPort: 5010
      egress:
      - to: []
      - {}
    """

  @Test("metadata, selectors, policyTypes, peers and ports are read as written")
  func everyField() throws {
    let loaded = try #require(Fixture.policy(Self.full))
    let expected = NetworkPolicy(
      metadata: ObjectMeta(
        name: "demo-policy", namespace: "demo", labels: ["team": "web"],
        annotations: ["note": "allow client to server"]),
      spec: NetworkPolicySpec(
        podSelector: LabelSelector(
          matchLabels: ["app": "server"],
          matchExpressions: [
            .init(key: "tier", operator: .in, values: ["front", "back"]),
            .init(key: "legacy", operator: .doesNotExist),
          ]),
        policyTypes: [.ingress, .egress],
        ingress: [
          NetworkPolicyRule(
            ports: [
              NetworkPolicyPort(protocol: .tcp, port: .number(80)),
              NetworkPolicyPort(port: .name("http")),
              NetworkPolicyPort(protocol: .udp, port: .number(5000), endPort: 5010),
            ],
            peers: [
              NetworkPolicyPeer(
                podSelector: LabelSelector(matchLabels: ["app": "client"]),
                namespaceSelector: LabelSelector()),
              NetworkPolicyPeer(ipBlock: IPBlock(cidr: "10.0.0.0/8", except: ["10.1.0.0/16"])),
            ])
        ],
        egress: [NetworkPolicyRule(peers: []), NetworkPolicyRule()]))
    #expect(loaded.resource == .networkPolicy(expected))
  }

  @Test("every field read has a location: keys for collections, values for scalars")
  func locations() throws {
    let loaded = try #require(Fixture.policy(Self.full))
    func at(_ path: String) -> String? { loaded.locations[path]?.description }
    #expect(at("") == "ok.yaml:1:1")
    #expect(at("metadata.name") == "ok.yaml:4:9")
    #expect(at("metadata.labels.team") == "ok.yaml:6:12")
    #expect(at("spec.podSelector") == "ok.yaml:10:3")
    #expect(at("spec.podSelector.matchExpressions[1]") == "ok.yaml:15:7")
    #expect(at("spec.podSelector.matchExpressions[1].operator") == "ok.yaml:15:31")
    #expect(at("spec.policyTypes[1]") == "ok.yaml:16:26")
    #expect(at("spec.ingress[0].from[1].ipBlock") == "ok.yaml:21:7")
    #expect(at("spec.ingress[0].from[1].ipBlock.except[0]") == "ok.yaml:23:18")
    #expect(at("spec.ingress[0].ports[2].endPort") == "ok.yaml:30:16")
    #expect(at("spec.egress[1]") == "ok.yaml:33:5")
    #expect(loaded.location(of: "spec.ingress[0].ports[1].port.extra")?.line == 27)
  }

  @Test("omitted lists stay nil, null reads as omitted, [] stays empty")
  func nilVersusEmpty() throws {
    let loaded = try #require(
      Fixture.policy(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-all, namespace: demo}
        spec:
          podSelector:
          ingress: []
          egress: ~
        """))
    let expected = NetworkPolicy(
      metadata: ObjectMeta(name: "deny-all", namespace: "demo"),
      spec: NetworkPolicySpec(podSelector: LabelSelector(), ingress: []))
    #expect(loaded.resource == .networkPolicy(expected))
  }

  @Test("the same object as JSON reads the same")
  func json() throws {
    let loaded = try #require(
      Fixture.policy(
        """
        {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
         "metadata": {"name": "web", "namespace": "demo"},
         "spec": {"podSelector": {"matchLabels": {"app": "web"}},
                  "ingress": [{"ports": [{"port": 443, "protocol": "TCP"}]}]}}
        """))
    let expected = NetworkPolicy(
      metadata: ObjectMeta(name: "web", namespace: "demo"),
      spec: NetworkPolicySpec(
        podSelector: LabelSelector(matchLabels: ["app": "web"]),
        ingress: [NetworkPolicyRule(ports: [.init(protocol: .tcp, port: .number(443))])]))
    #expect(loaded.resource == .networkPolicy(expected))
  }

  @Test("server-set metadata and status from kubectl get -o yaml are accepted and ignored")
  func kubectlOutput() throws {
    let loaded = try #require(
      Fixture.policy(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          creationTimestamp: "2024-05-01T10:00:00Z"
          generation: 1
          name: web
          namespace: demo
          resourceVersion: "12345"
          uid: 0b6f0c1e-7c43-4c1b-9d38-5d1f5b8f9d11
        spec:
          podSelector: {}
          policyTypes: [Ingress]
        status: {}
        """))
    #expect(loaded.resource.metadata == ObjectMeta(name: "web", namespace: "demo"))
  }
}

@Suite("PolicyLoader reads streams, Lists, files, directories")
struct StreamLoadingTests {
  static func policy(_ name: String) -> String {
    """
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: \(name), namespace: demo}
    spec: {podSelector: {}}
    """
  }

  @Test("multi-document streams skip empty documents and comments")
  func multiDocument() {
    let text = "---\n# nothing\n---\n" + Self.policy("a") + "\n---\n---\n" + Self.policy("b")
    let result = Fixture.load(text)
    #expect(result.diagnostics.isEmpty)
    #expect(result.policies.map(\.resource.metadata.name) == ["a", "b"])
    #expect(result.hasInventory == false)
  }

  @Test("kind: List items are read, with item-relative locations and items[i] in messages")
  func list() throws {
    let text = """
      apiVersion: v1
      kind: List
      metadata: {resourceVersion: ""}
      items:
      - apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: a, namespace: demo}
        spec: {podSelector: {}}
      - apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: b, namespace: demo}
        spec: {podSelector: {}, ingres: []}
      """
    let result = Fixture.load(text)
    #expect(result.policies.map(\.resource.metadata.name) == ["a"])
    #expect(result.policies.first?.locations["metadata.name"]?.description == "bad.yaml:7:20")
    #expect(
      result.diagnostics.map(\.description) == [
        "bad.yaml:12:27: items[1].spec.ingres: unknown field \"ingres\" (did you mean \"ingress\"?)"
      ])
  }

  @Test("NetworkPolicyList from kubectl get netpol -o yaml is a List too")
  func typedList() {
    let text = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicyList
      items:
      - apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: a, namespace: demo}
        spec: {podSelector: {}}
      """
    #expect(Fixture.load(text).policies.count == 1)
  }

  @Test("files and directories: *.yaml, *.yml, *.json in name order, other files ignored")
  func directories() throws {
    let dir = try Fixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Fixture.write(Array(Self.policy("b").utf8), to: dir + "/b.yml")
    try Fixture.write(Array(Self.policy("a").utf8), to: dir + "/a.yaml")
    try Fixture.write(
      Array(
        #"{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"c","namespace":"demo"}}"#
          .utf8), to: dir + "/c.json")
    try Fixture.write(Array("not: [yaml".utf8), to: dir + "/notes.txt")
    try FileManager.default.createDirectory(
      atPath: dir + "/sub.yaml", withIntermediateDirectories: false)
    let extra = try Fixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: extra) }
    try Fixture.write(Array(Self.policy("d").utf8), to: extra + "/d.txt")
    let result = PolicyLoader.load(paths: [dir, extra + "/d.txt"])
    #expect(result.diagnostics.isEmpty)
    #expect(result.policies.map(\.resource.metadata.name) == ["a", "b", "c", "d"])
    #expect(result.policies[0].locations[""]?.file == dir + "/a.yaml")
  }

  @Test("a missing path is reported and the other paths are still read")
  func missingPath() throws {
    let dir = try Fixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Fixture.write(Array(Self.policy("a").utf8), to: dir + "/a.yaml")
    let result = PolicyLoader.load(paths: [dir + "/missing.yaml", dir + "/a.yaml"])
    #expect(
      result.diagnostics.map(\.description) == ["\(dir)/missing.yaml: no such file"])
    #expect(result.policies.count == 1)
  }
}
