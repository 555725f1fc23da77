import NetpolModel

/// How the shell writes the parts of an admin policy (AdminNetworkPolicy,
/// BaselineAdminNetworkPolicy, ClusterNetworkPolicy) in `show` and `list`.
enum AdminRuleText {
  /// `tier Admin, priority 10` for the header line.
  static func tier(_ policy: AdminPolicy) -> String {
    let priority = policy.priority.map { ", priority \($0)" } ?? ""
    return "tier \(policy.effectiveTier.rawValue)\(priority)"
  }

  /// The subject as a `select` line.
  static func subject(_ subject: AdminSubject) -> String {
    switch subject {
    case .namespaces(let selector): return "select namespaces " + RuleText.selector(selector)
    case .pods(let pods): return "select " + self.pods(pods)
    }
  }

  /// `ns=SELECTOR pods=SELECTOR`, or the pod selector alone when every namespace is meant.
  static func pods(_ pods: AdminPods) -> String {
    let podText = RuleText.selector(pods.podSelector)
    guard let namespaces = pods.namespaceSelector, !namespaces.isEmpty else { return podText }
    return "namespaces " + RuleText.selector(namespaces) + " pods " + podText
  }

  /// One peer.
  static func peer(_ peer: AdminPeer) -> String {
    switch peer {
    case .namespaces(let selector): return "namespaces " + RuleText.selector(selector)
    case .pods(let pods): return "pods " + self.pods(pods)
    case .nodes(let selector): return "nodes " + RuleText.selector(selector)
    case .networks(let list): return list.joined(separator: ", ")
    case .domainNames(let list): return list.map { "fqdn:" + $0 }.joined(separator: ", ")
    }
  }

  /// One port.
  static func port(_ port: AdminPort) -> String {
    switch port {
    case .number(let proto, let number): return "\(proto.rawValue.lowercased())/\(number)"
    case .range(let proto, let start, let end):
      return "\(proto.rawValue.lowercased())/\(start)-\(end)"
    case .named(let name): return name
    }
  }

  /// `deny egress to 169.254.169.254/32 port tcp/80` for one rule.
  static func rule(_ rule: AdminRule, direction: PolicyType) -> String {
    let verb: String
    switch rule.action {
    case .allow: verb = "allow"
    case .deny: verb = "deny"
    case .pass: verb = "pass"
    }
    let way = direction == .ingress ? "ingress from " : "egress to "
    var text = verb + " " + way + rule.peers.map(peer).joined(separator: ", ")
    if let ports = rule.ports, !ports.isEmpty {
      text += " port " + ports.map(port).joined(separator: ",")
    }
    if let name = rule.name { text += " (\(name))" }
    return text
  }
}
