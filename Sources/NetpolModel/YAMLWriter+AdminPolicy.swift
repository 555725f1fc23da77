/// The document tree of AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy,
/// fields in the order of the upstream Go types (`apis/v1alpha1/adminnetworkpolicy_types.go`,
/// `shared_types.go`, `apis/v1alpha2/clusternetworkpolicy_types.go`): `tier`, `priority`,
/// `subject`, `ingress`, `egress`; a rule's `name`, `action`, peers, then ports. A v1alpha1 port
/// always carries its protocol (the CRD's default, `TCP`, made explicit).
extension YAMLWriter {
  /// `spec` of an admin policy.
  static func adminSpecNode(_ policy: AdminPolicy) -> Node {
    var node = MappingBuilder()
    if policy.kind == .clusterNetworkPolicy { node.add("tier", .string(policy.tier.rawValue)) }
    node.add("priority", int: policy.priority)
    node.add("subject", adminSubjectNode(policy.subject, kind: policy.kind))
    node.add("ingress", list: policy.ingress) {
      adminRuleNode($0, kind: policy.kind, peersKey: "from")
    }
    node.add("egress", list: policy.egress) {
      adminRuleNode($0, kind: policy.kind, peersKey: "to")
    }
    return node.node
  }

  static func adminSubjectNode(_ subject: AdminSubject, kind: AdminPolicyKind) -> Node {
    switch subject {
    case .namespaces(let selector): return .mapping([("namespaces", selectorNode(selector))])
    case .pods(let pods): return .mapping([("pods", adminPodsNode(pods))])
    }
  }

  static func adminPodsNode(_ pods: AdminPods) -> Node {
    var node = MappingBuilder()
    node.add("namespaceSelector", pods.namespaceSelector.map(selectorNode))
    node.add("podSelector", selectorNode(pods.podSelector))
    return node.node
  }

  static func adminRuleNode(_ rule: AdminRule, kind: AdminPolicyKind, peersKey: String) -> Node {
    var node = MappingBuilder()
    node.add("name", string: rule.name)
    node.add("action", .string(rule.action.word(in: kind)))
    node.add(peersKey, .sequence(rule.peers.map(adminPeerNode)))
    node.add(kind.isV1Alpha2 ? "protocols" : "ports", list: rule.ports) {
      adminPortNode($0, kind: kind)
    }
    return node.node
  }

  static func adminPeerNode(_ peer: AdminPeer) -> Node {
    let value: Node
    switch peer {
    case .namespaces(let selector), .nodes(let selector): value = selectorNode(selector)
    case .pods(let pods): value = adminPodsNode(pods)
    case .networks(let list), .domainNames(let list): value = .strings(list)
    }
    return .mapping([(peer.field, value)])
  }

  static func adminPortNode(_ port: AdminPort, kind: AdminPolicyKind) -> Node {
    if kind.isV1Alpha2 {
      switch port {
      case .named(let name): return .mapping([("destinationNamedPort", .string(name))])
      case .number(let proto, let number):
        let destination = Node.mapping([("number", .int(number))])
        return .mapping([
          (proto.rawValue.lowercased(), .mapping([("destinationPort", destination)]))
        ])
      case .range(let proto, let start, let end):
        let range = Node.mapping([("start", .int(start)), ("end", .int(end))])
        let destination = Node.mapping([("range", range)])
        return .mapping([
          (proto.rawValue.lowercased(), .mapping([("destinationPort", destination)]))
        ])
      }
    }
    switch port {
    case .named(let name): return .mapping([("namedPort", .string(name))])
    case .number(let proto, let number):
      return .mapping([
        ("portNumber", .mapping([("protocol", .string(proto.rawValue)), ("port", .int(number))]))
      ])
    case .range(let proto, let start, let end):
      return .mapping([
        (
          "portRange",
          .mapping([
            ("protocol", .string(proto.rawValue)), ("start", .int(start)), ("end", .int(end)),
          ])
        )
      ])
    }
  }
}
