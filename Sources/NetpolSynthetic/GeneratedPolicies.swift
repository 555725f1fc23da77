import NetpolModel

/// The policies of a generated cluster: the first of each kind once, then kinds by weight.
extension ClusterBuilder {
  mutating func buildPolicies() {
    applicationNamespaces = namespaces.indices.filter {
      namespaces[$0].labels["team"] != nil && namespaces[$0].name != "monitoring"
    }
    // Bigger namespaces get more policies (sub-linearly).
    applicationWeights = applicationNamespaces.map { namespace in
      1
        + Double(namespaces[namespace].workloads.reduce(0) { $0 + workloads[$1].replicas })
        .squareRoot()
    }
    guard !applicationNamespaces.isEmpty else { return }
    let kinds = Catalog.policyKinds.map(\.0)
    var tries = 0
    var index = 0
    while policies.count < size.policies, tries <= 200 * size.policies + 1000 {
      tries += 1
      let kind = index < kinds.count ? kinds[index] : random.weighted(Catalog.policyKinds)
      guard let policy = makePolicy(kind) else {
        if index < kinds.count && tries > 50 * (index + 1) { index += 1 }
        continue
      }
      policies.append(.networkPolicy(policy))
      index += 1
    }
  }

  /// A namespace drawn by weight, and its workloads other than bare pods.
  mutating func pickNamespace() -> (Int, [Workload]) {
    let namespace = random.weighted(Array(zip(applicationNamespaces, applicationWeights)))
    return (
      namespace, namespaces[namespace].workloads.map { workloads[$0] }.filter { $0.kind != "Pod" }
    )
  }

  /// A policy named `name` (made unique in its namespace) with `spec`.
  mutating func policy(_ namespace: Int, _ name: String, _ spec: NetworkPolicySpec) -> NetworkPolicy
  {
    var unique = name
    let base = String(name.prefix(55)).trimmingTrailingDashes
    var suffix = 2
    while namespaces[namespace].policyNames.contains(unique) {
      unique = "\(base)-\(suffix)"
      suffix += 1
    }
    namespaces[namespace].policyNames.insert(unique)
    var labels: [String: String] = [:]
    if random.unit() < 0.4 {
      labels["app.kubernetes.io/managed-by"] = random.pick(["helm", "kustomize", "argocd"])
    }
    return NetworkPolicy(
      metadata: ObjectMeta(name: unique, namespace: namespaces[namespace].name, labels: labels),
      spec: spec)
  }

  /// A pod selector for a workload, of mixed granularity like real policies.
  mutating func selector(_ workload: Workload, _ how: String? = nil) -> LabelSelector {
    let how =
      how ?? random.weighted([("app", 6), ("app+tier", 2), ("app+env", 1), ("component", 1)])
    let labels = workload.labels
    let app = labels["app"] ?? workload.app
    if how == "component", let component = labels["component"] {
      return LabelSelector(matchLabels: ["app": app, "component": component])
    }
    if how == "app+tier" { return LabelSelector(matchLabels: ["app": app, "tier": workload.tier]) }
    if how == "app+env", let environment = labels["env"] {
      return LabelSelector(matchLabels: ["app": app, "env": environment])
    }
    return LabelSelector(matchLabels: ["app": app])
  }

  /// One or two of a workload's ports other than metrics, by number or by name.
  mutating func ports(_ workload: Workload, named: Bool = false) -> [NetworkPolicyPort] {
    let candidates = workload.ports.filter { $0.name != "metrics" }
    let pool = candidates.isEmpty ? workload.ports : candidates
    let chosen = random.sample(pool, random.pick([1, 1, 1, 2]))
    return chosen.map { port in
      NetworkPolicyPort(
        protocol: port.proto == "UDP" ? .udp : .tcp,
        port: named ? .name(port.name) : .number(port.port))
    }
  }

  /// An ingress-only spec.
  func ingressSpec(_ selector: LabelSelector, _ rules: [NetworkPolicyRule]) -> NetworkPolicySpec {
    NetworkPolicySpec(podSelector: selector, policyTypes: [.ingress], ingress: rules)
  }

  /// An egress-only spec.
  func egressSpec(_ selector: LabelSelector, _ rules: [NetworkPolicyRule]) -> NetworkPolicySpec {
    NetworkPolicySpec(podSelector: selector, policyTypes: [.egress], egress: rules)
  }

  /// A policy of `kind`, or `nil` when the drawn namespace cannot have one.
  mutating func makePolicy(_ kind: String) -> NetworkPolicy? {
    let (namespace, local) = pickNamespace()
    guard !local.isEmpty else { return nil }
    let callers = { (destination: Workload) in
      local.filter {
        (Catalog.callers[destination.tier] ?? []).contains($0.tier) && $0.name != destination.name
      }
    }
    switch kind {
    case "default-deny":
      let variant = random.pick(["default-deny-ingress", "default-deny-all"])
      let singles = namespaces[namespace].singletons
      guard !singles.contains(variant), !singles.contains("default-deny-all") else { return nil }
      namespaces[namespace].singletons.insert(variant)
      let types: [PolicyType] =
        variant == "default-deny-ingress" ? [.ingress] : [.ingress, .egress]
      return policy(
        namespace, variant, NetworkPolicySpec(podSelector: .everything, policyTypes: types))
    case "allow-dns":
      guard namespaces[namespace].singletons.insert("allow-dns").inserted else { return nil }
      let peer = NetworkPolicyPeer(
        podSelector: LabelSelector(matchLabels: ["k8s-app": "kube-dns"]),
        namespaceSelector: LabelSelector(matchLabels: [Namespace.nameLabel: "kube-system"]))
      let ports = [
        NetworkPolicyPort(protocol: .udp, port: .number(53)),
        NetworkPolicyPort(protocol: .tcp, port: .number(53)),
      ]
      return policy(
        namespace, "allow-dns-egress",
        egressSpec(.everything, [NetworkPolicyRule(ports: ports, peers: [peer])]))
    case "allow-same-namespace":
      guard namespaces[namespace].singletons.insert("same-ns").inserted else { return nil }
      return policy(
        namespace, "allow-same-namespace",
        ingressSpec(
          .everything, [NetworkPolicyRule(peers: [NetworkPolicyPeer(podSelector: .everything)])]))
    case "frontend-to-backend":
      let backends = local.filter { $0.tier == "backend" }
      let destination =
        !backends.isEmpty && random.unit() < 0.6 ? random.pick(backends) : random.pick(local)
      let candidates = callers(destination)
      guard !candidates.isEmpty else { return nil }
      let sources = random.sample(candidates, random.pick([1, 1, 2, 3]))
      var peers: [NetworkPolicyPeer] = []
      for source in sources { peers.append(NetworkPolicyPeer(podSelector: selector(source))) }
      let rule = NetworkPolicyRule(ports: ports(destination), peers: peers)
      return policy(
        namespace, "allow-\(sources[0].name)-to-\(destination.name)",
        ingressSpec(selector(destination), [rule]))
    case "cross-namespace":
      return crossNamespace(namespace, local)
    case "ipblock-except":
      return ipBlock(namespace, local)
    case "named-port":
      return namedPort(namespace, local, callers)
    case "egress-to-datastore":
      return datastore(namespace, local)
    default:
      let tiers = random.sample(["backend", "cache", "db", "queue", "worker"], 2).sorted()
      let peer = NetworkPolicyPeer(
        podSelector: LabelSelector(matchExpressions: [
          LabelSelectorRequirement(key: "team", operator: .exists),
          LabelSelectorRequirement(key: "track", operator: .doesNotExist),
        ]),
        namespaceSelector: LabelSelector(matchExpressions: [
          LabelSelectorRequirement(key: "env", operator: .notIn, values: ["dev", "qa"])
        ]))
      let ports = [NetworkPolicyPort(port: .number(8080)), NetworkPolicyPort(port: .number(9090))]
      return policy(
        namespace, "allow-\(tiers.joined(separator: "-"))-from-non-dev",
        ingressSpec(
          LabelSelector(matchExpressions: [
            LabelSelectorRequirement(key: "tier", operator: .in, values: tiers)
          ]), [NetworkPolicyRule(ports: ports, peers: [peer])]))
    }
  }
}

extension String {
  /// The string without trailing dashes.
  var trimmingTrailingDashes: String {
    var text = self
    while text.hasSuffix("-") { text.removeLast() }
    return text
  }
}
