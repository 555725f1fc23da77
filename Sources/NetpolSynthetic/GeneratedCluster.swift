import NetpolModel

/// A seeded synthetic cluster as `kubectl get namespaces,pods -o yaml` prints it, with the
/// NetworkPolicies its teams would write: pods come from workloads (Deployments with
/// heavy-tailed replica counts, StatefulSets, a DaemonSet, a few bare pods) whose replicas share
/// their labels; namespaces are kube-system, monitoring and ingress-nginx when there is room, then
/// team-environment application namespaces; the policy mix has default-deny, DNS egress,
/// same-namespace, frontend→backend with ports, cross-namespace peers, ipBlock with except,
/// named ports, egress to data stores with port ranges, and matchExpressions selectors.
public struct GeneratedCluster: Sendable {
  /// How many namespaces (infrastructure ones included), pods and policies to generate.
  public struct Size: Sendable, Hashable {
    /// Namespaces, infrastructure ones included.
    public var namespaces: Int
    /// Pods, infrastructure ones included.
    public var pods: Int
    /// NetworkPolicies.
    public var policies: Int

    /// Creates a size.
    public init(namespaces: Int, pods: Int, policies: Int) {
      self.namespaces = namespaces
      self.pods = pods
      self.policies = policies
    }

    /// 3 namespaces, 30 pods, 10 policies.
    public static let small = Size(namespaces: 3, pods: 30, policies: 10)
    /// 10 namespaces, 300 pods, 100 policies.
    public static let medium = Size(namespaces: 10, pods: 300, policies: 100)
    /// 50 namespaces, 3,000 pods, 1,000 policies.
    public static let large = Size(namespaces: 50, pods: 3_000, policies: 1_000)
    /// 200 namespaces, 20,000 pods, 5,000 policies.
    public static let xl = Size(namespaces: 200, pods: 20_000, policies: 5_000)
  }

  /// A `kind: List` of the Namespace objects.
  public let namespacesYAML: String
  /// A `kind: List` of the Pod objects.
  public let podsYAML: String
  /// The NetworkPolicies.
  public let policies: [PolicyResource]
  /// Application namespaces (those with a team), for scripted steps.
  public let applicationNamespaces: [String]
  /// The first pod (`ns/name`) of each namespace, for scripted steps.
  public let firstPods: [String: String]

  /// Namespaces and pods as one file of two documents.
  public var clusterYAML: String { namespacesYAML + "---\n" + podsYAML }

  /// The policies as a multi-document YAML stream.
  public var policiesYAML: String { YAMLWriter.stream(policies) }

  /// Generates the cluster of `size`; the same size and seed always give the same cluster.
  /// Sizes need at least 2 namespaces and 2 pods per namespace.
  public static func generate(_ size: Size, seed: UInt64 = 1) -> GeneratedCluster {
    var builder = ClusterBuilder(size: size, seed: seed)
    builder.buildTopology()
    let pods = builder.podsYAML()
    builder.buildPolicies()
    return GeneratedCluster(
      namespacesYAML: builder.namespacesYAML(), podsYAML: pods, policies: builder.policies,
      applicationNamespaces: builder.applicationNamespaces.map { builder.namespaces[$0].name },
      firstPods: builder.firstPods)
  }
}

/// A generated namespace.
struct GeneratedNamespace {
  var name: String
  var labels: [String: String]
  var workloads: [Int] = []
  var policyNames: Set<String> = []
  var singletons: Set<String> = []
}

/// A generated workload: its pods share `labels`.
struct Workload {
  var namespace: Int
  var name: String
  var kind: String
  var app: String
  var tier: String
  var labels: [String: String]
  var ports: [AppPort]
  var replicas: Int
  var hash: String
}

/// A container port of an application.
struct AppPort {
  var name: String
  var port: Int
  var proto: String
}

/// Builds the topology, the pods and the policies of one cluster.
struct ClusterBuilder {
  let size: GeneratedCluster.Size
  var random: SeededRandom
  var namespaces: [GeneratedNamespace] = []
  var workloads: [Workload] = []
  var policies: [PolicyResource] = []
  var applicationNamespaces: [Int] = []
  var applicationWeights: [Double] = []
  var firstPods: [String: String] = [:]

  init(size: GeneratedCluster.Size, seed: UInt64) {
    self.size = GeneratedCluster.Size(
      namespaces: max(2, size.namespaces), pods: max(size.pods, 2 * max(2, size.namespaces) + 8),
      policies: size.policies)
    random = SeededRandom(state: seed)
  }

  mutating func addNamespace(_ name: String, _ labels: [String: String]) -> Int {
    var all = labels
    all[Namespace.nameLabel] = name
    namespaces.append(GeneratedNamespace(name: name, labels: all))
    return namespaces.count - 1
  }

  mutating func addWorkload(
    _ namespace: Int, _ name: String, _ kind: String, _ app: String, _ tier: String,
    _ labels: [String: String], _ ports: [AppPort], _ replicas: Int
  ) {
    let hash = random.suffix(10)
    namespaces[namespace].workloads.append(workloads.count)
    workloads.append(
      Workload(
        namespace: namespace, name: name, kind: kind, app: app, tier: tier, labels: labels,
        ports: ports, replicas: replicas, hash: hash))
  }

  mutating func buildTopology() {
    let nodes = max(3, size.pods / 40)
    let system = addNamespace("kube-system", [:])
    addWorkload(
      system, "coredns", "Deployment", "coredns", "infra", ["k8s-app": "kube-dns"],
      [
        AppPort(name: "dns", port: 53, proto: "UDP"),
        AppPort(name: "dns-tcp", port: 53, proto: "TCP"),
        AppPort(name: "metrics", port: 9153, proto: "TCP"),
      ], 2)
    var infrastructure = 1
    if size.namespaces >= 4 {
      infrastructure += 1
      let monitoring = addNamespace("monitoring", ["purpose": "monitoring", "team": "platform"])
      let labels = ["tier": "monitoring", "team": "platform"]
      addWorkload(
        monitoring, "prometheus", "StatefulSet", "prometheus", "monitoring",
        labels.merging(["app": "prometheus"]) { $1 },
        [AppPort(name: "web", port: 9090, proto: "TCP")],
        1)
      addWorkload(
        monitoring, "grafana", "Deployment", "grafana", "monitoring",
        labels.merging(["app": "grafana"]) { $1 },
        [AppPort(name: "http", port: 3000, proto: "TCP")],
        1)
      addWorkload(
        monitoring, "node-exporter", "DaemonSet", "node-exporter", "monitoring",
        ["app": "node-exporter", "tier": "monitoring"],
        [AppPort(name: "metrics", port: 9100, proto: "TCP")], min(nodes, max(1, size.pods / 50)))
    }
    if size.namespaces >= 5 {
      infrastructure += 1
      let ingress = addNamespace("ingress-nginx", ["purpose": "ingress"])
      addWorkload(
        ingress, "ingress-nginx-controller", "Deployment", "ingress-nginx", "ingress",
        [
          "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller",
        ],
        [
          AppPort(name: "http", port: 80, proto: "TCP"),
          AppPort(name: "https", port: 443, proto: "TCP"),
        ],
        2)
    }
    let infrastructurePods = workloads.reduce(0) { $0 + $1.replicas }
    let count = size.namespaces - infrastructure
    var combinations = Catalog.environments.flatMap { environment in
      Catalog.teams.map { ($0, environment) }
    }
    combinations = random.shuffled(combinations).map { ($0, random.unit()) }
      .sorted { left, right in
        let weight = { (pair: ((String, String), Double)) -> Double in
          Catalog.environmentWeight(pair.0.1) * (1 + pair.1)
        }
        return weight(left) > weight(right)
      }.map(\.0)
    var used = Set<String>()
    var application: [Int] = []
    for index in 0..<count {
      let (team, environment) = combinations[index % combinations.count]
      var name = "\(team)-\(environment)"
      var suffix = 2
      while used.contains(name) {
        name = "\(team)-\(environment)-\(suffix)"
        suffix += 1
      }
      used.insert(name)
      var labels = ["team": team, "env": environment]
      if random.unit() < 0.3 { labels["istio-injection"] = "enabled" }
      application.append(addNamespace(name, labels))
    }
    // Pods per application namespace: log-normal weights, at least 2 each, summing exactly.
    let budget = max(2 * count, size.pods - infrastructurePods)
    let weights = application.map { _ in random.logNormal(0, 0.8) }
    let total = weights.reduce(0, +)
    var allocation = weights.map { max(2, Int(Double(budget) * $0 / total)) }
    var difference = budget - allocation.reduce(0, +)
    var cursor = 0
    while difference != 0 {
      let slot = cursor % allocation.count
      if difference > 0 {
        allocation[slot] += 1
        difference -= 1
      } else if allocation[slot] > 2 {
        allocation[slot] -= 1
        difference += 1
      }
      cursor += 1
    }
    for (namespace, pods) in zip(application, allocation) { fill(namespace, budget: pods) }
  }

  mutating func fill(_ namespace: Int, budget start: Int) {
    var budget = start
    let team = namespaces[namespace].labels["team"] ?? "platform"
    let environment = namespaces[namespace].labels["env"] ?? "prod"
    var usedNames = Set<String>()
    var plan = ["frontend", "backend"]
    while budget > 0 {
      let tier = plan.isEmpty ? random.weighted(Catalog.tierWeights) : plan.removeFirst()
      let app = random.pick(Catalog.apps.filter { $0.tier == tier })
      var kind = app.kind
      var name = app.name
      var suffix = 2
      while usedNames.contains(name) {
        name = "\(app.name)-\(suffix)"
        suffix += 1
      }
      usedNames.insert(name)
      if random.unit() < 0.03 && budget <= 3 { kind = "Pod" }
      var replicas = random.weighted(
        kind == "StatefulSet" ? Catalog.statefulReplicas : Catalog.replicas)
      replicas = kind == "Pod" ? 1 : min(replicas, budget)
      let workloadTeam = random.unit() < 0.9 ? team : random.pick(Catalog.teams)
      var labels = ["app": app.name, "tier": tier, "team": workloadTeam, "env": environment]
      if name != app.name { labels["component"] = name }
      labels["version"] = random.unit() < 0.85 ? "v1" : random.pick(["v2", "v3"])
      addWorkload(namespace, name, kind, app.name, tier, labels, app.ports, replicas)
      budget -= replicas
      if kind == "Deployment" && budget > 0 && random.unit() < 0.06 {
        var canary = labels
        canary["version"] = "canary"
        canary["track"] = "canary"
        usedNames.insert(name + "-canary")
        addWorkload(namespace, name + "-canary", kind, app.name, tier, canary, app.ports, 1)
        budget -= 1
      }
    }
  }
}
