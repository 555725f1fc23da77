import Testing

@testable import NetpolModel

/// Expected documents are written by hand from the Kubernetes API reference
/// (`networking.k8s.io/v1` NetworkPolicy) and the examples of the Kubernetes documentation
/// (K-DOC in semantics.md §0), in the key order documented on `YAMLWriter`.
@Suite("A NetworkPolicy is written as kubectl-shaped block YAML")
struct NetworkPolicyYAMLTests {
  @Test("the S1 demo policy selects the server and allows the client on 80/TCP")
  func demoPolicy() {
    // scenarios.md S1; the notes' demo-policy, with `ports` before `from` (types.go order).
    let policy = NetworkPolicy(
      metadata: ObjectMeta(name: "demo-policy", namespace: "demo"),
      spec: NetworkPolicySpec(
        podSelector: LabelSelector(matchLabels: ["app": "server"]),
        ingress: [
          NetworkPolicyRule(
            ports: [NetworkPolicyPort(protocol: .tcp, port: .number(80))],
            peers: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["app": "client"]))]
          )
        ]))
    #expect(
      YAMLWriter.document(.networkPolicy(policy)) == """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: demo-policy
          namespace: demo
        spec:
          podSelector:
            matchLabels:
              app: server
          ingress:
          - ports:
            - protocol: TCP
              port: 80
            from:
            - podSelector:
                matchLabels:
                  app: client

        """)
  }

  @Test("the documentation's test-network-policy keeps every peer kind and both directions")
  func documentationExample() {
    // K-DOC "The NetworkPolicy resource" example.
    let policy = NetworkPolicy(
      metadata: ObjectMeta(name: "test-network-policy", namespace: "default"),
      spec: NetworkPolicySpec(
        podSelector: LabelSelector(matchLabels: ["role": "db"]),
        policyTypes: [.ingress, .egress],
        ingress: [
          NetworkPolicyRule(
            ports: [NetworkPolicyPort(protocol: .tcp, port: .number(6379))],
            peers: [
              NetworkPolicyPeer(ipBlock: IPBlock(cidr: "172.17.0.0/16", except: ["172.17.1.0/24"])),
              NetworkPolicyPeer(
                namespaceSelector: LabelSelector(matchLabels: ["project": "myproject"])),
              NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["role": "frontend"])),
            ])
        ],
        egress: [
          NetworkPolicyRule(
            ports: [NetworkPolicyPort(protocol: .tcp, port: .number(5978))],
            peers: [NetworkPolicyPeer(ipBlock: IPBlock(cidr: "10.0.0.0/24"))])
        ]))
    #expect(
      YAMLWriter.document(.networkPolicy(policy)) == """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: test-network-policy
          namespace: default
        spec:
          podSelector:
            matchLabels:
              role: db
          policyTypes:
          - Ingress
          - Egress
          ingress:
          - ports:
            - protocol: TCP
              port: 6379
            from:
            - ipBlock:
                cidr: 172.17.0.0/16
                except:
                - 172.17.1.0/24
            - namespaceSelector:
                matchLabels:
                  project: myproject
            - podSelector:
                matchLabels:
                  role: frontend
          egress:
          - ports:
            - protocol: TCP
              port: 5978
            to:
            - ipBlock:
                cidr: 10.0.0.0/24

        """)
  }

  @Test("empty selectors are {} and empty lists are [], while omitted lists stay omitted")
  func emptyValues() {
    // K-DOC "Default deny all ingress and all egress traffic" plus an allow-all ingress rule.
    let policy = NetworkPolicy(
      metadata: ObjectMeta(name: "default-deny-all"),
      spec: NetworkPolicySpec(
        podSelector: .everything, policyTypes: [], ingress: [NetworkPolicyRule()], egress: []))
    #expect(
      YAMLWriter.document(.networkPolicy(policy)) == """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: default-deny-all
        spec:
          podSelector: {}
          policyTypes: []
          ingress:
          - {}
          egress: []

        """)
  }

  @Test("a rule with empty peers and ports lists writes them as []")
  func emptyRuleLists() {
    let rule = NetworkPolicyRule(ports: [NetworkPolicyPort()], peers: [NetworkPolicyPeer()])
    let policy = NetworkPolicy(
      metadata: ObjectMeta(name: "p"),
      spec: NetworkPolicySpec(
        egress: [rule, NetworkPolicyRule(ports: [], peers: [])]))
    #expect(
      YAMLWriter.document(.networkPolicy(policy)) == """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: p
        spec:
          podSelector: {}
          egress:
          - ports:
            - {}
            to:
            - {}
          - ports: []
            to: []

        """)
  }

  @Test("metadata labels and annotations are sorted by key and their trap values are quoted")
  func metadataMaps() {
    let metadata = ObjectMeta(
      name: "web", namespace: "prod",
      labels: ["tier": "web", "app": "shop", "enabled": "on", "version": "1.0"],
      annotations: ["note": "multi\nline", "y": "n"])
    let policy = NetworkPolicy(metadata: metadata)
    #expect(
      YAMLWriter.document(.networkPolicy(policy)) == """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: web
          namespace: prod
          labels:
            app: shop
            enabled: "on"
            tier: web
            version: "1.0"
          annotations:
            note: "multi\\nline"
            "y": "n"
        spec:
          podSelector: {}

        """)
  }

  @Test("selectors write matchLabels then matchExpressions, and values only for In and NotIn")
  func selectorExpressions() {
    // K-SEL: the four operators; Exists and DoesNotExist take no values. The namespace "n" is
    // quoted: go-yaml v2 (kubectl) reads a plain n as the boolean false.
    let selector = LabelSelector(
      matchLabels: ["app": "web"],
      matchExpressions: [
        LabelSelectorRequirement(key: "env", operator: .in, values: ["prod", "qa"]),
        LabelSelectorRequirement(key: "tier", operator: .notIn, values: ["db"]),
        LabelSelectorRequirement(key: "team", operator: .exists),
        LabelSelectorRequirement(key: "legacy", operator: .doesNotExist),
      ])
    let peer = NetworkPolicyPeer(
      podSelector: selector, namespaceSelector: LabelSelector(matchLabels: ["team": "a"]))
    let policy = NetworkPolicy(
      metadata: ObjectMeta(name: "p", namespace: "n"),
      spec: NetworkPolicySpec(podSelector: selector, ingress: [NetworkPolicyRule(peers: [peer])]))
    #expect(
      YAMLWriter.document(.networkPolicy(policy)) == """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: p
          namespace: "n"
        spec:
          podSelector:
            matchLabels:
              app: web
            matchExpressions:
            - key: env
              operator: In
              values:
              - prod
              - qa
            - key: tier
              operator: NotIn
              values:
              - db
            - key: team
              operator: Exists
            - key: legacy
              operator: DoesNotExist
          ingress:
          - from:
            - podSelector:
                matchLabels:
                  app: web
                matchExpressions:
                - key: env
                  operator: In
                  values:
                  - prod
                  - qa
                - key: tier
                  operator: NotIn
                  values:
                  - db
                - key: team
                  operator: Exists
                - key: legacy
                  operator: DoesNotExist
              namespaceSelector:
                matchLabels:
                  team: a

        """)
  }

  @Test("numeric ports are integers, named ports are strings, and endPort follows port")
  func ports() {
    // K-TYPES NetworkPolicyPort: port is an IntOrString; endPort needs a numeric port.
    let rule = NetworkPolicyRule(ports: [
      NetworkPolicyPort(protocol: .tcp, port: .number(32000), endPort: 32768),
      NetworkPolicyPort(protocol: .udp, port: .name("dns")),
      NetworkPolicyPort(protocol: .sctp),
      NetworkPolicyPort(port: .name("y")),
    ])
    let policy = NetworkPolicy(
      metadata: ObjectMeta(name: "p"),
      spec: NetworkPolicySpec(policyTypes: [.egress], egress: [rule]))
    #expect(
      YAMLWriter.document(.networkPolicy(policy)) == """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: p
        spec:
          podSelector: {}
          policyTypes:
          - Egress
          egress:
          - ports:
            - protocol: TCP
              port: 32000
              endPort: 32768
            - protocol: UDP
              port: dns
            - protocol: SCTP
            - port: "y"

        """)
  }
}

@Suite("Several documents form one stream")
struct StreamYAMLTests {
  @Test("documents are joined by --- lines with none before the first")
  func stream() {
    let first = PolicyResource.networkPolicy(NetworkPolicy(metadata: ObjectMeta(name: "a")))
    let second = PolicyResource.networkPolicy(NetworkPolicy(metadata: ObjectMeta(name: "b")))
    #expect(
      YAMLWriter.stream([first, second]) == """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: a
        spec:
          podSelector: {}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: b
        spec:
          podSelector: {}

        """)
    #expect(YAMLWriter.stream([]) == "")
  }

  @Test("the same policy gives the same bytes however its maps were built")
  func deterministic() {
    var labels: [String: String] = [:]
    for index in (0..<50).reversed() { labels["key\(index)"] = "value\(index)" }
    var shuffled: [String: String] = [:]
    for key in labels.keys.shuffled() { shuffled[key] = labels[key] }
    let one = PolicyResource.networkPolicy(
      NetworkPolicy(metadata: ObjectMeta(name: "p", labels: labels)))
    let two = PolicyResource.networkPolicy(
      NetworkPolicy(metadata: ObjectMeta(name: "p", labels: shuffled)))
    #expect(YAMLWriter.document(one) == YAMLWriter.document(two))
    #expect(YAMLWriter.document(one).contains("    key0: value0\n    key1: value1\n    key10:"))
  }
}
