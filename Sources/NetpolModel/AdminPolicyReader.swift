/// Reading of AdminNetworkPolicy and BaselineAdminNetworkPolicy (`policy.networking.k8s.io/
/// v1alpha1`) and ClusterNetworkPolicy (`v1alpha2`), field names and shapes as in the upstream
/// CRDs (kubernetes-sigs/network-policy-api, `apis/v1alpha1`, `apis/v1alpha2`).
extension DocumentReader {
  /// The whole object (`apiVersion`/`kind` already checked).
  func adminPolicy(_ document: YAMLNode, _ top: Fields, kind: AdminPolicyKind) -> AdminPolicy? {
    let meta = metadata(top["metadata"]?.value, in: document)
    guard requireField(top, "spec", in: document, at: ""), let field = top["spec"] else {
      return nil
    }
    guard var policy = adminSpec(field.value, at: field.path, kind: kind), let meta else {
      return nil
    }
    policy.metadata = meta
    return policy
  }

  private func adminSpec(_ node: YAMLNode, at path: String, kind: AdminPolicyKind) -> AdminPolicy? {
    var known: Set<String> = ["subject", "ingress", "egress"]
    switch kind {
    case .adminNetworkPolicy: known.insert("priority")
    case .baselineAdminNetworkPolicy: break
    case .clusterNetworkPolicy: known.formUnion(["priority", "tier"])
    }
    guard let fields = fields(node, at: path, known: known) else { return nil }
    var ok = requireField(fields, "subject", in: node, at: path)
    var tier = kind == .baselineAdminNetworkPolicy ? AdminTier.baseline : .admin
    var priority: Int?
    if known.contains("priority") {
      ok = requireField(fields, "priority", in: node, at: path) && ok
      if let field = fields["priority"] {
        priority = int(field.value, at: field.path)
        ok = ok && priority != nil
      }
    }
    if kind == .clusterNetworkPolicy {
      ok = requireField(fields, "tier", in: node, at: path) && ok
      if let field = fields["tier"] {
        let allowed = AdminTier.allCases.map(\.rawValue)
        if let text = choice(field.value, at: field.path, allowed: allowed),
          let parsed = AdminTier(rawValue: text)
        {
          tier = parsed
        } else {
          ok = false
        }
      }
    }
    var subject: AdminSubject?
    if let field = fields["subject"] {
      subject = adminSubject(field.value, at: field.path, kind: kind)
      ok = ok && subject != nil
    }
    var lists: [PolicyType: [AdminRule]] = [:]
    for direction in PolicyType.allCases {
      let key = direction == .ingress ? "ingress" : "egress"
      guard let field = fields[key] else { continue }
      guard let items = items(field.value, at: field.path) else {
        ok = false
        continue
      }
      let rules = items.compactMap {
        adminRule($0.node, at: $0.path, kind: kind, direction: direction)
      }
      ok = ok && rules.count == items.count
      lists[direction] = rules
    }
    guard ok, let subject else { return nil }
    return AdminPolicy(
      kind: kind, metadata: ObjectMeta(name: ""), tier: tier, priority: priority,
      subject: subject, ingress: lists[.ingress], egress: lists[.egress])
  }

  /// The one field of a `minProperties: 1, maxProperties: 1` mapping, or an error naming the
  /// choices.
  private func oneOf(_ fields: Fields, _ node: YAMLNode, at path: String, choices: [String])
    -> Fields.Field?
  {
    let present = choices.filter { fields.has($0) }
    if present.count == 1, let field = fields[present[0]] { return field }
    let list = choices.map { quoted($0) }.joined(separator: ", ")
    if present.count > 1 {
      error(node, path, "exactly one of \(list) may be set, found \(present.count)")
    } else {
      error(node, path, "exactly one of \(list) must be set")
    }
    return nil
  }

  private func adminSubject(_ node: YAMLNode, at path: String, kind: AdminPolicyKind)
    -> AdminSubject?
  {
    guard let fields = fields(node, at: path, known: ["namespaces", "pods"]),
      let field = oneOf(fields, node, at: path, choices: ["namespaces", "pods"])
    else { return nil }
    if field.name == "namespaces" {
      return selector(field.value, at: field.path).map { .namespaces($0) }
    }
    return adminPods(field.value, at: field.path, kind: kind).map { .pods($0) }
  }

  private func adminPods(_ node: YAMLNode, at path: String, kind: AdminPolicyKind) -> AdminPods? {
    let known: Set<String> = ["namespaceSelector", "podSelector"]
    guard let fields = fields(node, at: path, known: known) else { return nil }
    var ok = requireField(fields, "podSelector", in: node, at: path)
    if !kind.isV1Alpha2 {
      ok = requireField(fields, "namespaceSelector", in: node, at: path) && ok
    }
    var pods = AdminPods(namespaceSelector: nil, podSelector: .everything)
    if let field = fields["namespaceSelector"] {
      pods.namespaceSelector = selector(field.value, at: field.path)
      ok = ok && pods.namespaceSelector != nil
    }
    if let field = fields["podSelector"] {
      if let parsed = selector(field.value, at: field.path) {
        pods.podSelector = parsed
      } else {
        ok = false
      }
    }
    return ok ? pods : nil
  }

  private func adminRule(
    _ node: YAMLNode, at path: String, kind: AdminPolicyKind, direction: PolicyType
  ) -> AdminRule? {
    let peersKey = direction == .ingress ? "from" : "to"
    let portsKey = kind.isV1Alpha2 ? "protocols" : "ports"
    guard let fields = fields(node, at: path, known: ["name", "action", peersKey, portsKey])
    else { return nil }
    var ok = requireField(fields, "action", in: node, at: path)
    ok = requireField(fields, peersKey, in: node, at: path) && ok
    var rule = AdminRule(action: .deny, peers: [])
    if let field = fields["name"] {
      rule.name = string(field.value, at: field.path)
      ok = ok && rule.name != nil
    }
    if let field = fields["action"] {
      let actions = AdminAction.allowed(in: kind)
      let words = actions.map { $0.word(in: kind) }
      if let text = choice(field.value, at: field.path, allowed: words),
        let index = words.firstIndex(of: text)
      {
        rule.action = actions[index]
      } else {
        ok = false
      }
    }
    if let field = fields[peersKey] {
      if let items = items(field.value, at: field.path) {
        rule.peers = items.compactMap {
          adminPeer($0.node, at: $0.path, kind: kind, direction: direction)
        }
        ok = ok && rule.peers.count == items.count
      } else {
        ok = false
      }
    }
    if let field = fields[portsKey] {
      if let items = items(field.value, at: field.path) {
        let ports = items.compactMap {
          kind.isV1Alpha2
            ? adminProtocol($0.node, at: $0.path) : adminPortV1($0.node, at: $0.path)
        }
        rule.ports = ports
        ok = ok && ports.count == items.count
      } else {
        ok = false
      }
    }
    return ok ? rule : nil
  }

  /// The peer fields a kind accepts in one direction (experimental channel included).
  static func adminPeerFields(kind: AdminPolicyKind, direction: PolicyType) -> [String] {
    if direction == .ingress { return ["namespaces", "pods"] }
    if kind == .baselineAdminNetworkPolicy { return ["namespaces", "pods", "nodes", "networks"] }
    return ["namespaces", "pods", "nodes", "networks", "domainNames"]
  }

  private func adminPeer(
    _ node: YAMLNode, at path: String, kind: AdminPolicyKind, direction: PolicyType
  ) -> AdminPeer? {
    let choices = DocumentReader.adminPeerFields(kind: kind, direction: direction)
    guard let fields = fields(node, at: path, known: Set(choices)),
      let field = oneOf(fields, node, at: path, choices: choices)
    else { return nil }
    switch field.name {
    case "namespaces": return selector(field.value, at: field.path).map { .namespaces($0) }
    case "pods": return adminPods(field.value, at: field.path, kind: kind).map { .pods($0) }
    case "nodes": return selector(field.value, at: field.path).map { .nodes($0) }
    case "networks": return strings(field.value, at: field.path).map { .networks($0) }
    default: return strings(field.value, at: field.path).map { .domainNames($0) }
    }
  }

  /// A v1alpha1 `ports` entry: `portNumber`, `portRange` or `namedPort`.
  private func adminPortV1(_ node: YAMLNode, at path: String) -> AdminPort? {
    let choices = ["portNumber", "portRange", "namedPort"]
    guard let fields = fields(node, at: path, known: Set(choices)),
      let field = oneOf(fields, node, at: path, choices: choices)
    else { return nil }
    switch field.name {
    case "namedPort":
      return string(field.value, at: field.path).map { .named($0) }
    case "portNumber":
      guard let inner = self.fields(field.value, at: field.path, known: ["protocol", "port"]),
        requireField(inner, "port", in: field.value, at: field.path),
        let portField = inner["port"], let port = int(portField.value, at: portField.path),
        let proto = adminProtocolName(inner)
      else { return nil }
      return .number(proto, port)
    default:
      guard
        let inner = self.fields(
          field.value, at: field.path, known: ["protocol", "start", "end"]),
        let (start, end) = adminRange(inner, field.value, at: field.path),
        let proto = adminProtocolName(inner)
      else { return nil }
      return .range(proto, start: start, end: end)
    }
  }

  /// `protocol` of a v1alpha1 port, `TCP` when omitted (the CRD's default).
  private func adminProtocolName(_ fields: Fields) -> L4Protocol? {
    guard let field = fields["protocol"] else { return .tcp }
    return choice(field.value, at: field.path, allowed: L4Protocol.allCases.map(\.rawValue))
      .flatMap(L4Protocol.init(rawValue:))
  }

  /// `start` and `end` of a range, both required.
  private func adminRange(_ fields: Fields, _ node: YAMLNode, at path: String) -> (Int, Int)? {
    let hasStart = requireField(fields, "start", in: node, at: path)
    let hasEnd = requireField(fields, "end", in: node, at: path)
    guard hasStart, hasEnd, let startField = fields["start"], let endField = fields["end"]
    else { return nil }
    let start = int(startField.value, at: startField.path)
    let end = int(endField.value, at: endField.path)
    guard let start, let end else { return nil }
    return (start, end)
  }

  /// A v1alpha2 `protocols` entry: `tcp`, `udp`, `sctp` or `destinationNamedPort`.
  private func adminProtocol(_ node: YAMLNode, at path: String) -> AdminPort? {
    let choices = ["tcp", "udp", "sctp", "destinationNamedPort"]
    guard let fields = fields(node, at: path, known: Set(choices)),
      let field = oneOf(fields, node, at: path, choices: choices)
    else { return nil }
    let proto: L4Protocol
    switch field.name {
    case "destinationNamedPort": return string(field.value, at: field.path).map { .named($0) }
    case "tcp": proto = .tcp
    case "udp": proto = .udp
    default: proto = .sctp
    }
    guard let inner = self.fields(field.value, at: field.path, known: ["destinationPort"]) else {
      return nil
    }
    guard let portField = inner["destinationPort"] else {
      error(
        field.value, field.path,
        "missing required field \"destinationPort\" (the CRD rejects an empty \(field.name))")
      return nil
    }
    guard
      let portFields = self.fields(
        portField.value, at: portField.path, known: ["number", "range"]),
      let choice = oneOf(
        portFields, portField.value, at: portField.path, choices: ["number", "range"])
    else { return nil }
    if choice.name == "number" {
      return int(choice.value, at: choice.path).map { .number(proto, $0) }
    }
    guard let range = self.fields(choice.value, at: choice.path, known: ["start", "end"]),
      let (start, end) = adminRange(range, choice.value, at: choice.path)
    else { return nil }
    return .range(proto, start: start, end: end)
  }
}
