import NetpolModel
import Testing

// Field shapes from the cilium.io/v2 CRD (../shared/schemas) and semantics.md §2.
@Suite("PolicyLoader reads every field of CiliumNetworkPolicy and the clusterwide kind")
struct CiliumLoadingTests {
  @Test("a CNP with every ingress and egress entry kind, L7 rules and rule options")
  func everyField() throws {
    let text = """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata:
        name: everything
        namespace: demo
      spec:
        description: "demo rule"
        endpointSelector:
          matchLabels: {app: server}
        enableDefaultDeny: {ingress: true, egress: false}
        labels:
        - {key: owner, value: web, source: k8s}
        log: {value: trace-me}
        ingress:
        - fromEndpoints:
          - matchLabels: {"k8s:app": client}
          toPorts:
          - ports: [{port: "80", protocol: TCP}]
            rules:
              http:
              - {method: GET, path: "/public/.*", host: "api.example.com", headers: ["X-Token: 1"]}
        - fromEntities: [world, cluster]
        - fromCIDR: [192.0.2.0/24, 198.51.100.7]
        - fromCIDRSet:
          - {cidr: 10.0.0.0/8, except: [10.96.0.0/12]}
          - {cidrGroupRef: office}
        - fromNodes: [{matchLabels: {role: edge}}]
        - icmps:
          - fields: [{family: IPv4, type: 8}, {family: IPv6, type: EchoRequest}]
        ingressDeny:
        - fromEntities: [world]
          toPorts: [{ports: [{port: "22"}]}]
        egress:
        - toFQDNs: [{matchName: example.com}, {matchPattern: "*.google.com"}]
          toPorts:
          - ports: [{port: "443", protocol: TCP}]
            serverNames: [example.com]
        - toServices:
          - k8sService: {serviceName: db, namespace: data}
          - k8sServiceSelector: {selector: {matchLabels: {tier: cache}}, namespace: data}
        - toPorts:
          - ports: [{port: "53", protocol: ANY}]
            rules:
              dns: [{matchPattern: "*"}]
        - toPorts:
          - ports: [{port: "9092", protocol: TCP}]
            rules:
              kafka: [{role: produce, topic: orders}]
        - toPorts:
          - ports: [{port: "8000", endPort: 8100, protocol: UDP}]
        egressDeny:
        - toCIDR: [203.0.113.0/24]
      """
    let loaded = try #require(Fixture.policy(text))
    let rule = CiliumRule(
      endpointSelector: LabelSelector(matchLabels: ["app": "server"]),
      ingress: [
        CiliumRuleEntry(
          endpoints: [LabelSelector(matchLabels: ["k8s:app": "client"])],
          toPorts: [
            PortRule(
              ports: [CiliumPort(port: "80", protocol: .tcp)],
              rules: L7Rules(http: [
                HTTPRule(
                  method: "GET", path: "/public/.*", host: "api.example.com",
                  headers: ["X-Token: 1"])
              ]))
          ]),
        CiliumRuleEntry(entities: ["world", "cluster"]),
        CiliumRuleEntry(cidr: ["192.0.2.0/24", "198.51.100.7"]),
        CiliumRuleEntry(cidrSet: [
          CIDRRule(cidr: "10.0.0.0/8", except: ["10.96.0.0/12"]), CIDRRule(cidrGroupRef: "office"),
        ]),
        CiliumRuleEntry(nodes: [LabelSelector(matchLabels: ["role": "edge"])]),
        CiliumRuleEntry(icmps: [
          ICMPRule(fields: [
            ICMPField(family: "IPv4", type: "8"), ICMPField(family: "IPv6", type: "EchoRequest"),
          ])
        ]),
      ],
      ingressDeny: [
        CiliumRuleEntry(entities: ["world"], toPorts: [PortRule(ports: [CiliumPort(port: "22")])])
      ],
      egress: [
        CiliumRuleEntry(
          fqdns: [
            FQDNSelector(matchName: "example.com"), FQDNSelector(matchPattern: "*.google.com"),
          ],
          toPorts: [
            PortRule(ports: [CiliumPort(port: "443", protocol: .tcp)], serverNames: ["example.com"])
          ]),
        CiliumRuleEntry(services: [
          ServiceSelector(serviceName: "db", namespace: "data"),
          ServiceSelector(
            namespace: "data", selector: LabelSelector(matchLabels: ["tier": "cache"])),
        ]),
        CiliumRuleEntry(toPorts: [
          PortRule(
            ports: [CiliumPort(port: "53", protocol: .any)],
            rules: L7Rules(dns: [FQDNSelector(matchPattern: "*")]))
        ]),
        CiliumRuleEntry(toPorts: [
          PortRule(
            ports: [CiliumPort(port: "9092", protocol: .tcp)],
            rules: L7Rules(kafka: [["role": "produce", "topic": "orders"]]))
        ]),
        CiliumRuleEntry(toPorts: [
          PortRule(ports: [CiliumPort(port: "8000", endPort: 8100, protocol: .udp)])
        ]),
      ],
      egressDeny: [CiliumRuleEntry(cidr: ["203.0.113.0/24"])],
      enableDefaultDeny: DefaultDenyConfig(ingress: true, egress: false),
      description: "demo rule",
      labels: [CiliumLabel(key: "owner", value: "web", source: "k8s")],
      logValue: "trace-me")
    let expected = CiliumPolicy(
      kind: .networkPolicy, metadata: ObjectMeta(name: "everything", namespace: "demo"),
      spec: rule)
    #expect(loaded.resource == .cilium(expected))
    #expect(
      loaded.locations["spec.egress[0].toFQDNs[1].matchPattern"]?.description == "ok.yaml:34:56")
    #expect(loaded.locations["spec.ingress[0].fromEndpoints[0]"]?.description == "ok.yaml:16:7")
    #expect(
      loaded.locations["spec.ingress[5].icmps[0].fields[1].type"]?.description == "ok.yaml:29:62")
  }

  @Test("a CCNP with specs and a nodeSelector; a namespace on it is dropped")
  func clusterwide() throws {
    let text = """
      apiVersion: cilium.io/v2
      kind: CiliumClusterwideNetworkPolicy
      metadata: {name: host-fw, namespace: ignored}
      specs:
      - nodeSelector: {matchLabels: {node-role.kubernetes.io/worker: ""}}
        ingress: [{fromEntities: [cluster]}]
      - endpointSelector: {}
        egress: [{toEntities: [all]}]
      """
    let loaded = try #require(Fixture.policy(text))
    let expected = CiliumPolicy(
      kind: .clusterwideNetworkPolicy, metadata: ObjectMeta(name: "host-fw"),
      specs: [
        CiliumRule(
          nodeSelector: LabelSelector(matchLabels: ["node-role.kubernetes.io/worker": ""]),
          ingress: [CiliumRuleEntry(entities: ["cluster"])]),
        CiliumRule(endpointSelector: LabelSelector(), egress: [CiliumRuleEntry(entities: ["all"])]),
      ])
    #expect(loaded.resource == .cilium(expected))
    #expect(loaded.resource.qualifiedName == "host-fw")
  }

  @Test("the scenario S4 allow-dns policy reads with ports as strings and protocol ANY")
  func scenarioS4() throws {
    let text = """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata: {name: allow-dns, namespace: demo}
      spec:
        endpointSelector: {}
        egress:
        - toEndpoints:
          - matchLabels:
              k8s:io.kubernetes.pod.namespace: kube-system
              k8s:k8s-app: kube-dns
          toPorts:
          - ports: [{port: "53", protocol: ANY}]
            rules: {dns: [{matchPattern: "*"}]}
      """
    let loaded = try #require(Fixture.policy(text))
    guard case .cilium(let policy) = loaded.resource else {
      Issue.record("not a Cilium policy")
      return
    }
    let entry = try #require(policy.spec?.egress?.first)
    #expect(
      entry.endpoints == [
        LabelSelector(matchLabels: [
          "k8s:io.kubernetes.pod.namespace": "kube-system", "k8s:k8s-app": "kube-dns",
        ])
      ])
    #expect(entry.toPorts?.first?.ports == [CiliumPort(port: "53", protocol: .any)])
  }
}
