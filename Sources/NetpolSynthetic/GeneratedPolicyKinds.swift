import NetpolModel

/// The policy kinds with several variants.
extension ClusterBuilder {
  /// Ingress from a tier of other namespaces chosen by team, by name, by an env expression, or
  /// from the ingress controller.
  mutating func crossNamespace(_ namespace: Int, _ local: [Workload]) -> NetworkPolicy? {
    let tiers = ["backend", "frontend", "cache", "db"]
    let preferred = local.filter { tiers.contains($0.tier) }
    let destination = random.pick(preferred.isEmpty ? local : preferred)
    let others = applicationNamespaces.filter { $0 != namespace }
    let source = random.pick(others.isEmpty ? [namespace] : others)
    var style = random.pick(["team", "team", "name", "env-expr", "ingress"])
    let hasIngress = namespaces.contains { $0.name == "ingress-nginx" }
    if style == "ingress" && hasIngress {
      let frontends = local.filter { $0.tier == "frontend" }
      let target = random.pick(frontends.isEmpty ? local : frontends)
      let peer = NetworkPolicyPeer(
        podSelector: LabelSelector(matchLabels: ["app.kubernetes.io/name": "ingress-nginx"]),
        namespaceSelector: LabelSelector(matchLabels: [Namespace.nameLabel: "ingress-nginx"]))
      let named = random.unit() < 0.5
      let rule = NetworkPolicyRule(ports: ports(target, named: named), peers: [peer])
      return policy(
        namespace, "allow-ingress-nginx-to-\(target.name)", ingressSpec(selector(target), [rule]))
    }
    if style == "ingress" { style = "team" }
    let sourceLabels = namespaces[source].labels
    let namespaceSelector: LabelSelector
    switch style {
    case "team":
      namespaceSelector = LabelSelector(matchLabels: ["team": sourceLabels["team"] ?? ""])
    case "name":
      namespaceSelector = LabelSelector(matchLabels: [Namespace.nameLabel: namespaces[source].name])
    default:
      let environments = Set([namespaces[namespace].labels["env"] ?? "prod", "prod"]).sorted()
      namespaceSelector = LabelSelector(matchExpressions: [
        LabelSelectorRequirement(key: "env", operator: .in, values: environments)
      ])
    }
    let sourceTier = random.pick(Catalog.callers[destination.tier] ?? ["backend"])
    let peer = NetworkPolicyPeer(
      podSelector: LabelSelector(matchLabels: ["tier": sourceTier]),
      namespaceSelector: namespaceSelector)
    let rule = NetworkPolicyRule(ports: ports(destination), peers: [peer])
    return policy(
      namespace, "allow-\(sourceTier)-from-\(sourceLabels["team"] ?? "any")-to-\(destination.name)",
      ingressSpec(selector(destination), [rule]))
  }

  /// ipBlock peers with except: external ingress, VPC egress, egress but the metadata service,
  /// a partner network.
  mutating func ipBlock(_ namespace: Int, _ local: [Workload]) -> NetworkPolicy? {
    switch random.pick(["ingress-external", "egress-internal", "egress-no-metadata", "partner"]) {
    case "ingress-external":
      let frontends = local.filter { $0.tier == "frontend" }
      let target = random.pick(frontends.isEmpty ? local : frontends)
      let block = IPBlock(
        cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"])
      let rule = NetworkPolicyRule(ports: ports(target), peers: [NetworkPolicyPeer(ipBlock: block)])
      return policy(
        namespace, "allow-external-to-\(target.name)", ingressSpec(selector(target), [rule]))
    case "egress-internal":
      let source = random.pick(local)
      let block = IPBlock(cidr: "10.0.0.0/8", except: ["10.96.0.0/12", "10.244.0.0/16"])
      return policy(
        namespace, "allow-\(source.name)-egress-vpc",
        egressSpec(
          selector(source), [NetworkPolicyRule(peers: [NetworkPolicyPeer(ipBlock: block)])]))
    case "egress-no-metadata":
      let block = IPBlock(cidr: "0.0.0.0/0", except: ["169.254.169.254/32"])
      let rule = NetworkPolicyRule(
        ports: [NetworkPolicyPort(protocol: .tcp, port: .number(443))],
        peers: [NetworkPolicyPeer(ipBlock: block)])
      let tier = random.pick(["backend", "worker"])
      return policy(
        namespace, "allow-egress-except-metadata",
        egressSpec(LabelSelector(matchLabels: ["tier": tier]), [rule]))
    default:
      let first = random.int(1..<223)
      let second = random.int(0..<256)
      let source = random.pick(local)
      let block = IPBlock(
        cidr: "\(first).\(second).0.0/16",
        except: ["\(first).\(second).\(random.int(0..<256)).0/24"])
      let rule = NetworkPolicyRule(
        ports: [NetworkPolicyPort(protocol: .tcp, port: .number(random.pick([443, 8443, 22])))],
        peers: [NetworkPolicyPeer(ipBlock: block)])
      return policy(
        namespace, "allow-\(source.name)-to-partner", egressSpec(selector(source), [rule]))
    }
  }

  /// Ingress on named ports: Prometheus scraping `metrics`, or a caller to a workload.
  mutating func namedPort(
    _ namespace: Int, _ local: [Workload], _ callers: (Workload) -> [Workload]
  ) -> NetworkPolicy? {
    if random.unit() < 0.5 && namespaces.contains(where: { $0.name == "monitoring" }) {
      let scraped = local.filter { $0.ports.contains { $0.name == "metrics" } }
      guard !scraped.isEmpty else { return nil }
      let target: LabelSelector
      let name: String
      if namespaces[namespace].singletons.contains("prom") {
        target = selector(random.pick(scraped))
        name = "allow-prometheus-scrape"
      } else {
        namespaces[namespace].singletons.insert("prom")
        target = .everything
        name = "allow-prometheus-scrape-all"
      }
      let peer = NetworkPolicyPeer(
        podSelector: LabelSelector(matchLabels: ["app": "prometheus"]),
        namespaceSelector: LabelSelector(matchLabels: [Namespace.nameLabel: "monitoring"]))
      let rule = NetworkPolicyRule(
        ports: [NetworkPolicyPort(protocol: .tcp, port: .name("metrics"))], peers: [peer])
      return policy(namespace, name, ingressSpec(target, [rule]))
    }
    let destination = random.pick(local)
    let candidates = callers(destination)
    let source = random.pick(candidates.isEmpty ? local : candidates)
    let rule = NetworkPolicyRule(
      ports: ports(destination, named: true),
      peers: [NetworkPolicyPeer(podSelector: selector(source))])
    return policy(
      namespace, "allow-\(source.name)-to-\(destination.name)-named",
      ingressSpec(selector(destination), [rule]))
  }

  /// Egress from a backend or worker to a data store, or to a node-port range of the team.
  mutating func datastore(_ namespace: Int, _ local: [Workload]) -> NetworkPolicy? {
    let stores = local.filter { ["db", "cache", "queue"].contains($0.tier) }
    let users = local.filter { ["backend", "worker"].contains($0.tier) }
    guard !users.isEmpty else { return nil }
    let source = random.pick(users)
    let rule: NetworkPolicyRule
    let name: String
    if !stores.isEmpty && random.unit() < 0.8 {
      let destination = random.pick(stores)
      rule = NetworkPolicyRule(
        ports: ports(destination),
        peers: [NetworkPolicyPeer(podSelector: selector(destination, "app"))])
      name = "allow-\(source.name)-to-\(destination.name)"
    } else {
      let team = namespaces[namespace].labels["team"] ?? ""
      rule = NetworkPolicyRule(
        ports: [NetworkPolicyPort(protocol: .tcp, port: .number(30000), endPort: 32767)],
        peers: [NetworkPolicyPeer(namespaceSelector: LabelSelector(matchLabels: ["team": team]))])
      name = "allow-\(source.name)-nodeport-range"
    }
    return policy(namespace, name, egressSpec(selector(source), [rule]))
  }
}
