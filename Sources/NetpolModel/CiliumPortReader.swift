/// Reading of Cilium `toPorts` entries: ports, L7 rules and server names.
extension DocumentReader {
  func portRule(_ node: YAMLNode, at path: String) -> PortRule? {
    let unsupported = Dictionary(
      uniqueKeysWithValues: ["listener", "originatingTLS", "terminatingTLS"].map {
        ($0, DocumentReader.notSupported($0))
      })
    guard
      let fields = fields(
        node, at: path, known: ["ports", "rules", "serverNames"], unsupported: unsupported)
    else { return nil }
    var rule = PortRule()
    var ok = true
    if let field = fields["ports"] {
      if let items = items(field.value, at: field.path) {
        let ports = items.compactMap { ciliumPort($0.node, at: $0.path) }
        rule.ports = ports
        ok = ports.count == items.count
      } else {
        ok = false
      }
    }
    if let field = fields["rules"] {
      rule.rules = l7Rules(field.value, at: field.path)
      ok = ok && rule.rules != nil
    }
    if let field = fields["serverNames"] {
      rule.serverNames = strings(field.value, at: field.path)
      ok = ok && rule.serverNames != nil
    }
    return ok ? rule : nil
  }

  /// A port: the CRD types `port` as a string, so an unquoted number is an error.
  func ciliumPort(_ node: YAMLNode, at path: String) -> CiliumPort? {
    guard let fields = fields(node, at: path, known: ["port", "endPort", "protocol"]) else {
      return nil
    }
    guard requireField(fields, "port", in: node, at: path), let portField = fields["port"],
      let port = string(portField.value, at: portField.path)
    else { return nil }
    var result = CiliumPort(port: port)
    if let field = fields["endPort"] {
      guard let end = int(field.value, at: field.path) else { return nil }
      result.endPort = end
    }
    if let field = fields["protocol"] {
      let allowed = CiliumProtocol.allCases.map(\.rawValue)
      guard let text = choice(field.value, at: field.path, allowed: allowed) else { return nil }
      result.protocol = CiliumProtocol(rawValue: text)
    }
    return result
  }

  func l7Rules(_ node: YAMLNode, at path: String) -> L7Rules? {
    let unsupported = [
      "l7proto": DocumentReader.notSupported("l7proto"), "l7": DocumentReader.notSupported("l7"),
    ]
    guard
      let fields = fields(
        node, at: path, known: ["http", "kafka", "dns"], unsupported: unsupported)
    else { return nil }
    var rules = L7Rules()
    var ok = true
    if let field = fields["http"], let items = items(field.value, at: field.path) {
      let http = items.compactMap { httpRule($0.node, at: $0.path) }
      rules.http = http
      ok = http.count == items.count
    } else if fields["http"] != nil {
      ok = false
    }
    if let field = fields["kafka"], let items = items(field.value, at: field.path) {
      let known: Set<String> = ["apiKey", "apiVersion", "clientID", "role", "topic"]
      var kafka: [[String: String]] = []
      for item in items {
        guard let entry = self.fields(item.node, at: item.path, known: known) else {
          ok = false
          continue
        }
        var values: [String: String] = [:]
        for (name, field) in entry.byName.sorted(by: { $0.key < $1.key }) {
          if let text = string(field.value, at: field.path) {
            values[name] = text
          } else {
            ok = false
          }
        }
        kafka.append(values)
      }
      rules.kafka = kafka
    } else if fields["kafka"] != nil {
      ok = false
    }
    if let field = fields["dns"], let items = items(field.value, at: field.path) {
      let dns = items.compactMap { fqdnSelector($0.node, at: $0.path) }
      rules.dns = dns
      ok = ok && dns.count == items.count
    } else if fields["dns"] != nil {
      ok = false
    }
    return ok ? rules : nil
  }

  func httpRule(_ node: YAMLNode, at path: String) -> HTTPRule? {
    guard
      let fields = fields(
        node, at: path, known: ["method", "path", "host", "headers"],
        unsupported: ["headerMatches": DocumentReader.notSupported("headerMatches")])
    else { return nil }
    var rule = HTTPRule()
    for name in ["method", "path", "host"] {
      guard let field = fields[name] else { continue }
      guard let text = string(field.value, at: field.path) else { return nil }
      switch name {
      case "method": rule.method = text
      case "path": rule.path = text
      default: rule.host = text
      }
    }
    if let field = fields["headers"] {
      guard let headers = strings(field.value, at: field.path) else { return nil }
      rule.headers = headers
    }
    return rule
  }
}
