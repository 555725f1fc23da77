import NetpolModel

/// Turns a parsed `allow`, `deny` or `pass` command into a rule of an admin policy.
enum AdminRuleBuilder {
  /// Appends the rule to `policy`, in the direction the command names.
  static func add(_ rule: RuleSpec, action: AdminAction? = nil, to policy: inout AdminPolicy)
    throws(ShellError)
  {
    let action = action ?? (rule.deny ? .deny : .allow)
    if !AdminAction.allowed(in: policy.kind).contains(action) {
      throw ShellError(
        "\(policy.kind.rawValue) has no \(action.word(in: policy.kind)) action; use allow or deny",
        at: rule.peerSpan)
    }
    if let dnsSpan = rule.dnsSpan {
      throw ShellError("dns rules need a Cilium kind (policy NAME --kind cnp)", at: dnsSpan)
    }
    let peers = try self.peers(rule, kind: policy.kind)
    var ports: [AdminPort]?
    if !rule.ports.isEmpty {
      var list: [AdminPort] = []
      for port in rule.ports {
        guard let proto = L4Protocol(rawValue: port.proto ?? "TCP") else {
          throw ShellError(
            "protocol ANY exists only in Cilium policies; use TCP, UDP or SCTP", at: rule.portSpan)
        }
        switch port.port {
        case .name(let name): list.append(.named(name))
        case .number(let number):
          if let end = port.endPort {
            list.append(.range(proto, start: number, end: end))
          } else {
            list.append(.number(proto, number))
          }
        }
      }
      ports = list
    }
    let newRule = AdminRule(action: action, peers: peers, ports: ports)
    switch rule.direction {
    case .ingress: policy.ingress = (policy.ingress ?? []) + [newRule]
    case .egress: policy.egress = (policy.egress ?? []) + [newRule]
    }
  }

  private static func peers(_ rule: RuleSpec, kind: AdminPolicyKind) throws(ShellError)
    -> [AdminPeer]
  {
    let egressOnly = { (what: String) throws(ShellError) in
      if rule.direction == .ingress {
        throw ShellError("\(what) peers exist only in egress rules", at: rule.peerSpan)
      }
    }
    switch rule.peer {
    case .all:
      return [.namespaces(.everything)]
    case .pods(let selector, let namespace):
      let namespaces = namespace.map(RuleBuilder.kubernetesSelector) ?? .everything
      return [.pods(AdminPods(namespaceSelector: namespaces, podSelector: selector))]
    case .namespaces(let namespace):
      return [.namespaces(RuleBuilder.kubernetesSelector(namespace))]
    case .cidr(let cidr, let except):
      try egressOnly("cidr")
      if !except.isEmpty {
        throw ShellError("admin policies have no CIDR exceptions", at: rule.peerSpan)
      }
      return [.networks([cidr])]
    case .fqdn(let names):
      try egressOnly("fqdn")
      if kind == .baselineAdminNetworkPolicy {
        throw ShellError(
          "BaselineAdminNetworkPolicy has no domainNames peers", at: rule.peerSpan)
      }
      return [.domainNames(names)]
    case .entities:
      throw ShellError(
        "admin policies have no entity peers; use pods, ns or cidr", at: rule.peerSpan)
    case .empty:
      throw ShellError(
        "an admin policy peer names exactly one of pods, ns, cidr or fqdn; {} is not allowed",
        at: rule.peerSpan)
    }
  }
}
