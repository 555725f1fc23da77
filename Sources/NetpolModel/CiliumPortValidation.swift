/// Cilium `toPorts` rules: ports, L7 rules and TLS server names (`rule_validation.go`).
extension Checker {
  mutating func portRule(
    _ rule: PortRule, at path: String, egress: Bool, deny: Bool, hostPolicy: Bool
  ) {
    let ports = rule.ports ?? []
    if ports.count > 40 { report("\(path).ports", "too many ports, the max is 40") }
    var numbers: [Int?] = []
    for (index, port) in ports.enumerated() {
      numbers.append(ciliumPort(port, at: "\(path).ports[\(index)]"))
    }
    if deny, rule.rules != nil {
      report("\(path).rules", "L7 rules are not allowed in deny rules")
    }
    if deny, rule.serverNames != nil {
      report("\(path).serverNames", "serverNames are not allowed in deny rules")
    }
    for (index, name) in (rule.serverNames ?? []).enumerated() where name.isEmpty {
      report("\(path).serverNames[\(index)]", "empty server name is not allowed")
    }
    guard let rules = rule.rules else { return }
    if rule.serverNames != nil {
      report(
        "\(path).serverNames", "serverNames are not allowed with L7 rules without TLS termination")
    }
    if hostPolicy { report("\(path).rules", "host policies do not support L7 rules yet") }
    let kinds = [rules.http != nil, rules.kafka != nil, rules.dns != nil].filter { $0 }.count
    if kinds == 0 {
      report("\(path).rules", "must set one of http, kafka or dns")
    } else if kinds > 1 {
      report("\(path).rules", "multiple L7 protocol rule types specified in single rule")
    }
    if numbers.contains(0) {
      report("\(path).rules", "L7 rules can not be used when a port is 0")
    }
    if let dns = rules.dns {
      if !egress { report("\(path).rules.dns", "DNS rules are not allowed on ingress") }
      if ports.isEmpty { report("\(path).rules.dns", "port 53 must be specified for DNS rules") }
      for (index, port) in ports.enumerated() {
        if let number = numbers[index], let end = port.endPort, end > number {
          report("\(path).ports[\(index)].endPort", "DNS rules do not support port ranges")
        }
      }
      for (index, selector) in dns.enumerated() {
        fqdnSelector(selector, at: "\(path).rules.dns[\(index)]")
      }
    } else {
      for (index, port) in ports.enumerated() where port.protocol != .tcp {
        report(
          "\(path).ports[\(index)].protocol",
          "L7 rules can only apply to TCP (not \(port.protocol?.rawValue ?? "ANY")) "
            + "except for DNS rules")
      }
    }
    for (index, kafka) in (rules.kafka ?? []).enumerated() {
      kafkaRule(kafka, at: "\(path).rules.kafka[\(index)]")
    }
  }

  /// Validates a port; returns its number when numeric.
  mutating func ciliumPort(_ port: CiliumPort, at path: String) -> Int? {
    var number: Int?
    if port.port.isEmpty {
      report("\(path).port", "port must be specified")
    } else if port.port.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
      if port.port.utf8.count <= 5, let value = Int(port.port), value <= 65535 {
        number = value
      } else {
        report("\(path).port", "invalid value \(quoted(port.port)): must be between 0 and 65535")
      }
    } else if let problem = Validation.portName(port.port.lowercased()) {
      report(
        "\(path).port",
        "invalid value \(quoted(port.port)): must be a port number or an IANA port name: \(problem)"
      )
    }
    if let end = port.endPort {
      if !(0...65535).contains(end) {
        report("\(path).endPort", "invalid value \(end): must be between 0 and 65535")
      } else if number == nil, !port.port.isEmpty, end != 0 {
        report("\(path).endPort", "endPort is only allowed with a numeric port")
      } else if let number, end != 0, end < number {
        report("\(path).endPort", "must be greater than or equal to `port`")
      }
    }
    return number
  }

  mutating func kafkaRule(_ rule: [String: String], at path: String) {
    let known: Set<String> = ["apiKey", "apiVersion", "clientID", "role", "topic"]
    for key in rule.keys.sorted() where !known.contains(key) {
      report("\(path).\(key)", "unknown field \(quoted(key))")
    }
    if let role = rule["role"], role != "produce", role != "consume" {
      report(
        "\(path).role",
        "unsupported value \(quoted(role)): supported values: \"produce\", \"consume\"")
    }
    if let topic = rule["topic"], topic.utf8.count > 255 {
      report("\(path).topic", "must be no more than 255 characters")
    }
  }
}
