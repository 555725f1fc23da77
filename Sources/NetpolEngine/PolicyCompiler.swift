import NetpolModel

/// Turns policy objects into `CompiledPolicy` values (see How a verdict is computed in
/// docs/semantics.md).
enum PolicyCompiler {
  /// Compiles any supported policy object.
  static func compile(_ resource: PolicyResource, profile: DataplaneProfile) -> CompiledPolicy {
    switch resource {
    case .networkPolicy(let policy):
      return compile(networkPolicy: policy, name: resource.qualifiedName, profile: profile)
    case .cilium(let policy):
      return compile(cilium: policy, name: resource.qualifiedName, profile: profile)
    case .admin(let policy):
      // evaluated in its own tiers (AdminTierEvaluation), never as allow rules
      return CompiledPolicy(
        name: resource.qualifiedName, kind: policy.kind.rawValue, namespace: nil, rules: [],
        isCilium: false)
    }
  }

  // MARK: NetworkPolicy

  /// A NetworkPolicy: isolation from `effectivePolicyTypes`, rules only for listed types.
  static func compile(networkPolicy policy: NetworkPolicy, name: String, profile: DataplaneProfile)
    -> CompiledPolicy
  {
    let namespace = policy.metadata.namespace ?? "default"
    let types = policy.spec.effectivePolicyTypes
    let isolatesIngress = types.contains(.ingress)
    let isolatesEgress = types.contains(.egress)
    func entries(_ rules: [NetworkPolicyRule]?, direction: PolicyType) -> [CompiledEntry] {
      let field = direction == .ingress ? "ingress" : "egress"
      let peerField = direction == .ingress ? "from" : "to"
      return (rules ?? []).enumerated().map { index, rule in
        let path = "spec.\(field)[\(index)]"
        return CompiledEntry(
          path: path, isDeny: false,
          peers: networkPolicyPeers(
            rule.peers, path: "\(path).\(peerField)", namespace: namespace),
          ports: networkPolicyPorts(rule.ports, path: "\(path).ports", profile: profile),
          icmps: nil, fromNetworkPolicy: true)
      }
    }
    let rule = CompiledRule(
      path: "spec",
      subject: SubjectSelector(
        namespace: namespace, selector: policy.spec.podSelector, usesIdentityLabels: false),
      isolatesIngress: isolatesIngress, isolatesEgress: isolatesEgress,
      ingress: isolatesIngress ? entries(policy.spec.ingress, direction: .ingress) : [],
      egress: isolatesEgress ? entries(policy.spec.egress, direction: .egress) : [])
    return CompiledPolicy(
      name: name, kind: "NetworkPolicy", namespace: namespace, rules: [rule], isCilium: false,
      policyTypesDefaulted: (policy.spec.policyTypes ?? []).isEmpty)
  }

  /// `from` / `to`: missing or empty admits every peer (Kubernetes networking/v1 `types.go`).
  static func networkPolicyPeers(_ peers: [NetworkPolicyPeer]?, path: String, namespace: String)
    -> PeerSet
  {
    guard let peers, !peers.isEmpty else { return .all }
    return .some(
      peers.enumerated().map { index, peer in
        let peerPath = "\(path)[\(index)]"
        if let block = peer.ipBlock {
          return .ipBlock(
            path: peerPath + ".ipBlock", cidr: IPPrefix(block.cidr),
            except: block.except.compactMap(IPPrefix.init),
            text: block.except.isEmpty
              ? block.cidr : "\(block.cidr) except \(block.except.joined(separator: ", "))")
        }
        return .selectors(
          path: peerPath, pod: peer.podSelector, namespace: peer.namespaceSelector,
          policyNamespace: namespace)
      })
  }

  /// `ports`: missing or empty admits every port; protocol defaults to TCP (Kubernetes `SetDefaults_NetworkPolicy`).
  static func networkPolicyPorts(
    _ ports: [NetworkPolicyPort]?, path: String, profile: DataplaneProfile
  ) -> PortSet {
    guard let ports, !ports.isEmpty else { return .all }
    return .some(
      ports.enumerated().map { index, port in
        let proto: FlowProtocol
        switch port.protocol ?? .tcp {
        case .tcp: proto = .tcp
        case .udp: proto = .udp
        case .sctp: proto = .sctp
        }
        let spec: PortSpec
        switch port.port {
        case nil: spec = .all
        case .number(let number):
          let end = profile.supportsEndPort ? (port.endPort ?? number) : number
          spec = .range(number, max(number, end))
        case .name(let name): spec = .named(name)
        }
        return CompiledPort(
          path: "\(path)[\(index)]", protocols: [proto], spec: spec, l7: nil,
          protocolText: port.protocol == nil ? "TCP (default)" : proto.rawValue)
      })
  }

  // MARK: Cilium

  /// A CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy.
  static func compile(cilium policy: CiliumPolicy, name: String, profile: DataplaneProfile)
    -> CompiledPolicy
  {
    let namespace =
      policy.kind == .clusterwideNetworkPolicy ? nil : (policy.metadata.namespace ?? "default")
    let rules = policy.rules.map { path, rule in
      var rule = rule
      if !profile.honoursEnableDefaultDeny {
        // Before Cilium 1.16 `enableDefaultDeny` did not exist: every rule with entries in a
        // direction puts it into default-deny (see Cilium default deny in docs/semantics.md).
        rule.enableDefaultDeny = nil
      }
      return compile(ciliumRule: rule, path: path, namespace: namespace)
    }
    return CompiledPolicy(
      name: name, kind: policy.kind.rawValue, namespace: namespace, rules: rules, isCilium: true)
  }

  /// One Cilium rule: subject scoping (Cilium `ParseToCiliumRule`) and the four entry lists.
  static func compile(ciliumRule rule: CiliumRule, path: String, namespace: String?)
    -> CompiledRule
  {
    var subjectSelector = rule.endpointSelector.map(IdentityLabels.normalize)
    if namespace != nil, var selector = subjectSelector {
      // A CNP's endpointSelector is always ANDed with the policy namespace; another namespace
      // written in it is ignored (see Cilium selectors and namespaces in docs/semantics.md).
      selector.matchLabels[IdentityLabels.namespaceKey] = nil
      subjectSelector = selector
    }
    func entries(_ list: [CiliumRuleEntry]?, field: String, egress: Bool, deny: Bool)
      -> [CompiledEntry]
    {
      (list ?? []).enumerated().map { index, entry in
        compile(
          entry: entry, path: "\(path).\(field)[\(index)]", egress: egress, deny: deny,
          namespace: namespace)
      }
    }
    return CompiledRule(
      path: path,
      subject: SubjectSelector(
        namespace: namespace, selector: subjectSelector, usesIdentityLabels: true),
      isolatesIngress: rule.defaultDenyIngress, isolatesEgress: rule.defaultDenyEgress,
      ingress: entries(rule.ingress, field: "ingress", egress: false, deny: false)
        + entries(rule.ingressDeny, field: "ingressDeny", egress: false, deny: true),
      egress: entries(rule.egress, field: "egress", egress: true, deny: false)
        + entries(rule.egressDeny, field: "egressDeny", egress: true, deny: true))
  }

  /// One Cilium entry (see Empty Cilium entries, Cilium peer kinds and Cilium ports and ICMP in
  /// docs/semantics.md).
  static func compile(
    entry: CiliumRuleEntry, path: String, egress: Bool, deny: Bool, namespace: String?
  ) -> CompiledEntry {
    let prefix = egress ? "to" : "from"
    var peers: [CompiledPeer] = []
    for (index, selector) in (entry.endpoints ?? []).enumerated() {
      let normalized = IdentityLabels.normalize(selector)
      peers.append(
        .endpoints(
          path: "\(path).\(prefix)Endpoints[\(index)]", selector: normalized,
          scope: IdentityLabels.scope(of: normalized, policyNamespace: namespace)))
    }
    for (index, entity) in (entry.entities ?? []).enumerated() {
      peers.append(.entity(path: "\(path).\(prefix)Entities[\(index)]", name: entity))
    }
    for (index, text) in (entry.cidr ?? []).enumerated() {
      peers.append(
        .cidr(
          path: "\(path).\(prefix)CIDR[\(index)]", cidr: IPPrefix(text), except: [], text: text)
      )
    }
    for (index, rule) in (entry.cidrSet ?? []).enumerated() {
      let peerPath = "\(path).\(prefix)CIDRSet[\(index)]"
      if let text = rule.cidr {
        let except = rule.except ?? []
        peers.append(
          .cidr(
            path: peerPath, cidr: IPPrefix(text), except: except.compactMap(IPPrefix.init),
            text: except.isEmpty ? text : "\(text) except \(except.joined(separator: ", "))"))
      } else {
        peers.append(
          .unmatchable(
            path: peerPath,
            reason: "CiliumCIDRGroup '\(rule.cidrGroupRef ?? "")' is not part of the inventory"))
      }
    }
    for (index, _) in (entry.nodes ?? []).enumerated() {
      peers.append(
        .unmatchable(
          path: "\(path).\(prefix)Nodes[\(index)]", reason: "the inventory lists no nodes"))
    }
    for (index, selector) in (entry.fqdns ?? []).enumerated() {
      peers.append(.fqdn(path: "\(path).toFQDNs[\(index)]", selector: selector))
    }
    for (index, _) in (entry.services ?? []).enumerated() {
      peers.append(
        .unmatchable(
          path: "\(path).toServices[\(index)]", reason: "the inventory lists no services"))
    }
    let hasPorts = !(entry.toPorts?.isEmpty ?? true)
    let hasICMPs = !(entry.icmps?.isEmpty ?? true)
    let peerSet: PeerSet
    if entry.l3Kinds.isEmpty {
      // toPorts/icmps without an L3 field is an L3 wildcard; an entry with nothing (`{}`)
      // selects no peer at all (see Empty Cilium entries in docs/semantics.md).
      peerSet = (hasPorts || hasICMPs) ? .all : .some([])
    } else {
      peerSet = .some(peers)
    }
    var ports: PortSet = .all
    var icmps: [ICMPMatch]?
    if hasPorts {
      ports = .some(ciliumPorts(entry.toPorts ?? [], path: "\(path).toPorts"))
    } else if hasICMPs {
      ports = .some([])
    }
    if hasICMPs {
      icmps = (entry.icmps ?? []).enumerated().flatMap { index, rule in
        rule.fields.enumerated().map { fieldIndex, field in
          let family = field.family ?? "IPv4"
          return ICMPMatch(
            path: "\(path).icmps[\(index)].fields[\(fieldIndex)]", family: family,
            type: ICMPTypes.number(family: family, type: field.type), written: field.type)
        }
      }
    }
    return CompiledEntry(
      path: path, isDeny: deny, peers: peerSet, ports: ports, icmps: icmps,
      fromNetworkPolicy: false)
  }

  /// `toPorts`: protocol omitted = ANY (TCP, UDP, SCTP), port `0` = all ports (Cilium `pkg/policy/api/l4.go`).
  static func ciliumPorts(_ rules: [PortRule], path: String) -> [CompiledPort] {
    var result: [CompiledPort] = []
    for (index, rule) in rules.enumerated() {
      let rulePath = "\(path)[\(index)]"
      guard let ports = rule.ports, !ports.isEmpty else {
        result.append(
          CompiledPort(
            path: rulePath, protocols: [.tcp, .udp, .sctp], spec: .all, l7: rule.rules,
            protocolText: "ANY"))
        continue
      }
      for (portIndex, port) in ports.enumerated() {
        let protocols: Set<FlowProtocol>
        switch port.protocol ?? .any {
        case .tcp: protocols = [.tcp]
        case .udp: protocols = [.udp]
        case .sctp: protocols = [.sctp]
        case .any: protocols = [.tcp, .udp, .sctp]
        }
        let spec: PortSpec
        if let number = Int(port.port) {
          if number == 0 {
            spec = .all
          } else {
            spec = .range(number, max(number, port.endPort ?? number))
          }
        } else {
          spec = .named(port.port.lowercased())
        }
        result.append(
          CompiledPort(
            path: "\(rulePath).ports[\(portIndex)]", protocols: protocols, spec: spec,
            l7: rule.rules,
            protocolText: port.protocol == nil
              ? "ANY (omitted)" : (port.protocol?.rawValue ?? "ANY")))
      }
    }
    return result
  }
}
