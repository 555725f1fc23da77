import NetpolModel

/// A seeded generator of realistic synthetic clusters for benchmarks and property tests:
/// deployments whose replicas share label sets, and a mix of the policies people write.
public enum SyntheticCluster {
  /// A deterministic random source (SplitMix64).
  struct Random {
    var state: UInt64

    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var value = state
      value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
      value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
      return value ^ (value >> 31)
    }

    mutating func int(_ range: Range<Int>) -> Int {
      range.lowerBound + Int(next() % UInt64(max(1, range.count)))
    }

    mutating func pick<T>(_ values: [T]) -> T { values[int(0..<values.count)] }
  }

  /// Tiers of generated deployments, with their container ports.
  static let tiers: [(name: String, ports: [ContainerPort])] = [
    ("frontend", [ContainerPort(name: "http", port: 8080)]),
    (
      "backend", [ContainerPort(name: "http", port: 8080), ContainerPort(name: "grpc", port: 9090)]
    ),
    ("db", [ContainerPort(name: "postgres", port: 5432)]),
    ("cache", [ContainerPort(name: "redis", port: 6379)]),
    ("worker", []),
  ]

  /// Generates about `pods` pods (deployments of 1–12 replicas sharing labels, plus one
  /// kube-dns pod) in `namespaces` namespaces, `policies` NetworkPolicies, and three external
  /// names. The same arguments always give the same cluster.
  public static func generate(pods: Int, policies: Int, namespaces: Int, seed: UInt64)
    -> (inventory: Inventory, policies: [PolicyResource])
  {
    var random = Random(state: seed)
    let teams = (0..<max(1, namespaces / 5)).map { "team-\($0)" }
    var namespaceList = [Namespace(name: "kube-system")]
    var apps: [String: [(app: String, tier: String)]] = [:]
    var podList = [
      Pod(
        namespace: "kube-system", name: "coredns-0", labels: ["k8s-app": "kube-dns"],
        ip: "10.255.0.10",
        ports: [
          ContainerPort(name: "dns", port: 53, protocol: .udp),
          ContainerPort(name: "dns-tcp", port: 53, protocol: .tcp),
        ])
    ]
    let namespaceNames = (0..<max(1, namespaces)).map { "ns-\($0)" }
    for name in namespaceNames {
      namespaceList.append(
        Namespace(
          name: name,
          labels: ["team": random.pick(teams), "env": random.pick(["prod", "staging", "dev"])]))
    }
    var address = 0
    var deployment = 0
    while podList.count < pods {
      let namespace = namespaceNames[deployment % namespaceNames.count]
      let tier = tiers[random.int(0..<tiers.count)]
      let app = "\(tier.name)-\(deployment / namespaceNames.count)"
      apps[namespace, default: []].append((app, tier.name))
      let replicas = min(random.int(1..<13), pods - podList.count)
      let version = random.pick(["v1", "v2"])
      for replica in 0..<replicas {
        address += 1
        podList.append(
          Pod(
            namespace: namespace, name: "\(app)-\(replica)",
            labels: ["app": app, "tier": tier.name, "version": version],
            ip: "10.\(address >> 16 & 0xff).\(address >> 8 & 0xff).\(address & 0xff)",
            ports: tier.ports))
      }
      deployment += 1
    }
    var policyList: [PolicyResource] = []
    for index in 0..<policies {
      let namespace = namespaceNames[index % namespaceNames.count]
      let local = apps[namespace] ?? [("app-0", "frontend")]
      let meta = ObjectMeta(name: "policy-\(index)", namespace: namespace)
      let spec = policySpec(
        kind: random.int(0..<100), local: local, teams: teams, random: &random)
      policyList.append(.networkPolicy(NetworkPolicy(metadata: meta, spec: spec)))
    }
    let external = [
      ExternalEndpoint(name: "api.example.com", isFQDN: true, ips: ["93.184.215.14"]),
      ExternalEndpoint(name: "registry.example.org", isFQDN: true, ips: ["151.101.0.1"]),
      ExternalEndpoint(name: "metadata", isFQDN: false, ips: ["169.254.169.254"]),
    ]
    return (Inventory(namespaces: namespaceList, pods: podList, external: external), policyList)
  }

  /// One policy of the mix: default-deny (ingress, or both directions), same-namespace ingress
  /// and egress, frontend→backend with ports, namespaceSelector+podSelector, ipBlock with
  /// except, DNS egress, named ports.
  static func policySpec(
    kind: Int, local: [(app: String, tier: String)], teams: [String], random: inout Random
  ) -> NetworkPolicySpec {
    let target = random.pick(local)
    let peer = random.pick(local)
    let selector = LabelSelector(matchLabels: ["app": target.app])
    switch kind {
    case 0..<7:
      return NetworkPolicySpec(podSelector: .everything, policyTypes: [.ingress])
    case 7..<10:
      return NetworkPolicySpec(podSelector: .everything, policyTypes: [.ingress, .egress])
    case 10..<25:
      return NetworkPolicySpec(
        podSelector: .everything,
        ingress: [NetworkPolicyRule(peers: [NetworkPolicyPeer(podSelector: .everything)])])
    case 25..<45:
      return NetworkPolicySpec(
        podSelector: selector,
        ingress: [
          NetworkPolicyRule(
            ports: [
              NetworkPolicyPort(port: .number(8080)), NetworkPolicyPort(port: .number(9090)),
            ],
            peers: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["app": peer.app]))])
        ])
    case 45..<58:
      return NetworkPolicySpec(
        podSelector: LabelSelector(matchLabels: ["tier": target.tier]),
        ingress: [
          NetworkPolicyRule(peers: [
            NetworkPolicyPeer(
              podSelector: LabelSelector(matchLabels: [
                "tier": random.pick(["frontend", "backend"])
              ]),
              namespaceSelector: LabelSelector(matchLabels: ["team": random.pick(teams)]))
          ])
        ])
    case 58..<66:
      return NetworkPolicySpec(
        podSelector: selector, policyTypes: [.egress],
        egress: [
          NetworkPolicyRule(
            ports: [NetworkPolicyPort(port: .number(443))],
            peers: [NetworkPolicyPeer(ipBlock: IPBlock(cidr: "0.0.0.0/0", except: ["10.0.0.0/8"]))])
        ])
    case 66..<78:
      return NetworkPolicySpec(
        podSelector: .everything, policyTypes: [.egress],
        egress: [
          NetworkPolicyRule(
            ports: [
              NetworkPolicyPort(protocol: .udp, port: .number(53)),
              NetworkPolicyPort(protocol: .tcp, port: .number(53)),
            ],
            peers: [
              NetworkPolicyPeer(
                podSelector: LabelSelector(matchLabels: ["k8s-app": "kube-dns"]),
                namespaceSelector: LabelSelector(matchLabels: [Namespace.nameLabel: "kube-system"]))
            ])
        ])
    case 78..<88:
      return NetworkPolicySpec(
        podSelector: .everything, policyTypes: [.egress],
        egress: [NetworkPolicyRule(peers: [NetworkPolicyPeer(podSelector: .everything)])])
    default:
      return NetworkPolicySpec(
        podSelector: selector,
        ingress: [
          NetworkPolicyRule(
            ports: [NetworkPolicyPort(port: .name("http"))],
            peers: [NetworkPolicyPeer(namespaceSelector: .everything)])
        ])
    }
  }
}
