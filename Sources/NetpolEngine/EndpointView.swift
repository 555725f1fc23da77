import NetpolModel

/// What rule matching needs to know about one end of a flow: pod labels, namespace labels,
/// Cilium identity labels, address, and (for non-pods) names in the FQDN cache.
struct EndpointView: Sendable {
  /// `ns/pod`, the external name or the address.
  var id: String
  /// The pod, for pod endpoints.
  var pod: Pod?
  /// The pod's namespace labels.
  var namespaceLabels: [String: String]
  /// Cilium identity labels (pods: see `IdentityLabels.forPod`; others: `reserved:world`).
  var identity: [String: String]
  /// The address, when known.
  var address: IPPrefix?
  /// The address as written.
  var addressText: String?
  /// Names the FQDN cache holds for this address (non-pods only), lower-cased with no trailing
  /// dot.
  var names: [String]

  /// A view of a pod.
  init(pod: Pod, namespaceLabels: [String: String]) {
    id = pod.id
    self.pod = pod
    self.namespaceLabels = namespaceLabels
    identity = IdentityLabels.forPod(pod, namespaceLabels: namespaceLabels)
    addressText = pod.ip
    address = pod.ip.flatMap(IPPrefix.init)
    names = []
  }

  /// A view of a non-pod address (`world`).
  init(id: String, address: String?, names: [String]) {
    self.id = id
    pod = nil
    namespaceLabels = [:]
    identity = IdentityLabels.world
    addressText = address
    self.address = address.flatMap(IPPrefix.init)
    self.names = names
  }

  /// Whether the endpoint is a pod.
  var isPod: Bool { pod != nil }

  /// The container ports named-port rules resolve against (`nil` for non-pods).
  var containerPorts: [ContainerPort]? { pod?.ports }

  /// How the endpoint reads in explanations: `demo/client`, or `1.2.3.4 (world)`.
  var described: String {
    if isPod { return id }
    if let addressText, addressText != id { return "\(id) (\(addressText), world)" }
    return "\(id) (world)"
  }
}

/// Human-readable renderings of selectors for explanations.
enum SelectorText {
  /// `app=web,env in (a,b),!legacy`; `{}` for the empty selector.
  static func describe(_ selector: LabelSelector) -> String {
    var parts = selector.matchLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    for requirement in selector.matchExpressions {
      parts.append(describe(requirement))
    }
    return parts.isEmpty ? "{}" : parts.joined(separator: ",")
  }

  /// One requirement in kubectl syntax.
  static func describe(_ requirement: LabelSelectorRequirement) -> String {
    let values = requirement.values.joined(separator: ",")
    switch requirement.operator {
    case .in: return "\(requirement.key) in (\(values))"
    case .notIn: return "\(requirement.key) notin (\(values))"
    case .exists: return requirement.key
    case .doesNotExist: return "!\(requirement.key)"
    }
  }

  /// Why `labels` (of `owner`) fail `selector`, naming the first failing part; `nil` if they
  /// satisfy it.
  static func miss(_ selector: LabelSelector, _ labels: [String: String], owner: String)
    -> String?
  {
    for (key, value) in selector.matchLabels.sorted(by: { $0.key < $1.key })
    where labels[key] != value {
      return "\(owner) \(have(labels, key))"
    }
    for requirement in selector.matchExpressions where !requirement.matches(labels) {
      return "\(owner) \(have(labels, requirement.key))"
    }
    return nil
  }

  /// `has no label KEY` or `has KEY=VALUE`.
  private static func have(_ labels: [String: String], _ key: String) -> String {
    if let value = labels[key] { return "has \(key)=\(value)" }
    return "has no label \(key)"
  }
}
