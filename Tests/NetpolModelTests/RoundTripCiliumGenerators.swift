import NetpolModel

/// Random Cilium policies within the CRD's and the agent's rules (semantics.md §2.1): one L3 peer
/// kind per entry, `icmps` apart from `toPorts`, DNS rules only on egress with fixed ports, other
/// L7 rules on TCP only, no L7 or `toFQDNs` in deny lists, `nodeSelector` only clusterwide.
extension Arbitrary {
  /// The entities the v2 CRD accepts.
  static let entities = [
    "all", "world", "cluster", "host", "init", "ingress", "unmanaged", "remote-node", "health",
    "none", "kube-apiserver",
  ]

  mutating func ciliumPolicy() -> CiliumPolicy {
    let kind = pick(CiliumKind.allCases)
    let clusterwide = kind == .clusterwideNetworkPolicy
    var spec: CiliumRule?
    var specs: [CiliumRule]?
    switch int(0...2) {
    case 0: spec = ciliumRule(clusterwide: clusterwide)
    case 1: specs = list(1...2) { $0.ciliumRule(clusterwide: clusterwide) }
    default:
      spec = ciliumRule(clusterwide: clusterwide)
      specs = list(1...2) { $0.ciliumRule(clusterwide: clusterwide) }
    }
    return CiliumPolicy(
      kind: kind, metadata: metadata(namespaced: !clusterwide), spec: spec, specs: specs)
  }

  mutating func ciliumRule(clusterwide: Bool) -> CiliumRule {
    let host = clusterwide && chance(0.3)
    var rule = CiliumRule(
      endpointSelector: host ? nil : selector(cilium: true),
      nodeSelector: host ? selector(cilium: true) : nil,
      enableDefaultDeny: maybe(0.3) { a in
        DefaultDenyConfig(ingress: a.maybe { $0.chance(0.5) }, egress: a.maybe { $0.chance(0.5) })
      },
      description: maybe(0.3) { $0.freeForm(maxLength: 60) },
      labels: maybe(0.3) { a in
        a.list(0...2) { a in
          CiliumLabel(
            key: a.chance(0.5) ? a.labelKey() : "key " + a.freeForm(),
            value: a.maybe { $0.freeForm() }, source: a.maybe { $0.pick(["k8s", "any", ""]) })
        }
      },
      logValue: maybe(0.2) { $0.freeForm(maxLength: 32) })
    repeat {
      rule.ingress = maybe(0.4) { a in
        a.list(0...3) { $0.entry(egress: false, deny: false, host: host) }
      }
      rule.ingressDeny = maybe(0.2) { a in
        a.list(0...2) { $0.entry(egress: false, deny: true, host: host) }
      }
      rule.egress = maybe(0.5) { a in
        a.list(0...3) { $0.entry(egress: true, deny: false, host: host) }
      }
      rule.egressDeny = maybe(0.2) { a in
        a.list(0...2) { $0.entry(egress: true, deny: true, host: host) }
      }
    } while rule.ingress == nil && rule.ingressDeny == nil && rule.egress == nil
      && rule.egressDeny == nil
    return rule
  }

  /// One entry: at most one L3 peer kind, then `toPorts` or `icmps` (or neither).
  mutating func entry(egress: Bool, deny: Bool, host: Bool) -> CiliumRuleEntry {
    var entry = CiliumRuleEntry()
    var kinds = ["none", "endpoints", "entities", "cidr", "cidrSet", "nodes"]
    if egress { kinds.append("services") }
    if egress && !deny { kinds.append("fqdns") }
    switch pick(kinds) {
    case "endpoints": entry.endpoints = list(0...2) { $0.selector(cilium: true) }
    case "entities": entry.entities = list(0...2) { $0.pick(Self.entities) }
    case "cidr":
      entry.cidr = list(0...2) { $0.chance(0.5) ? $0.address() : $0.prefixWithExceptions().cidr }
    case "cidrSet": entry.cidrSet = list(0...2) { $0.cidrRule() }
    case "nodes": entry.nodes = list(0...2) { $0.selector(cilium: true) }
    case "services": entry.services = list(0...2) { $0.serviceSelector() }
    case "fqdns": entry.fqdns = list(0...3) { $0.fqdnSelector() }
    default: break
    }
    switch int(0...2) {
    case 0: entry.toPorts = list(0...2) { $0.portRule(egress: egress, l7: !deny && !host) }
    case 1: entry.icmps = list(0...2) { $0.icmpRule() }
    default: break
    }
    return entry
  }

  mutating func cidrRule() -> CIDRRule {
    if chance(0.3) { return CIDRRule(cidrGroupRef: dnsSubdomain()) }
    let block = prefixWithExceptions()
    return CIDRRule(
      cidr: block.cidr, except: block.except.isEmpty && chance(0.5) ? nil : block.except)
  }

  mutating func fqdnSelector() -> FQDNSelector {
    chance(0.5) ? FQDNSelector(matchName: fqdnName()) : FQDNSelector(matchPattern: fqdnPattern())
  }

  mutating func serviceSelector() -> ServiceSelector {
    if chance(0.5) {
      return ServiceSelector(serviceName: dnsLabel(), namespace: maybe { $0.dnsLabel() })
    }
    return ServiceSelector(namespace: maybe { $0.dnsLabel() }, selector: selector())
  }

  /// A `toPorts` item; with `l7`, sometimes carrying L7 rules (and then ports that allow them).
  mutating func portRule(egress: Bool, l7: Bool) -> PortRule {
    guard l7, chance(0.4) else {
      return PortRule(
        ports: maybe(0.8) { $0.list(0...3) { $0.ciliumPort() } },
        serverNames: l7 ? maybe(0.2) { $0.list(0...2) { $0.fqdnName() } } : nil)
    }
    if egress && chance(0.4) {
      let ports = list(1...2) { a in
        CiliumPort(
          port: a.pick(["53", "5353", "dns"]), protocol: a.maybe { $0.pick([.udp, .tcp, .any]) })
      }
      return PortRule(ports: ports, rules: L7Rules(dns: list(0...3) { $0.fqdnSelector() }))
    }
    let ports = list(0...2) { a in CiliumPort(port: String(a.int(1...65535)), protocol: .tcp) }
    if chance(0.5) {
      let http = list(0...2) { a in
        HTTPRule(
          method: a.maybe { $0.freeForm() }, path: a.maybe { $0.freeForm() },
          host: a.maybe { $0.dnsSubdomain() },
          headers: a.maybe { a in a.list(0...2) { $0.freeForm() } })
      }
      return PortRule(ports: ports, rules: L7Rules(http: http))
    }
    let kafka = list(0...2) { a -> [String: String] in
      var rule: [String: String] = [:]
      if a.chance(0.5) { rule["role"] = a.pick(["produce", "consume"]) }
      for key in ["apiKey", "apiVersion", "clientID", "topic"] where a.chance(0.4) {
        rule[key] = a.freeForm()
      }
      return rule
    }
    return PortRule(ports: ports, rules: L7Rules(kafka: kafka))
  }

  /// A port: a number (0 means every port), a range, or a named port; optional protocol.
  mutating func ciliumPort() -> CiliumPort {
    let proto = maybe { $0.pick(CiliumProtocol.allCases) }
    if chance(0.3) { return CiliumPort(port: portName(), protocol: proto) }
    let number = int(0...65535)
    let end = number == 0 ? nil : maybe(0.3) { $0.int(number...65535) }
    return CiliumPort(port: String(number), endPort: end, protocol: proto)
  }

  mutating func icmpRule() -> ICMPRule {
    ICMPRule(
      fields: list(0...3) { a in
        let family = a.maybe { $0.pick(["IPv4", "IPv6"]) }
        if a.chance(0.5) { return ICMPField(family: family, type: String(a.int(0...255))) }
        let names = family == "IPv6" ? Array(ICMPTypes.ipv6.keys) : Array(ICMPTypes.ipv4.keys)
        return ICMPField(family: family, type: a.pick(names.sorted()))
      })
  }
}
