/// Reading of the parts shared by every kind (metadata, label selectors) and of
/// `networking.k8s.io/v1` NetworkPolicy.
extension DocumentReader {
  /// ObjectMeta fields the API server sets; accepted (as in `kubectl get -o yaml` output) and
  /// ignored.
  static let serverMetadataFields: Set<String> = [
    "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
    "deletionGracePeriodSeconds", "managedFields", "selfLink", "finalizers", "ownerReferences",
    "generateName",
  ]

  /// `metadata`; `name` is required.
  func metadata(_ node: YAMLNode?, in document: YAMLNode) -> ObjectMeta? {
    guard let node else {
      error(document, "", "missing required field \"metadata\"")
      return nil
    }
    let known: Set<String> = ["name", "namespace", "labels", "annotations"]
    guard
      let fields = fields(
        node, at: "metadata", known: known.union(DocumentReader.serverMetadataFields))
    else { return nil }
    var meta = ObjectMeta(name: "")
    var ok = requireField(fields, "name", in: node, at: "metadata")
    if let field = fields["name"] {
      if let name = string(field.value, at: field.path) { meta.name = name } else { ok = false }
    }
    if let field = fields["namespace"] {
      if let namespace = string(field.value, at: field.path) {
        meta.namespace = namespace
      } else {
        ok = false
      }
    }
    if let field = fields["labels"] {
      if let labels = stringMap(field.value, at: field.path) {
        meta.labels = labels
      } else {
        ok = false
      }
    }
    if let field = fields["annotations"] {
      if let annotations = stringMap(field.value, at: field.path) {
        meta.annotations = annotations
      } else {
        ok = false
      }
    }
    return ok ? meta : nil
  }

  /// A label selector (`matchLabels`, `matchExpressions`).
  func selector(_ node: YAMLNode, at path: String) -> LabelSelector? {
    guard let fields = fields(node, at: path, known: ["matchLabels", "matchExpressions"]) else {
      return nil
    }
    var selector = LabelSelector()
    var ok = true
    if let field = fields["matchLabels"] {
      if let labels = stringMap(field.value, at: field.path) {
        selector.matchLabels = labels
      } else {
        ok = false
      }
    }
    if let field = fields["matchExpressions"], let items = items(field.value, at: field.path) {
      for item in items {
        if let requirement = requirement(item.node, at: item.path) {
          selector.matchExpressions.append(requirement)
        } else {
          ok = false
        }
      }
    } else if fields["matchExpressions"] != nil {
      ok = false
    }
    return ok ? selector : nil
  }

  func requirement(_ node: YAMLNode, at path: String) -> LabelSelectorRequirement? {
    guard let fields = fields(node, at: path, known: ["key", "operator", "values"]) else {
      return nil
    }
    var ok = requireField(fields, "key", in: node, at: path)
    ok = requireField(fields, "operator", in: node, at: path) && ok
    let key = fields["key"].flatMap { string($0.value, at: $0.path) }
    let op = fields["operator"].flatMap {
      choice($0.value, at: $0.path, allowed: SelectorOperator.allCases.map(\.rawValue))
    }.flatMap(SelectorOperator.init(rawValue:))
    var values: [String] = []
    if let field = fields["values"] {
      if let list = strings(field.value, at: field.path) { values = list } else { ok = false }
    }
    guard ok, let key, let op else { return nil }
    return LabelSelectorRequirement(key: key, operator: op, values: values)
  }

  /// The whole NetworkPolicy object (`apiVersion`/`kind` already checked).
  func networkPolicy(_ document: YAMLNode, _ top: Fields) -> NetworkPolicy? {
    let meta = metadata(top["metadata"]?.value, in: document)
    var spec = NetworkPolicySpec()
    var ok = true
    if let field = top["spec"] {
      if let parsed = networkPolicySpec(field.value, at: field.path) {
        spec = parsed
      } else {
        ok = false
      }
    }
    guard ok, let meta else { return nil }
    return NetworkPolicy(metadata: meta, spec: spec)
  }

  func networkPolicySpec(_ node: YAMLNode, at path: String) -> NetworkPolicySpec? {
    let known: Set<String> = ["podSelector", "policyTypes", "ingress", "egress"]
    guard let fields = fields(node, at: path, known: known) else { return nil }
    var spec = NetworkPolicySpec()
    var ok = true
    if let field = fields["podSelector"] {
      if let selector = selector(field.value, at: field.path) {
        spec.podSelector = selector
      } else {
        ok = false
      }
    }
    if let field = fields["policyTypes"] {
      if let items = items(field.value, at: field.path) {
        var types: [PolicyType] = []
        for item in items {
          let allowed = PolicyType.allCases.map(\.rawValue)
          if let text = choice(item.node, at: item.path, allowed: allowed),
            let type = PolicyType(rawValue: text)
          {
            types.append(type)
          } else {
            ok = false
          }
        }
        spec.policyTypes = types
      } else {
        ok = false
      }
    }
    for (key, peersKey) in [("ingress", "from"), ("egress", "to")] {
      guard let field = fields[key] else { continue }
      guard let items = items(field.value, at: field.path) else {
        ok = false
        continue
      }
      var rules: [NetworkPolicyRule] = []
      for item in items {
        if let rule = networkPolicyRule(item.node, at: item.path, peersKey: peersKey) {
          rules.append(rule)
        } else {
          ok = false
        }
      }
      if key == "ingress" { spec.ingress = rules } else { spec.egress = rules }
    }
    return ok ? spec : nil
  }

  func networkPolicyRule(_ node: YAMLNode, at path: String, peersKey: String) -> NetworkPolicyRule?
  {
    guard let fields = fields(node, at: path, known: ["ports", peersKey]) else { return nil }
    var rule = NetworkPolicyRule()
    var ok = true
    if let field = fields["ports"] {
      if let items = items(field.value, at: field.path) {
        rule.ports = items.compactMap { networkPolicyPort($0.node, at: $0.path) }
        ok = rule.ports?.count == items.count
      } else {
        ok = false
      }
    }
    if let field = fields[peersKey] {
      if let items = items(field.value, at: field.path) {
        rule.peers = items.compactMap { networkPolicyPeer($0.node, at: $0.path) }
        ok = ok && rule.peers?.count == items.count
      } else {
        ok = false
      }
    }
    return ok ? rule : nil
  }

  func networkPolicyPort(_ node: YAMLNode, at path: String) -> NetworkPolicyPort? {
    guard let fields = fields(node, at: path, known: ["protocol", "port", "endPort"]) else {
      return nil
    }
    var port = NetworkPolicyPort()
    var ok = true
    if let field = fields["protocol"] {
      let allowed = L4Protocol.allCases.map(\.rawValue)
      if let text = choice(field.value, at: field.path, allowed: allowed) {
        port.protocol = L4Protocol(rawValue: text)
      } else {
        ok = false
      }
    }
    if let field = fields["port"] {
      if let value = intOrString(field.value, at: field.path) {
        port.port = value
      } else {
        ok = false
      }
    }
    if let field = fields["endPort"] {
      if let end = int(field.value, at: field.path) { port.endPort = end } else { ok = false }
    }
    return ok ? port : nil
  }

  /// An IntOrString port: a number, or a (named-port) string.
  func intOrString(_ node: YAMLNode, at path: String) -> PortValue? {
    guard visit(node) else { return nil }
    if case .scalar(let scalar) = node, let value = ScalarValue.resolve(scalar) {
      switch value {
      case .int(let number): return .number(number)
      case .string(let text): return .name(text)
      case .bigInt, .float:
        error(
          node, path,
          "invalid value \(quoted(scalar.string)): a port number must be a whole number between 1 "
            + "and 65535, or a port name")
        return nil
      default: break
      }
    }
    error(node, path, "expected a port number or name, found \(DocumentReader.describe(node))")
    return nil
  }

  func networkPolicyPeer(_ node: YAMLNode, at path: String) -> NetworkPolicyPeer? {
    let known: Set<String> = ["podSelector", "namespaceSelector", "ipBlock"]
    guard let fields = fields(node, at: path, known: known) else { return nil }
    var peer = NetworkPolicyPeer()
    var ok = true
    if let field = fields["podSelector"] {
      peer.podSelector = selector(field.value, at: field.path)
      ok = peer.podSelector != nil
    }
    if let field = fields["namespaceSelector"] {
      peer.namespaceSelector = selector(field.value, at: field.path)
      ok = ok && peer.namespaceSelector != nil
    }
    if let field = fields["ipBlock"] {
      peer.ipBlock = ipBlock(field.value, at: field.path)
      ok = ok && peer.ipBlock != nil
    }
    return ok ? peer : nil
  }

  func ipBlock(_ node: YAMLNode, at path: String) -> IPBlock? {
    guard let fields = fields(node, at: path, known: ["cidr", "except"]) else { return nil }
    guard requireField(fields, "cidr", in: node, at: path) else { return nil }
    guard let cidrField = fields["cidr"], let cidr = string(cidrField.value, at: cidrField.path)
    else { return nil }
    var block = IPBlock(cidr: cidr)
    if let field = fields["except"] {
      guard let except = strings(field.value, at: field.path) else { return nil }
      block.except = except
    }
    return block
  }
}
