/// The document tree of CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy rules.
///
/// Field order follows Cilium's Go types (`pkg/policy/api`: `Rule`, `IngressRule`/`EgressRule`,
/// `PortRule`, `PortProtocol`, `L7Rules`, `PortRuleHTTP`, `CIDRRule`), except that a rule lists
/// `enableDefaultDeny` and `description` before `labels` and `log`, and an entry lists its one L3
/// peer field first (`…Endpoints`, `…CIDR`, `…CIDRSet`, `…Entities`, `toFQDNs`, `toServices`,
/// `…Nodes`), then `toPorts` and `icmps`. Ports are always strings (`port: "443"`), as the CRD's
/// schema requires.
extension YAMLWriter {
  /// One Cilium rule (`spec` or an item of `specs`).
  static func ciliumRuleNode(_ rule: CiliumRule) -> Node {
    var node = MappingBuilder()
    node.add("endpointSelector", rule.endpointSelector.map(selectorNode))
    node.add("nodeSelector", rule.nodeSelector.map(selectorNode))
    node.add("ingress", list: rule.ingress) { ciliumEntryNode($0, prefix: "from") }
    node.add("ingressDeny", list: rule.ingressDeny) { ciliumEntryNode($0, prefix: "from") }
    node.add("egress", list: rule.egress) { ciliumEntryNode($0, prefix: "to") }
    node.add("egressDeny", list: rule.egressDeny) { ciliumEntryNode($0, prefix: "to") }
    if let config = rule.enableDefaultDeny {
      var deny = MappingBuilder()
      deny.add("ingress", config.ingress.map(Node.bool))
      deny.add("egress", config.egress.map(Node.bool))
      node.add("enableDefaultDeny", deny.node)
    }
    node.add("description", string: rule.description)
    node.add("labels", list: rule.labels) { label in
      var entry = MappingBuilder()
      entry.add("key", .string(label.key))
      entry.add("value", string: label.value)
      entry.add("source", string: label.source)
      return entry.node
    }
    if let value = rule.logValue { node.add("log", .mapping([("value", .string(value))])) }
    return node.node
  }

  /// One entry of `ingress`/`ingressDeny` (`prefix` "from") or `egress`/`egressDeny` ("to").
  /// `toFQDNs` and `toServices` exist only in egress form, so they keep the `to` prefix.
  static func ciliumEntryNode(_ entry: CiliumRuleEntry, prefix: String) -> Node {
    var node = MappingBuilder()
    node.add(prefix + "Endpoints", list: entry.endpoints, selectorNode)
    node.add(prefix + "CIDR", list: entry.cidr, Node.string)
    node.add(prefix + "CIDRSet", list: entry.cidrSet, cidrRuleNode)
    node.add(prefix + "Entities", list: entry.entities, Node.string)
    node.add("toFQDNs", list: entry.fqdns, fqdnSelectorNode)
    node.add("toServices", list: entry.services, serviceSelectorNode)
    node.add(prefix + "Nodes", list: entry.nodes, selectorNode)
    node.add("toPorts", list: entry.toPorts, portRuleNode)
    node.add("icmps", list: entry.icmps, icmpRuleNode)
    return node.node
  }

  /// A `CIDRRule`: `cidr`, `cidrGroupRef`, `except`.
  static func cidrRuleNode(_ rule: CIDRRule) -> Node {
    var node = MappingBuilder()
    node.add("cidr", string: rule.cidr)
    node.add("cidrGroupRef", string: rule.cidrGroupRef)
    node.add("except", list: rule.except, Node.string)
    return node.node
  }

  /// An `FQDNSelector` (`toFQDNs` item or `rules.dns` item): `matchName`, `matchPattern`.
  static func fqdnSelectorNode(_ selector: FQDNSelector) -> Node {
    var node = MappingBuilder()
    node.add("matchName", string: selector.matchName)
    node.add("matchPattern", string: selector.matchPattern)
    return node.node
  }

  /// A `toServices` item: `k8sService` (by name) or `k8sServiceSelector` (by labels), each with
  /// its optional `namespace`.
  static func serviceSelectorNode(_ service: ServiceSelector) -> Node {
    var node = MappingBuilder()
    if let name = service.serviceName {
      var byName = MappingBuilder()
      byName.add("serviceName", .string(name))
      byName.add("namespace", string: service.namespace)
      node.add("k8sService", byName.node)
    } else if service.selector != nil || service.namespace != nil {
      var bySelector = MappingBuilder()
      bySelector.add("selector", service.selector.map(selectorNode))
      bySelector.add("namespace", string: service.namespace)
      node.add("k8sServiceSelector", bySelector.node)
    }
    return node.node
  }

  /// A `toPorts` item: `ports`, `serverNames`, `rules`.
  static func portRuleNode(_ rule: PortRule) -> Node {
    var node = MappingBuilder()
    node.add("ports", list: rule.ports) { port in
      var entry = MappingBuilder()
      entry.add("port", .string(port.port))
      entry.add("endPort", int: port.endPort)
      entry.add("protocol", string: port.protocol?.rawValue)
      return entry.node
    }
    node.add("serverNames", list: rule.serverNames, Node.string)
    if let rules = rule.rules { node.add("rules", l7RulesNode(rules)) }
    return node.node
  }

  /// Kafka rule keys in the order of Cilium's `PortRuleKafka`; other keys follow, sorted.
  private static let kafkaKeyOrder = ["role", "apiKey", "apiVersion", "clientID", "topic"]

  /// `rules`: `http`, `kafka`, `dns`.
  static func l7RulesNode(_ rules: L7Rules) -> Node {
    var node = MappingBuilder()
    node.add("http", list: rules.http) { http in
      var entry = MappingBuilder()
      entry.add("path", string: http.path)
      entry.add("method", string: http.method)
      entry.add("host", string: http.host)
      entry.add("headers", list: http.headers, Node.string)
      return entry.node
    }
    node.add("kafka", list: rules.kafka) { kafka in
      let known = kafkaKeyOrder.filter { kafka[$0] != nil }
      let others = kafka.keys.filter { !kafkaKeyOrder.contains($0) }.sorted()
      return .mapping((known + others).map { (quoted($0), Node.string(kafka[$0] ?? "")) })
    }
    node.add("dns", list: rules.dns, fqdnSelectorNode)
    return node.node
  }

  /// An `icmps` item: `fields`, each with `family` and `type` (a number when written as digits,
  /// else a name such as `EchoRequest`).
  static func icmpRuleNode(_ rule: ICMPRule) -> Node {
    .mapping([
      (
        "fields",
        .sequence(
          rule.fields.map { field in
            var entry = MappingBuilder()
            entry.add("family", string: field.family)
            if let number = icmpTypeNumber(field.type) {
              entry.add("type", .int(number))
            } else {
              entry.add("type", .string(field.type))
            }
            return entry.node
          })
      )
    ])
  }

  /// The number an ICMP type written as plain decimal digits stands for (`"8"` but not `"08"`).
  private static func icmpTypeNumber(_ type: String) -> Int? {
    guard !type.isEmpty, type.count <= 9, type.allSatisfy({ $0.isASCII && $0.isNumber }),
      type == "0" || !type.hasPrefix("0")
    else { return nil }
    return Int(type)
  }
}
