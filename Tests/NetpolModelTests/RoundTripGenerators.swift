import NetpolModel
import PropertyBased

/// Generators of every model value, valid as the API server and the Cilium CRD require.
enum ModelGen {
  /// NetworkPolicy objects.
  static let networkPolicy = Arbitrary.generator {
    PolicyResource.networkPolicy($0.networkPolicy())
  }
  /// CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy objects.
  static let ciliumPolicy = Arbitrary.generator { PolicyResource.cilium($0.ciliumPolicy()) }
  /// Policies of any kind, one to four per stream.
  static let stream = Arbitrary.generator { arbitrary in
    arbitrary.list(1...4) { a -> PolicyResource in
      a.chance(0.5) ? .networkPolicy(a.networkPolicy()) : .cilium(a.ciliumPolicy())
    }
  }
  /// Inventories.
  static let inventory = Arbitrary.generator { $0.inventory() }
}

extension Arbitrary {
  // MARK: - Shared

  /// Metadata with labels and annotations whose values are free-form text.
  mutating func metadata(namespaced: Bool) -> ObjectMeta {
    ObjectMeta(
      name: dnsSubdomain(), namespace: namespaced ? maybe(0.8) { $0.dnsLabel() } : nil,
      labels: labels(),
      annotations: map(0...3, key: { $0.labelKey() }, value: { $0.freeForm(maxLength: 40) }))
  }

  /// A label selector; `cilium` allows source-prefixed keys.
  mutating func selector(cilium: Bool = false) -> LabelSelector {
    let key = { (a: inout Arbitrary) -> String in cilium ? a.ciliumKey() : a.labelKey() }
    let matchLabels = map(0...2, key: key, value: { $0.labelValue() })
    let expressions = list(0...2) { a -> LabelSelectorRequirement in
      let op = a.pick(SelectorOperator.allCases)
      let values = op == .in || op == .notIn ? a.list(1...3) { $0.labelValue() } : []
      return LabelSelectorRequirement(key: key(&a), operator: op, values: values)
    }
    return LabelSelector(matchLabels: matchLabels, matchExpressions: expressions)
  }

  // MARK: - NetworkPolicy

  mutating func networkPolicy() -> NetworkPolicy {
    let types: [[PolicyType]] = [
      [], [.ingress], [.egress], [.ingress, .egress], [.egress, .ingress],
    ]
    return NetworkPolicy(
      metadata: metadata(namespaced: true),
      spec: NetworkPolicySpec(
        podSelector: selector(), policyTypes: maybe { $0.pick(types) },
        ingress: maybe { $0.list(0...2) { $0.networkPolicyRule() } },
        egress: maybe { $0.list(0...2) { $0.networkPolicyRule() } }))
  }

  mutating func networkPolicyRule() -> NetworkPolicyRule {
    NetworkPolicyRule(
      ports: maybe { $0.list(0...3) { $0.networkPolicyPort() } },
      peers: maybe { $0.list(0...3) { $0.networkPolicyPeer() } })
  }

  mutating func networkPolicyPort() -> NetworkPolicyPort {
    let proto = maybe { $0.pick(L4Protocol.allCases) }
    switch int(0...2) {
    case 0: return NetworkPolicyPort(protocol: proto)
    case 1: return NetworkPolicyPort(protocol: proto, port: .name(portName()))
    default:
      let port = int(1...65535)
      return NetworkPolicyPort(
        protocol: proto, port: .number(port), endPort: maybe { $0.int(port...65535) })
    }
  }

  mutating func networkPolicyPeer() -> NetworkPolicyPeer {
    switch int(0...3) {
    case 0: return NetworkPolicyPeer(podSelector: selector())
    case 1: return NetworkPolicyPeer(namespaceSelector: selector())
    case 2: return NetworkPolicyPeer(podSelector: selector(), namespaceSelector: selector())
    default:
      let block = prefixWithExceptions()
      return NetworkPolicyPeer(ipBlock: IPBlock(cidr: block.cidr, except: block.except))
    }
  }

  // MARK: - Inventory

  mutating func inventory() -> Inventory {
    var names: [String] = []
    for _ in 0..<int(0...3) {
      let name = dnsLabel()
      if !names.contains(name) { names.append(name) }
    }
    let namespaces = names.map { Namespace(name: $0, labels: labels()) }
    var pods: [Pod] = []
    var addresses = Set<String>()
    for _ in 0..<int(0...4) {
      let namespace = names.isEmpty || chance(0.2) ? dnsLabel() : pick(names)
      let name = dnsSubdomain()
      guard !pods.contains(where: { $0.namespace == namespace && $0.name == name }) else {
        continue
      }
      let ip = maybe { $0.address() }.flatMap { addresses.insert($0).inserted ? $0 : nil }
      pods.append(
        Pod(
          namespace: namespace, name: name, labels: labels(), ip: ip,
          ports: list(0...2) { a in
            ContainerPort(
              name: a.maybe { $0.portName() }, port: a.int(1...65535),
              protocol: a.pick(L4Protocol.allCases))
          }))
    }
    var external: [ExternalEndpoint] = []
    for _ in 0..<int(0...3) {
      let endpoint =
        chance(0.6)
        ? ExternalEndpoint(name: dnsSubdomain(), isFQDN: true, ips: list(1...2) { $0.address() })
        : ExternalEndpoint(
          name: dnsLabel(), isFQDN: false,
          ips: list(1...3) { $0.chance(0.5) ? $0.address() : $0.prefixWithExceptions().cidr })
      if !external.contains(where: { $0.name.lowercased() == endpoint.name.lowercased() }) {
        external.append(endpoint)
      }
    }
    return Inventory(namespaces: namespaces, pods: pods, external: external)
  }
}
