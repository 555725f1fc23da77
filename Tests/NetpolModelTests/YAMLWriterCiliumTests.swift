import Testing

@testable import NetpolModel

/// Expected documents are written by hand from the Cilium policy documentation (C-L3, C-L4, C-L7,
/// C-DENY in semantics.md §0) and the CRD schema in shared/schemas, in the key order documented
/// on `YAMLWriter` (Cilium's `pkg/policy/api` types).
@Suite("A Cilium policy is written with string ports and the CRD's field names")
struct CiliumYAMLTests {
  private static let kubeDNS = LabelSelector(matchLabels: [
    "k8s:io.kubernetes.pod.namespace": "kube-system", "k8s:k8s-app": "kube-dns",
  ])

  @Test("the S4 allow-dns policy quotes port 53 and the * pattern")
  func allowDNS() {
    // scenarios.md S4; the notes' allow-dns CNP.
    let rule = CiliumRule(
      endpointSelector: .everything,
      egress: [
        CiliumRuleEntry(
          endpoints: [Self.kubeDNS],
          toPorts: [
            PortRule(
              ports: [CiliumPort(port: "53", protocol: .any)],
              rules: L7Rules(dns: [FQDNSelector(matchPattern: "*")]))
          ])
      ])
    let policy = CiliumPolicy(
      kind: .networkPolicy, metadata: ObjectMeta(name: "allow-dns", namespace: "demo"), spec: rule)
    #expect(
      YAMLWriter.document(.cilium(policy)) == """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata:
          name: allow-dns
          namespace: demo
        spec:
          endpointSelector: {}
          egress:
          - toEndpoints:
            - matchLabels:
                k8s:io.kubernetes.pod.namespace: kube-system
                k8s:k8s-app: kube-dns
            toPorts:
            - ports:
              - port: "53"
                protocol: ANY
              rules:
                dns:
                - matchPattern: "*"

        """)
  }

  @Test("the S4 FQDN policy quotes the *.google.com patterns")
  func allowSpecificDomains() {
    // scenarios.md S4 allow-egress-to-specific-domain.
    let rule = CiliumRule(
      endpointSelector: LabelSelector(matchLabels: ["app": "client"]),
      egress: [
        CiliumRuleEntry(
          fqdns: [
            FQDNSelector(matchName: "example.com"), FQDNSelector(matchName: "google.com"),
            FQDNSelector(matchPattern: "*.google.com"), FQDNSelector(matchPattern: "*.github.com"),
          ],
          toPorts: [PortRule(ports: [CiliumPort(port: "443", protocol: .tcp)])])
      ])
    let policy = CiliumPolicy(
      kind: .networkPolicy,
      metadata: ObjectMeta(name: "allow-egress-to-specific-domain", namespace: "demo"), spec: rule)
    #expect(
      YAMLWriter.document(.cilium(policy)) == """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata:
          name: allow-egress-to-specific-domain
          namespace: demo
        spec:
          endpointSelector:
            matchLabels:
              app: client
          egress:
          - toFQDNs:
            - matchName: example.com
            - matchName: google.com
            - matchPattern: "*.google.com"
            - matchPattern: "*.github.com"
            toPorts:
            - ports:
              - port: "443"
                protocol: TCP

        """)
  }

  @Test("a clusterwide host policy writes every ingress peer kind with the from prefix")
  func clusterwideIngress() {
    // C-L3 entities, CIDR, CIDRSet (except / cidrGroupRef), nodes; C-L4 icmps.
    let rule = CiliumRule(
      nodeSelector: LabelSelector(matchLabels: ["node-role.kubernetes.io/control-plane": ""]),
      ingress: [
        CiliumRuleEntry(entities: ["cluster", "remote-node"]),
        CiliumRuleEntry(cidr: ["10.0.0.0/8", "192.168.1.1"]),
        CiliumRuleEntry(cidrSet: [
          CIDRRule(cidr: "0.0.0.0/0", except: ["10.96.0.0/12"]), CIDRRule(cidrGroupRef: "office"),
        ]),
        CiliumRuleEntry(
          nodes: [LabelSelector(matchLabels: ["kubernetes.io/os": "linux"])],
          icmps: [
            ICMPRule(fields: [
              ICMPField(type: "8"), ICMPField(family: "IPv6", type: "EchoRequest"),
            ])
          ]),
      ])
    let policy = CiliumPolicy(
      kind: .clusterwideNetworkPolicy, metadata: ObjectMeta(name: "host-fw"), spec: rule)
    #expect(
      YAMLWriter.document(.cilium(policy)) == """
        apiVersion: cilium.io/v2
        kind: CiliumClusterwideNetworkPolicy
        metadata:
          name: host-fw
        spec:
          nodeSelector:
            matchLabels:
              node-role.kubernetes.io/control-plane: ""
          ingress:
          - fromEntities:
            - cluster
            - remote-node
          - fromCIDR:
            - 10.0.0.0/8
            - 192.168.1.1
          - fromCIDRSet:
            - cidr: 0.0.0.0/0
              except:
              - 10.96.0.0/12
            - cidrGroupRef: office
          - fromNodes:
            - matchLabels:
                kubernetes.io/os: linux
            icmps:
            - fields:
              - type: 8
              - family: IPv6
                type: EchoRequest

        """)
  }

  @Test("deny lists, default-deny switches, description, labels and log are written in order")
  func ruleFields() {
    // C-DENY deny sections; semantics.md §2.3 enableDefaultDeny; §2.1 description, labels, log.
    let rule = CiliumRule(
      endpointSelector: LabelSelector(matchLabels: ["app": "api"]),
      ingressDeny: [CiliumRuleEntry(entities: ["world"])],
      egressDeny: [
        CiliumRuleEntry(toPorts: [PortRule(ports: [CiliumPort(port: "25", protocol: .tcp)])])
      ],
      enableDefaultDeny: DefaultDenyConfig(ingress: false, egress: true),
      description: "no: mail",
      labels: [CiliumLabel(key: "team", value: "core", source: "k8s"), CiliumLabel(key: "audit")],
      logValue: "api-deny")
    let policy = CiliumPolicy(
      kind: .networkPolicy, metadata: ObjectMeta(name: "deny", namespace: "prod"), spec: rule,
      specs: [CiliumRule(endpointSelector: .everything, egress: [CiliumRuleEntry()])])
    #expect(
      YAMLWriter.document(.cilium(policy)) == """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata:
          name: deny
          namespace: prod
        spec:
          endpointSelector:
            matchLabels:
              app: api
          ingressDeny:
          - fromEntities:
            - world
          egressDeny:
          - toPorts:
            - ports:
              - port: "25"
                protocol: TCP
          enableDefaultDeny:
            ingress: false
            egress: true
          description: "no: mail"
          labels:
          - key: team
            value: core
            source: k8s
          - key: audit
          log:
            value: api-deny
        specs:
        - endpointSelector: {}
          egress:
          - {}

        """)
  }

  @Test("services, port ranges, server names and HTTP and Kafka rules keep their fields")
  func egressL4AndL7() {
    // C-L3 toServices; C-L4 endPort and serverNames; C-L7 HTTP and Kafka examples.
    let rule = CiliumRule(
      endpointSelector: .everything,
      egress: [
        CiliumRuleEntry(services: [
          ServiceSelector(serviceName: "db", namespace: "data"),
          ServiceSelector(namespace: "data", selector: LabelSelector(matchLabels: ["app": "db"])),
        ]),
        CiliumRuleEntry(toPorts: [
          PortRule(
            ports: [CiliumPort(port: "8000", endPort: 8080), CiliumPort(port: "https")],
            rules: L7Rules(http: [
              HTTPRule(
                method: "GET", path: "/public/.*", host: "api.example.com", headers: ["X-A: 1"]),
              HTTPRule(),
            ]),
            serverNames: ["api.example.com"]),
          PortRule(
            ports: [CiliumPort(port: "9092", protocol: .tcp)],
            rules: L7Rules(kafka: [["topic": "orders", "role": "produce", "zone": "a"]])),
          PortRule(),
        ]),
      ])
    let policy = CiliumPolicy(
      kind: .networkPolicy, metadata: ObjectMeta(name: "l7", namespace: "shop"), spec: rule)
    #expect(
      YAMLWriter.document(.cilium(policy)) == """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata:
          name: l7
          namespace: shop
        spec:
          endpointSelector: {}
          egress:
          - toServices:
            - k8sService:
                serviceName: db
                namespace: data
            - k8sServiceSelector:
                selector:
                  matchLabels:
                    app: db
                namespace: data
          - toPorts:
            - ports:
              - port: "8000"
                endPort: 8080
              - port: https
              serverNames:
              - api.example.com
              rules:
                http:
                - path: /public/.*
                  method: GET
                  host: api.example.com
                  headers:
                  - "X-A: 1"
                - {}
            - ports:
              - port: "9092"
                protocol: TCP
              rules:
                kafka:
                - role: produce
                  topic: orders
                  zone: a
            - {}

        """)
  }

  @Test("egress entries name every peer kind with the to prefix, ingress ones with from")
  func peerPrefixes() {
    // C-L3: toEndpoints/fromEndpoints, toEntities, toCIDR, toCIDRSet, toNodes; an empty
    // `toEndpoints: []` selects nothing and is kept (semantics.md §2.4).
    let selector = LabelSelector(matchLabels: ["app": "db"])
    let rule = CiliumRule(
      endpointSelector: .everything,
      ingress: [CiliumRuleEntry(endpoints: [selector, .everything])],
      egress: [
        CiliumRuleEntry(endpoints: []), CiliumRuleEntry(entities: ["kube-apiserver"]),
        CiliumRuleEntry(cidr: ["::/0"]), CiliumRuleEntry(cidrSet: [CIDRRule(cidr: "10.0.0.0/8")]),
        CiliumRuleEntry(nodes: [selector]),
      ])
    let policy = CiliumPolicy(
      kind: .networkPolicy, metadata: ObjectMeta(name: "peers", namespace: "db"), spec: rule)
    #expect(
      YAMLWriter.document(.cilium(policy)) == """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata:
          name: peers
          namespace: db
        spec:
          endpointSelector: {}
          ingress:
          - fromEndpoints:
            - matchLabels:
                app: db
            - {}
          egress:
          - toEndpoints: []
          - toEntities:
            - kube-apiserver
          - toCIDR:
            - "::/0"
          - toCIDRSet:
            - cidr: 10.0.0.0/8
          - toNodes:
            - matchLabels:
                app: db

        """)
  }

  @Test("a policy with an empty spec and an empty specs list writes {} and []")
  func emptySpecs() {
    // The namespace "n" is quoted: go-yaml v2 (kubectl) reads a plain n as the boolean false.
    let policy = CiliumPolicy(
      kind: .networkPolicy, metadata: ObjectMeta(name: "e", namespace: "n"), spec: CiliumRule(),
      specs: [])
    #expect(
      YAMLWriter.document(.cilium(policy)) == """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata:
          name: e
          namespace: "n"
        spec: {}
        specs: []

        """)
  }
}
