import NetpolModel

/// Cilium identity labels of pods and the normalisation of Cilium selector keys
/// (see Cilium selectors and namespaces in docs/semantics.md: `k8s:` / `any:` / bare keys match pod
/// labels, `reserved:` keys match reserved identities only).
enum IdentityLabels {
  /// The pod-namespace label every pod identity carries.
  static let namespaceKey = "io.kubernetes.pod.namespace"
  /// The prefix of the namespace labels copied onto pod identities.
  static let namespaceLabelPrefix = "io.cilium.k8s.namespace.labels."
  /// The cluster label every pod identity carries.
  static let clusterKey = "io.cilium.k8s.policy.cluster"
  /// The cluster name the engine assumes.
  static let clusterName = "default"
  /// The identity labels of a non-pod address.
  static let world: [String: String] = ["reserved:world": ""]

  /// A selector key without its `k8s:` or `any:` source prefix (other sources are kept).
  static func normalizeKey(_ key: String) -> String {
    if key.hasPrefix("k8s:") || key.hasPrefix("any:") { return String(key.dropFirst(4)) }
    return key
  }

  /// The selector with every key normalised.
  static func normalize(_ selector: LabelSelector) -> LabelSelector {
    var labels: [String: String] = [:]
    for (key, value) in selector.matchLabels { labels[normalizeKey(key)] = value }
    let expressions = selector.matchExpressions.map {
      LabelSelectorRequirement(key: normalizeKey($0.key), operator: $0.operator, values: $0.values)
    }
    return LabelSelector(matchLabels: labels, matchExpressions: expressions)
  }

  /// The identity labels of a pod: its labels, its namespace, its namespace's labels and the
  /// cluster name (see Cilium selectors and namespaces and How a verdict is computed in
  /// docs/semantics.md).
  static func forPod(_ pod: Pod, namespaceLabels: [String: String]) -> [String: String] {
    var labels = pod.labels
    labels[namespaceKey] = pod.namespace
    for (key, value) in namespaceLabels { labels[namespaceLabelPrefix + key] = value }
    labels[clusterKey] = clusterName
    return labels
  }

  /// How a Cilium `from/toEndpoints` selector is scoped (see Cilium selectors and namespaces in
  /// docs/semantics.md; Cilium `getEndpointSelector`
  /// `getEndpointSelector`): unscoped when it names the pod namespace, namespace labels or a
  /// reserved label; else the policy namespace (CNP) or any pod (CCNP).
  static func scope(of normalized: LabelSelector, policyNamespace: String?) -> EndpointScope {
    let keys = Array(normalized.matchLabels.keys) + normalized.matchExpressions.map(\.key)
    let namesNamespace = keys.contains {
      $0 == namespaceKey || $0.hasPrefix(namespaceLabelPrefix) || $0.hasPrefix("reserved:")
    }
    if namesNamespace { return .unscoped }
    if let policyNamespace { return .namespace(policyNamespace) }
    return .anyPod
  }
}
