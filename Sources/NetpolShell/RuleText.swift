import NetpolModel

/// Writes policy rules back in the shell's own grammar (`pods app=web in ns demo port 80/TCP`).
enum RuleText {
  /// A selector in kubectl syntax; `all` for the empty selector.
  static func selector(_ selector: LabelSelector) -> String {
    selector.isEmpty ? "all" : quoteIfNeeded(SelectorSyntax.format(selector))
  }

  /// The peers and ports of a NetworkPolicy rule.
  static func networkPolicyRule(_ rule: NetworkPolicyRule) -> String {
    var text: String
    if let peers = rule.peers, !peers.isEmpty {
      text = peers.map(peer).joined(separator: ", ")
    } else {
      text = "all"
    }
    if let ports = rule.ports, !ports.isEmpty {
      text += " port " + ports.map(port).joined(separator: " ")
    }
    return text
  }

  /// The peer, ports and L7 rules of a Cilium rule entry.
  static func ciliumEntry(_ entry: CiliumRuleEntry) -> String {
    var peers: [String] = []
    for endpoint in entry.endpoints ?? [] { peers.append(ciliumEndpoints(endpoint)) }
    if let entities = entry.entities { peers.append("entity " + entities.joined(separator: " ")) }
    for cidr in entry.cidr ?? [] { peers.append("cidr " + cidr) }
    for set in entry.cidrSet ?? [] {
      var text = "cidr " + (set.cidr ?? "group:" + (set.cidrGroupRef ?? "?"))
      if let except = set.except, !except.isEmpty {
        text += " except " + except.joined(separator: " ")
      }
      peers.append(text)
    }
    for nodes in entry.nodes ?? [] { peers.append("nodes " + selector(nodes)) }
    if let fqdns = entry.fqdns {
      peers.append(
        "fqdn "
          + fqdns.map { quoteIfNeeded($0.matchName ?? $0.matchPattern ?? "") }
          .joined(separator: " "))
    }
    for service in entry.services ?? [] {
      let name = service.serviceName ?? service.selector.map(selector) ?? "all"
      peers.append("service " + (service.namespace.map { "\($0)/" } ?? "") + name)
    }
    var text = peers.isEmpty ? "all (no peer field)" : peers.joined(separator: ", ")
    if entry.l3Kinds.isEmpty && entry.toPorts == nil && entry.icmps == nil {
      text = "nothing (empty entry: only turns on default-deny)"
    }
    for rule in entry.toPorts ?? [] {
      if let ports = rule.ports, !ports.isEmpty {
        text += " port " + ports.map(ciliumPort).joined(separator: " ")
      }
      if let dns = rule.rules?.dns, !dns.isEmpty {
        text +=
          " dns "
          + dns.map { quoteIfNeeded($0.matchName ?? $0.matchPattern ?? "") }
          .joined(separator: " ")
      }
      for http in rule.rules?.http ?? [] {
        text += " http " + [http.method ?? "*", http.path ?? "*"].joined(separator: " ")
      }
    }
    for icmp in entry.icmps ?? [] {
      text += " icmp " + icmp.fields.map(\.type).joined(separator: " ")
    }
    return text
  }

  private static func ciliumEndpoints(_ endpoint: LabelSelector) -> String {
    var pods = endpoint
    var namespace: String?
    if let name = pods.matchLabels.removeValue(forKey: RuleBuilder.ciliumNamespaceKey) {
      namespace = name
    }
    if pods.isEmpty, let namespace { return "ns " + namespace }
    return "pods " + selector(pods) + (namespace.map { " in ns " + $0 } ?? "")
  }

  private static func peer(_ peer: NetworkPolicyPeer) -> String {
    if let block = peer.ipBlock {
      return "cidr " + block.cidr
        + (block.except.isEmpty ? "" : " except " + block.except.joined(separator: " "))
    }
    let namespace = peer.namespaceSelector.map { selector -> String in
      if selector.matchExpressions.isEmpty, selector.matchLabels.count == 1,
        let name = selector.matchLabels[Namespace.nameLabel]
      {
        return name
      }
      return RuleText.selector(selector)
    }
    switch (peer.podSelector, namespace) {
    case (let pods?, let namespace?): return "pods " + selector(pods) + " in ns " + namespace
    case (let pods?, nil): return "pods " + selector(pods)
    case (nil, let namespace?): return "ns " + namespace
    case (nil, nil): return "nothing (empty peer)"
    }
  }

  private static func port(_ port: NetworkPolicyPort) -> String {
    let proto = (port.protocol ?? .tcp).rawValue
    switch port.port {
    case .number(let number)?:
      return "\(number)" + (port.endPort.map { "-\($0)" } ?? "") + "/" + proto
    case .name(let name)?: return name + "/" + proto
    case nil: return "all/" + proto
    }
  }

  private static func ciliumPort(_ port: CiliumPort) -> String {
    port.port + (port.endPort.map { "-\($0)" } ?? "") + "/" + (port.protocol ?? .any).rawValue
  }

  private static func quoteIfNeeded(_ text: String) -> String {
    text.contains(where: { $0 == " " || $0 == "*" || $0 == "'" }) ? "'\(text)'" : text
  }
}
