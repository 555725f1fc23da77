import NetpolModel

/// Cilium identity labels of pods and the normalisation of Cilium selector keys
/// (semantics.md §2.2: `k8s:` / `any:` / bare keys match pod labels, `reserved:` keys match
/// reserved identities only).
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
  /// cluster name (semantics.md §2.2, §5 step 3).
  static func forPod(_ pod: Pod, namespaceLabels: [String: String]) -> [String: String] {
    var labels = pod.labels
    labels[namespaceKey] = pod.namespace
    for (key, value) in namespaceLabels { labels[namespaceLabelPrefix + key] = value }
    labels[clusterKey] = clusterName
    return labels
  }

  /// How a Cilium `from/toEndpoints` selector is scoped (semantics.md §2.2, C-CONV
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

/// ICMP type names Cilium accepts (C-API `l4.go` ICMP type maps).
public enum ICMPTypes {
  /// IPv4 names.
  static let ipv4: [String: Int] = [
    "EchoReply": 0, "DestinationUnreachable": 3, "Redirect": 5, "EchoRequest": 8,
    "RouterAdvertisement": 9, "RouterSelection": 10, "TimeExceeded": 11, "ParameterProblem": 12,
    "Timestamp": 13, "TimestampReply": 14, "Photuris": 40, "ExtendedEchoRequest": 42,
    "ExtendedEchoReply": 43,
  ]
  /// IPv6 names.
  static let ipv6: [String: Int] = [
    "DestinationUnreachable": 1, "PacketTooBig": 2, "TimeExceeded": 3, "ParameterProblem": 4,
    "EchoRequest": 128, "EchoReply": 129, "MulticastListenerQuery": 130,
    "MulticastListenerReport": 131, "MulticastListenerDone": 132, "RouterSolicitation": 133,
    "RouterAdvertisement": 134, "NeighborSolicitation": 135, "NeighborAdvertisement": 136,
    "RedirectMessage": 137, "RouterRenumbering": 138, "ICMPNodeInformationQuery": 139,
    "ICMPNodeInformationResponse": 140, "InverseNeighborDiscoverySolicitation": 141,
    "InverseNeighborDiscoveryAdvertisement": 142, "HomeAgentAddressDiscoveryRequest": 144,
    "HomeAgentAddressDiscoveryReply": 145, "MobilePrefixSolicitation": 146,
    "MobilePrefixAdvertisement": 147, "DuplicateAddressRequestCodeSuffix": 157,
    "DuplicateAddressConfirmationCodeSuffix": 158, "ExtendedEchoRequest": 160,
    "ExtendedEchoReply": 161,
  ]

  /// The number of a written type (digits or a name) in a family.
  static func number(_ written: String, family: String) -> Int? {
    if let value = Int(written) { return value }
    return family == "IPv6" ? ipv6[written] : ipv4[written]
  }

  /// The name of an ICMP type for Hubble summaries.
  public static func name(_ type: Int, ipv6 isIPv6: Bool) -> String {
    let table = isIPv6 ? ipv6 : ipv4
    return table.first { $0.value == type }?.key ?? "Type\(type)"
  }
}
