import Yams

/// Reading of `cilium.io/v2` CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy.
extension DocumentReader {
  static let removedRequires =
    "fromRequires/toRequires were deprecated in Cilium 1.17 and removed in 1.19; "
    + "netpol does not support them"

  static func notSupported(_ name: String) -> String {
    "\(quoted(name)) is valid for Cilium but not supported by netpol"
  }

  func ciliumPolicy(_ document: Node, _ top: Fields, kind: CiliumKind) -> CiliumPolicy? {
    var meta = metadata(top["metadata"]?.value, in: document)
    if kind == .clusterwideNetworkPolicy { meta?.namespace = nil }
    var policy = CiliumPolicy(kind: kind, metadata: meta ?? ObjectMeta(name: ""))
    var ok = meta != nil
    if let field = top["spec"] {
      policy.spec = ciliumRule(field.value, at: field.path)
      ok = ok && policy.spec != nil
    }
    if let field = top["specs"] {
      if let items = items(field.value, at: field.path) {
        let rules = items.compactMap { ciliumRule($0.node, at: $0.path) }
        policy.specs = rules
        ok = ok && rules.count == items.count
      } else {
        ok = false
      }
    }
    return ok ? policy : nil
  }

  func ciliumRule(_ node: Node, at path: String) -> CiliumRule? {
    let known: Set<String> = [
      "endpointSelector", "nodeSelector", "ingress", "ingressDeny", "egress", "egressDeny",
      "enableDefaultDeny", "description", "labels", "log",
    ]
    guard let fields = fields(node, at: path, known: known) else { return nil }
    var rule = CiliumRule()
    var ok = true
    func read<T>(_ name: String, _ body: (Node, String) -> T?) -> T? {
      guard let field = fields[name] else { return nil }
      let value = body(field.value, field.path)
      if value == nil { ok = false }
      return value
    }
    rule.endpointSelector = read("endpointSelector", selector)
    rule.nodeSelector = read("nodeSelector", selector)
    rule.ingress = read("ingress") { entries($0, at: $1, egress: false, deny: false) }
    rule.ingressDeny = read("ingressDeny") { entries($0, at: $1, egress: false, deny: true) }
    rule.egress = read("egress") { entries($0, at: $1, egress: true, deny: false) }
    rule.egressDeny = read("egressDeny") { entries($0, at: $1, egress: true, deny: true) }
    rule.enableDefaultDeny = read("enableDefaultDeny") { node, path in
      guard let fields = self.fields(node, at: path, known: ["ingress", "egress"]) else {
        return nil
      }
      let ingress = fields["ingress"].map { bool($0.value, at: $0.path) }
      let egress = fields["egress"].map { bool($0.value, at: $0.path) }
      if ingress == .some(nil) || egress == .some(nil) { return nil }
      return DefaultDenyConfig(ingress: ingress ?? nil, egress: egress ?? nil)
    }
    rule.description = read("description", string)
    rule.labels = read("labels") { node, path in
      guard let items = items(node, at: path) else { return nil }
      let labels = items.compactMap { ciliumLabel($0.node, at: $0.path) }
      return labels.count == items.count ? labels : nil
    }
    if let log = read("log", { node, path in self.fields(node, at: path, known: ["value"]) }) {
      if let field = log["value"] {
        rule.logValue = string(field.value, at: field.path)
        ok = ok && rule.logValue != nil
      }
    }
    return ok ? rule : nil
  }

  func ciliumLabel(_ node: Node, at path: String) -> CiliumLabel? {
    guard let fields = fields(node, at: path, known: ["key", "value", "source"]) else {
      return nil
    }
    guard requireField(fields, "key", in: node, at: path),
      let keyField = fields["key"], let key = string(keyField.value, at: keyField.path)
    else { return nil }
    var label = CiliumLabel(key: key)
    if let field = fields["value"] {
      guard let value = string(field.value, at: field.path) else { return nil }
      label.value = value
    }
    if let field = fields["source"] {
      guard let source = string(field.value, at: field.path) else { return nil }
      label.source = source
    }
    return label
  }

  func entries(_ node: Node, at path: String, egress: Bool, deny: Bool) -> [CiliumRuleEntry]? {
    guard let items = items(node, at: path) else { return nil }
    let entries = items.compactMap { entry($0.node, at: $0.path, egress: egress, deny: deny) }
    return entries.count == items.count ? entries : nil
  }

  /// One ingress/egress (deny) entry. Deny entries accept `toFQDNs` and L7 fields here so the
  /// validator can say why they are not allowed.
  func entry(_ node: Node, at path: String, egress: Bool, deny: Bool) -> CiliumRuleEntry? {
    let p = egress ? "to" : "from"
    var known: Set<String> = [
      "\(p)Endpoints", "\(p)Entities", "\(p)CIDR", "\(p)CIDRSet", "\(p)Nodes", "toPorts", "icmps",
    ]
    if egress { known.formUnion(["toFQDNs", "toServices"]) }
    var unsupported = [
      "\(p)Requires": DocumentReader.removedRequires,
      "\(p)Groups": DocumentReader.notSupported("\(p)Groups"),
    ]
    if !deny { unsupported["authentication"] = DocumentReader.notSupported("authentication") }
    guard let fields = fields(node, at: path, known: known, unsupported: unsupported) else {
      return nil
    }
    var entry = CiliumRuleEntry()
    var ok = true
    func read<T>(_ name: String, _ body: (Node, String) -> T?) -> T? {
      guard let field = fields[name] else { return nil }
      let value = body(field.value, field.path)
      if value == nil { ok = false }
      return value
    }
    func list<T>(_ name: String, _ body: @escaping (Node, String) -> T?) -> [T]? {
      read(name) { node, path in
        guard let items = self.items(node, at: path) else { return nil }
        let values = items.compactMap { body($0.node, $0.path) }
        return values.count == items.count ? values : nil
      }
    }
    entry.endpoints = list("\(p)Endpoints", selector)
    entry.entities = read("\(p)Entities", strings)
    entry.cidr = read("\(p)CIDR", strings)
    entry.cidrSet = list("\(p)CIDRSet", cidrRule)
    entry.nodes = list("\(p)Nodes", selector)
    entry.fqdns = list("toFQDNs", fqdnSelector)
    entry.services = list("toServices", serviceSelector)
    entry.toPorts = list("toPorts", portRule)
    entry.icmps = list("icmps", icmpRule)
    return ok ? entry : nil
  }

  func cidrRule(_ node: Node, at path: String) -> CIDRRule? {
    guard
      let fields = fields(
        node, at: path, known: ["cidr", "except", "cidrGroupRef"],
        unsupported: ["cidrGroupSelector": DocumentReader.notSupported("cidrGroupSelector")])
    else { return nil }
    var rule = CIDRRule()
    if let field = fields["cidr"] {
      guard let cidr = string(field.value, at: field.path) else { return nil }
      rule.cidr = cidr
    }
    if let field = fields["except"] {
      guard let except = strings(field.value, at: field.path) else { return nil }
      rule.except = except
    }
    if let field = fields["cidrGroupRef"] {
      guard let ref = string(field.value, at: field.path) else { return nil }
      rule.cidrGroupRef = ref
    }
    return rule
  }

  func fqdnSelector(_ node: Node, at path: String) -> FQDNSelector? {
    guard let fields = fields(node, at: path, known: ["matchName", "matchPattern"]) else {
      return nil
    }
    var selector = FQDNSelector()
    if let field = fields["matchName"] {
      guard let name = string(field.value, at: field.path) else { return nil }
      selector.matchName = name
    }
    if let field = fields["matchPattern"] {
      guard let pattern = string(field.value, at: field.path) else { return nil }
      selector.matchPattern = pattern
    }
    return selector
  }

  func serviceSelector(_ node: Node, at path: String) -> ServiceSelector? {
    guard let fields = fields(node, at: path, known: ["k8sService", "k8sServiceSelector"]) else {
      return nil
    }
    if fields["k8sService"] != nil, fields["k8sServiceSelector"] != nil {
      error(node, path, "only one of `k8sService` or `k8sServiceSelector` may be given")
      return nil
    }
    var service = ServiceSelector()
    if let field = fields["k8sService"] {
      let known: Set<String> = ["serviceName", "namespace"]
      guard let inner = self.fields(field.value, at: field.path, known: known) else { return nil }
      if let name = inner["serviceName"] {
        guard let text = string(name.value, at: name.path) else { return nil }
        service.serviceName = text
      }
      if let namespace = inner["namespace"] {
        guard let text = string(namespace.value, at: namespace.path) else { return nil }
        service.namespace = text
      }
    }
    if let field = fields["k8sServiceSelector"] {
      let known: Set<String> = ["selector", "namespace"]
      guard let inner = self.fields(field.value, at: field.path, known: known),
        requireField(inner, "selector", in: field.value, at: field.path),
        let selectorField = inner["selector"],
        let selector = selector(selectorField.value, at: selectorField.path)
      else { return nil }
      service.selector = selector
      if let namespace = inner["namespace"] {
        guard let text = string(namespace.value, at: namespace.path) else { return nil }
        service.namespace = text
      }
    }
    return service
  }

  func icmpRule(_ node: Node, at path: String) -> ICMPRule? {
    guard let fields = fields(node, at: path, known: ["fields"]),
      let field = fields["fields"], let items = items(field.value, at: field.path)
    else {
      return nil
    }
    let values = items.compactMap { icmpField($0.node, at: $0.path) }
    return values.count == items.count ? ICMPRule(fields: values) : nil
  }

  func icmpField(_ node: Node, at path: String) -> ICMPField? {
    guard let fields = fields(node, at: path, known: ["family", "type"]) else { return nil }
    guard requireField(fields, "type", in: node, at: path), let typeField = fields["type"] else {
      return nil
    }
    var family: String?
    if let field = fields["family"] {
      guard let text = choice(field.value, at: field.path, allowed: ["IPv4", "IPv6"]) else {
        return nil
      }
      family = text
    }
    switch intOrString(typeField.value, at: typeField.path) {
    case .number(let number): return ICMPField(family: family, type: String(number))
    case .name(let name): return ICMPField(family: family, type: name)
    case nil: return nil
    }
  }
}
