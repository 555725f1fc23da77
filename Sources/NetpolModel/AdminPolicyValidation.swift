/// The rules of the `policy.networking.k8s.io` CRDs (OpenAPI limits and the CEL
/// `x-kubernetes-validations`) for AdminNetworkPolicy, BaselineAdminNetworkPolicy and
/// ClusterNetworkPolicy, as the API server applies them on `kubectl apply`.
extension Checker {
  /// The CEL message for a named port in an egress rule whose peers have no pods.
  static let namedPortWithoutPods =
    "networks/nodes/domainNames peer cannot be set with namedPorts since there are no "
    + "namedPorts for networks/nodes/domainNames"

  mutating func adminPolicy(_ policy: AdminPolicy) {
    metadata(policy.metadata, namespaced: false)
    if let namespace = policy.metadata.namespace {
      report(
        "metadata.namespace",
        "\(policy.kind.rawValue) is cluster-scoped: remove the namespace \(quoted(namespace))")
    }
    if policy.kind == .baselineAdminNetworkPolicy, policy.metadata.name != "default" {
      report(
        "metadata.name",
        "Only one baseline admin network policy with metadata.name=\"default\" can be created "
          + "in the cluster")
    }
    if let priority = policy.priority, !(0...1000).contains(priority) {
      report("spec.priority", "must be between 0 and 1000, found \(priority)")
    }
    switch policy.subject {
    case .namespaces(let selector):
      self.selector(selector, at: "spec.subject.namespaces", cilium: false)
    case .pods(let pods): adminPods(pods, at: "spec.subject.pods")
    }
    for direction in PolicyType.allCases {
      let key = direction == .ingress ? "ingress" : "egress"
      guard let rules = direction == .ingress ? policy.ingress : policy.egress else { continue }
      if rules.count > policy.kind.maxRules {
        report(
          "spec.\(key)",
          "must have at most \(policy.kind.maxRules) rules, found \(rules.count)")
      }
      for (index, rule) in rules.enumerated() {
        adminRule(rule, at: "spec.\(key)[\(index)]", kind: policy.kind, direction: direction)
      }
    }
  }

  mutating func adminPods(_ pods: AdminPods, at path: String) {
    if let namespaces = pods.namespaceSelector {
      selector(namespaces, at: "\(path).namespaceSelector", cilium: false)
    }
    selector(pods.podSelector, at: "\(path).podSelector", cilium: false)
  }

  mutating func adminRule(
    _ rule: AdminRule, at path: String, kind: AdminPolicyKind, direction: PolicyType
  ) {
    if let name = rule.name, name.count > 100 {
      report("\(path).name", "must be no more than 100 characters")
    }
    let peersKey = direction == .ingress ? "from" : "to"
    if rule.peers.isEmpty {
      report("\(path).\(peersKey)", "must have at least 1 peer")
    } else if rule.peers.count > kind.maxPeers {
      report(
        "\(path).\(peersKey)",
        "must have at most \(kind.maxPeers) peers, found \(rule.peers.count)")
    }
    for (index, peer) in rule.peers.enumerated() {
      adminPeer(peer, at: "\(path).\(peersKey)[\(index)]")
    }
    let portsKey = kind.isV1Alpha2 ? "protocols" : "ports"
    guard let ports = rule.ports else { return }
    if ports.isEmpty {
      report("\(path).\(portsKey)", "must have at least 1 entry (omit it to match every port)")
    } else if ports.count > kind.maxPorts {
      report(
        "\(path).\(portsKey)",
        "must have at most \(kind.maxPorts) entries, found \(ports.count)")
    }
    for (index, port) in ports.enumerated() {
      adminPort(port, at: "\(path).\(portsKey)[\(index)]", kind: kind)
    }
    let podless = rule.peers.contains {
      switch $0 {
      case .networks, .nodes, .domainNames: return true
      case .namespaces, .pods: return false
      }
    }
    let named = ports.contains { if case .named = $0 { return true } else { return false } }
    if direction == .egress, podless, named {
      report(path, Checker.namedPortWithoutPods)
    }
  }

  mutating func adminPeer(_ peer: AdminPeer, at path: String) {
    switch peer {
    case .namespaces(let selector), .nodes(let selector):
      self.selector(selector, at: "\(path).\(peer.field)", cilium: false)
    case .pods(let pods): adminPods(pods, at: "\(path).pods")
    case .networks(let networks):
      listSize(networks.count, at: "\(path).networks")
      for (index, network) in networks.enumerated() {
        let itemPath = "\(path).networks[\(index)]"
        if network.count > 43 {
          report(itemPath, "must be no more than 43 characters")
        } else if Validation.cidr(network) != nil {
          report(itemPath, "invalid value \(quoted(network)): Invalid CIDR format provided")
        }
      }
    case .domainNames(let names):
      listSize(names.count, at: "\(path).domainNames")
      for (index, name) in names.enumerated() where !AdminDomainName.isValid(name) {
        report(
          "\(path).domainNames[\(index)]",
          "invalid value \(quoted(name)): must be a DNS name such as \"example.com\" or a "
            + "wildcard such as \"*.example.com\"")
      }
    }
  }

  /// `networks` and `domainNames` hold 1 to 25 entries.
  private mutating func listSize(_ count: Int, at path: String) {
    if count == 0 { report(path, "must have at least 1 entry") }
    if count > 25 { report(path, "must have at most 25 entries, found \(count)") }
  }

  mutating func adminPort(_ port: AdminPort, at path: String, kind: AdminPolicyKind) {
    func base(_ proto: L4Protocol, range: Bool) -> String {
      if kind.isV1Alpha2 {
        return "\(path).\(proto.rawValue.lowercased()).destinationPort."
          + (range ? "range" : "number")
      }
      return range ? "\(path).portRange" : "\(path).portNumber.port"
    }
    func inRange(_ value: Int, at path: String) {
      if !(1...65535).contains(value) {
        report(path, "must be between 1 and 65535, found \(value)")
      }
    }
    switch port {
    case .number(let proto, let number):
      inRange(number, at: base(proto, range: false))
    case .range(let proto, let start, let end):
      let rangePath = base(proto, range: true)
      inRange(start, at: "\(rangePath).start")
      inRange(end, at: "\(rangePath).end")
      if start >= end {
        report(rangePath, "Start port must be less than End port (start \(start), end \(end))")
      }
    case .named(let name):
      let field = kind.isV1Alpha2 ? "destinationNamedPort" : "namedPort"
      check(Validation.portName(name), name, at: "\(path).\(field)")
    }
  }
}

/// The `domainNames` syntax of the policy API: an exact DNS name, or `*.` followed by one,
/// optionally ending in `.`.
public enum AdminDomainName {
  /// Whether `name` matches the CRD's pattern.
  public static func isValid(_ name: String) -> Bool {
    var body = Substring(name)
    if body.hasPrefix("*.") { body = body.dropFirst(2) }
    if body.hasSuffix(".") { body = body.dropLast() }
    let labels = body.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2 else { return false }
    return labels.allSatisfy { label in
      guard let first = label.first, let last = label.last else { return false }
      let alnum = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber) }
      return alnum(first) && alnum(last)
        && label.allSatisfy { alnum($0) || $0 == "-" || $0 == "_" }
    }
  }

  /// Whether `host` is matched by `pattern`: exactly, or for `*.suffix` when `host` ends in
  /// `.suffix` with at least one whole label before it (case-insensitive, trailing dot ignored).
  public static func matches(_ pattern: String, host: String) -> Bool {
    func normal(_ text: String) -> String {
      (text.hasSuffix(".") ? String(text.dropLast()) : text).lowercased()
    }
    let pattern = normal(pattern)
    let host = normal(host)
    guard pattern.hasPrefix("*.") else { return pattern == host }
    let suffix = pattern.dropFirst(1)
    return host.hasSuffix(suffix) && host.count > suffix.count
  }
}
