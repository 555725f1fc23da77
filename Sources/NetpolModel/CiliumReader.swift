/// Reading of `cilium.io/v2` CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy.
extension DocumentReader {
  static let removedRequires =
    "fromRequires/toRequires were deprecated in Cilium 1.17 and removed in 1.19; "
    + "netpol does not support them"

  static func notSupported(_ name: String) -> String {
    "\(quoted(name)) is valid for Cilium but not supported by netpol"
  }

  func ciliumPolicy(_ document: YAMLNode, _ top: Fields, kind: CiliumKind) -> CiliumPolicy? {
    var meta = metadata(top["metadata"]?.value, in: document)
    if kind == .clusterwideNetworkPolicy { meta?.namespace = nil }
    var policy = CiliumPolicy(kind: kind, metadata: meta ?? ObjectMeta(name: ""))
    var ok = meta != nil
    if let field = top["spec"] {
      policy.spec = ciliumRule(field.value, at: field.path)
      ok = ok && policy.spec != nil
    }
    if let field = top["specs"] {
      policy.specs = allItems(field.value, at: field.path, ciliumRule)
      ok = ok && policy.specs != nil
    }
    return ok ? policy : nil
  }

  func ciliumRule(_ node: YAMLNode, at path: String) -> CiliumRule? {
    let known: Set<String> = [
      "endpointSelector", "nodeSelector", "ingress", "ingressDeny", "egress", "egressDeny",
      "enableDefaultDeny", "description", "labels", "log",
    ]
    guard let fields = fields(node, at: path, known: known) else { return nil }
    var rule = CiliumRule()
    var read = FieldReader(reader: self, fields: fields)
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
    rule.labels = read.list("labels", ciliumLabel)
    if let log = read("log", { node, path in self.fields(node, at: path, known: ["value"]) }) {
      if let field = log["value"] {
        rule.logValue = string(field.value, at: field.path)
        read.ok = read.ok && rule.logValue != nil
      }
    }
    return read.ok ? rule : nil
  }

  func ciliumLabel(_ node: YAMLNode, at path: String) -> CiliumLabel? {
    guard let fields = fields(node, at: path, known: ["key", "value", "source"]) else {
      return nil
    }
    guard requireField(fields, "key", in: node, at: path),
      let keyField = fields["key"], let key = string(keyField.value, at: keyField.path)
    else { return nil }
    var label = CiliumLabel(key: key)
    guard optionalField(fields, "value", string, into: &label.value),
      optionalField(fields, "source", string, into: &label.source)
    else { return nil }
    return label
  }

  func entries(_ node: YAMLNode, at path: String, egress: Bool, deny: Bool) -> [CiliumRuleEntry]? {
    allItems(node, at: path) { entry($0, at: $1, egress: egress, deny: deny) }
  }

  /// One ingress/egress (deny) entry. Deny entries accept `toFQDNs` and L7 fields here so the
  /// validator can say why they are not allowed.
  func entry(_ node: YAMLNode, at path: String, egress: Bool, deny: Bool) -> CiliumRuleEntry? {
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
    var read = FieldReader(reader: self, fields: fields)
    entry.endpoints = read.list("\(p)Endpoints", selector)
    entry.entities = read("\(p)Entities", strings)
    entry.cidr = read("\(p)CIDR", strings)
    entry.cidrSet = read.list("\(p)CIDRSet", cidrRule)
    entry.nodes = read.list("\(p)Nodes", selector)
    entry.fqdns = read.list("toFQDNs", fqdnSelector)
    entry.services = read.list("toServices", serviceSelector)
    entry.toPorts = read.list("toPorts", portRule)
    entry.icmps = read.list("icmps", icmpRule)
    return read.ok ? entry : nil
  }

  func cidrRule(_ node: YAMLNode, at path: String) -> CIDRRule? {
    guard
      let fields = fields(
        node, at: path, known: ["cidr", "except", "cidrGroupRef"],
        unsupported: ["cidrGroupSelector": DocumentReader.notSupported("cidrGroupSelector")])
    else { return nil }
    var rule = CIDRRule()
    guard optionalField(fields, "cidr", string, into: &rule.cidr),
      optionalField(fields, "except", strings, into: &rule.except),
      optionalField(fields, "cidrGroupRef", string, into: &rule.cidrGroupRef)
    else { return nil }
    return rule
  }

  func fqdnSelector(_ node: YAMLNode, at path: String) -> FQDNSelector? {
    guard let fields = fields(node, at: path, known: ["matchName", "matchPattern"]) else {
      return nil
    }
    var selector = FQDNSelector()
    guard optionalField(fields, "matchName", string, into: &selector.matchName),
      optionalField(fields, "matchPattern", string, into: &selector.matchPattern)
    else { return nil }
    return selector
  }

  func serviceSelector(_ node: YAMLNode, at path: String) -> ServiceSelector? {
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
      guard let inner = self.fields(field.value, at: field.path, known: known),
        optionalField(inner, "serviceName", string, into: &service.serviceName),
        optionalField(inner, "namespace", string, into: &service.namespace)
      else { return nil }
    }
    if let field = fields["k8sServiceSelector"] {
      let known: Set<String> = ["selector", "namespace"]
      guard let inner = self.fields(field.value, at: field.path, known: known),
        requireField(inner, "selector", in: field.value, at: field.path),
        let selectorField = inner["selector"],
        let selector = selector(selectorField.value, at: selectorField.path)
      else { return nil }
      service.selector = selector
      guard optionalField(inner, "namespace", string, into: &service.namespace) else { return nil }
    }
    return service
  }

  func icmpRule(_ node: YAMLNode, at path: String) -> ICMPRule? {
    guard let fields = fields(node, at: path, known: ["fields"]), let field = fields["fields"],
      let values = allItems(field.value, at: field.path, icmpField)
    else { return nil }
    return ICMPRule(fields: values)
  }

  func icmpField(_ node: YAMLNode, at path: String) -> ICMPField? {
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

extension DocumentReader {
  /// Every item of the list at `path`, each read with `read`; nil when the node is not a list
  /// or an item does not read (every item is read, so each problem is reported).
  func allItems<T>(_ node: YAMLNode, at path: String, _ read: (YAMLNode, String) -> T?) -> [T]? {
    guard let items = items(node, at: path) else { return nil }
    let values = items.compactMap { read($0.node, $0.path) }
    return values.count == items.count ? values : nil
  }

  /// Reads the field `name`, when written, into `target` with `read`; false when it is written
  /// but does not read (`target` is then left as it was).
  func optionalField<T>(
    _ fields: Fields, _ name: String, _ read: (YAMLNode, String) -> T?, into target: inout T?
  ) -> Bool {
    guard let field = fields[name] else { return true }
    guard let value = read(field.value, field.path) else { return false }
    target = value
    return true
  }
}

/// Reads the optional fields of one mapping, going on after a field that does not read (so
/// that every problem is reported) and remembering that one did.
struct FieldReader {
  /// The reader that reports problems.
  let reader: DocumentReader
  /// The mapping's fields.
  let fields: Fields
  /// Whether every written field read so far has read.
  var ok = true

  /// The field `name` read with `body`; nil when it is not written or does not read.
  mutating func callAsFunction<T>(_ name: String, _ body: (YAMLNode, String) -> T?) -> T? {
    guard let field = fields[name] else { return nil }
    let value = body(field.value, field.path)
    if value == nil { ok = false }
    return value
  }

  /// The list field `name`, every item read with `body`; nil when it is not written or does
  /// not read.
  mutating func list<T>(_ name: String, _ body: (YAMLNode, String) -> T?) -> [T]? {
    let reader = self.reader
    return self(name) { node, path in reader.allItems(node, at: path, body) }
  }
}
