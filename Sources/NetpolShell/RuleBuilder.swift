import NetpolModel

/// Turns parsed `allow`/`deny` commands into NetworkPolicy rules or Cilium rule entries.
enum RuleBuilder {
  /// The Cilium label that holds a pod's namespace.
  static let ciliumNamespaceKey = "k8s:io.kubernetes.pod.namespace"
  /// The prefix of namespace labels as Cilium exposes them on pods.
  static let ciliumNamespaceLabelPrefix = "k8s:io.cilium.k8s.namespace.labels."

  /// Returns `policy` with the rule added.
  static func add(_ rule: RuleSpec, to policy: PolicyResource) throws(ShellError)
    -> PolicyResource
  {
    switch policy {
    case .networkPolicy(var networkPolicy):
      networkPolicy.spec = try add(rule, to: networkPolicy.spec)
      return .networkPolicy(networkPolicy)
    case .cilium(var cilium):
      var target = cilium.spec ?? cilium.specs?.first ?? CiliumRule(endpointSelector: .everything)
      let entry = try ciliumEntry(rule, clusterwide: cilium.kind == .clusterwideNetworkPolicy)
      switch (rule.direction, rule.deny) {
      case (.ingress, false): target.ingress = (target.ingress ?? []) + [entry]
      case (.ingress, true): target.ingressDeny = (target.ingressDeny ?? []) + [entry]
      case (.egress, false): target.egress = (target.egress ?? []) + [entry]
      case (.egress, true): target.egressDeny = (target.egressDeny ?? []) + [entry]
      }
      if cilium.spec != nil || cilium.specs?.isEmpty ?? true {
        cilium.spec = target
      } else {
        cilium.specs?[0] = target
      }
      return .cilium(cilium)
    case .admin(var admin):
      try AdminRuleBuilder.add(rule, to: &admin)
      return .admin(admin)
    }
  }

  private static func add(_ rule: RuleSpec, to spec: NetworkPolicySpec) throws(ShellError)
    -> NetworkPolicySpec
  {
    if rule.deny {
      throw ShellError(
        "a NetworkPolicy cannot deny; only Cilium kinds have deny rules (policy NAME --kind cnp)",
        at: rule.peerSpan)
    }
    if let dnsSpan = rule.dnsSpan {
      throw ShellError("dns rules need a Cilium kind (policy NAME --kind cnp)", at: dnsSpan)
    }
    var peers: [NetworkPolicyPeer]?
    switch rule.peer {
    case .all, .empty: peers = nil
    case .pods(let selector, nil): peers = [NetworkPolicyPeer(podSelector: selector)]
    case .pods(let selector, let namespace?):
      peers = [
        NetworkPolicyPeer(podSelector: selector, namespaceSelector: kubernetesSelector(namespace))
      ]
    case .namespaces(let namespace):
      peers = [NetworkPolicyPeer(namespaceSelector: kubernetesSelector(namespace))]
    case .cidr(let cidr, let except):
      peers = [NetworkPolicyPeer(ipBlock: IPBlock(cidr: cidr, except: except))]
    case .fqdn:
      throw ShellError(
        "a NetworkPolicy has no fqdn peers; use a Cilium kind (policy NAME --kind cnp) or cidr",
        at: rule.peerSpan)
    case .entities:
      throw ShellError(
        "a NetworkPolicy has no entity peers; use a Cilium kind (policy NAME --kind cnp)",
        at: rule.peerSpan)
    }
    var ports: [NetworkPolicyPort]?
    if !rule.ports.isEmpty {
      var list: [NetworkPolicyPort] = []
      for port in rule.ports {
        let proto = L4Protocol(rawValue: port.proto ?? "TCP")
        guard let proto else {
          throw ShellError(
            "protocol ANY exists only in Cilium policies; use TCP, UDP or SCTP",
            at: rule.portSpan)
        }
        list.append(NetworkPolicyPort(protocol: proto, port: port.port, endPort: port.endPort))
      }
      ports = list
    }
    var spec = spec
    let newRule = NetworkPolicyRule(ports: ports, peers: peers)
    switch rule.direction {
    case .ingress: spec.ingress = (spec.ingress ?? []) + [newRule]
    case .egress: spec.egress = (spec.egress ?? []) + [newRule]
    }
    if let types = spec.policyTypes, !types.isEmpty, !types.contains(rule.direction) {
      spec.policyTypes = PolicyType.allCases.filter { types.contains($0) || $0 == rule.direction }
    }
    return spec
  }

  private static func ciliumEntry(_ rule: RuleSpec, clusterwide: Bool) throws(ShellError)
    -> CiliumRuleEntry
  {
    var entry = CiliumRuleEntry()
    switch rule.peer {
    case .all: entry.entities = ["all"]
    case .empty:
      // Written as is: in a CiliumNetworkPolicy an empty entry selects no peer.
      if !rule.ports.isEmpty || rule.dnsSpan != nil {
        throw ShellError(
          "`{}` is an entry without peer or port; it takes no port", at: rule.peerSpan)
      }
    case .pods(let selector, nil): entry.endpoints = [selector]
    case .pods(let selector, let namespace?):
      entry.endpoints = [try merge(selector, ciliumSelector(namespace), span: rule.peerSpan)]
    case .namespaces(let namespace): entry.endpoints = [ciliumSelector(namespace)]
    case .cidr(let cidr, let except):
      if except.isEmpty {
        entry.cidr = [cidr]
      } else {
        entry.cidrSet = [CIDRRule(cidr: cidr, except: except)]
      }
    case .fqdn(let names):
      if rule.direction == .ingress {
        throw ShellError("fqdn peers exist only on egress (toFQDNs)", at: rule.peerSpan)
      }
      if rule.deny {
        throw ShellError("Cilium deny rules cannot use toFQDNs; deny by cidr", at: rule.peerSpan)
      }
      entry.fqdns = names.map {
        $0.contains("*") ? FQDNSelector(matchPattern: $0) : FQDNSelector(matchName: $0)
      }
    case .entities(let names): entry.entities = names
    }
    if let dnsSpan = rule.dnsSpan {
      if rule.direction == .ingress || rule.deny {
        throw ShellError("dns rules exist only on allow egress rules", at: dnsSpan)
      }
      if rule.ports.isEmpty {
        throw ShellError("dns rules need a port, e.g. port 53/ANY", at: dnsSpan)
      }
    }
    if !rule.ports.isEmpty {
      var ports: [CiliumPort] = []
      for port in rule.ports {
        let text: String
        switch port.port {
        case .number(let number): text = String(number)
        case .name(let name): text = name
        }
        ports.append(
          CiliumPort(
            port: text, endPort: port.endPort,
            protocol: CiliumProtocol(rawValue: port.proto ?? "TCP")))
      }
      let l7 = rule.dnsPatterns.map { patterns in
        L7Rules(
          dns: patterns.map {
            $0.contains("*") ? FQDNSelector(matchPattern: $0) : FQDNSelector(matchName: $0)
          })
      }
      entry.toPorts = [PortRule(ports: ports, rules: l7)]
    }
    return entry
  }

  /// A namespace as a NetworkPolicy `namespaceSelector`.
  static func kubernetesSelector(_ namespace: NamespaceSpec) -> LabelSelector {
    switch namespace {
    case .named(let name): return LabelSelector(matchLabels: [Namespace.nameLabel: name])
    case .selector(let selector): return selector
    }
  }

  /// A namespace as Cilium endpoint-selector labels: the name becomes
  /// `k8s:io.kubernetes.pod.namespace`, other keys `k8s:io.cilium.k8s.namespace.labels.KEY`.
  static func ciliumSelector(_ namespace: NamespaceSpec) -> LabelSelector {
    switch namespace {
    case .named(let name): return LabelSelector(matchLabels: [ciliumNamespaceKey: name])
    case .selector(let selector):
      func key(_ key: String) -> String {
        key == Namespace.nameLabel ? ciliumNamespaceKey : ciliumNamespaceLabelPrefix + key
      }
      var labels: [String: String] = [:]
      for (name, value) in selector.matchLabels { labels[key(name)] = value }
      let expressions = selector.matchExpressions.map {
        LabelSelectorRequirement(key: key($0.key), operator: $0.operator, values: $0.values)
      }
      return LabelSelector(matchLabels: labels, matchExpressions: expressions)
    }
  }

  private static func merge(_ a: LabelSelector, _ b: LabelSelector, span: Span) throws(ShellError)
    -> LabelSelector
  {
    var labels = a.matchLabels
    for (key, value) in b.matchLabels {
      if let existing = labels[key], existing != value {
        throw ShellError("`\(key)` cannot be both \(existing) and \(value)", at: span)
      }
      labels[key] = value
    }
    return LabelSelector(
      matchLabels: labels, matchExpressions: a.matchExpressions + b.matchExpressions)
  }
}
