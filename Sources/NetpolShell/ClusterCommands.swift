import NetpolModel
import NetpolViews

/// Cluster sketching: `ns`, `pod`, `label`, `unlabel`, `external`, `cluster`.
extension Interpreter {
  mutating func namespaceCommand(_ arguments: inout Arguments, line: String) throws(ShellError) {
    let verb = try arguments.expect(oneOf: ["add", "rm"], after: "ns")
    let nameToken = try arguments.next("a namespace name")
    let name = nameToken.text
    var next = state
    if verb == "rm" {
      try arguments.expectEnd("ns rm NAME")
      guard next.inventory.namespace(named: name) != nil else {
        throw ShellError("no namespace `\(name)` in the cluster", at: nameToken)
      }
      let pods = next.inventory.pods.filter { $0.namespace == name }.count
      next.inventory.pods.removeAll { $0.namespace == name }
      next.inventory.removeNamespace(named: name)
      commit(
        line, next,
        message: "removed namespace \(name)"
          + (pods > 0 ? " and \(pods) \(pods == 1 ? "pod" : "pods")" : ""))
      return
    }
    if let problem = Validation.dns1123Label(name) {
      throw ShellError("invalid namespace name `\(name)`: \(problem)", at: nameToken)
    }
    let labels = try parseLabels(arguments.rest())
    if let existing = next.inventory.namespace(named: name) {
      next.inventory.upsert(
        namespace: Namespace(name: name, labels: existing.labels.merging(labels) { $1 }))
      commit(line, next, message: "relabelled namespace \(name)")
    } else {
      next.inventory.upsert(namespace: Namespace(name: name, labels: labels))
      commit(line, next, message: "added namespace \(name)")
    }
  }

  mutating func podCommand(_ arguments: inout Arguments, line: String) throws(ShellError) {
    let verb = try arguments.expect(oneOf: ["add", "rm"], after: "pod")
    if verb == "rm" {
      let (index, token) = try podIndex(&arguments)
      try arguments.expectEnd("pod rm NS/NAME")
      var next = state
      next.inventory.pods.remove(at: index)
      commit(line, next, message: "removed pod \(token.text)")
      return
    }
    let idToken = try arguments.next("NS/NAME of the new pod")
    let (namespace, name) = try splitPodID(idToken)
    guard state.inventory.pod(id: "\(namespace)/\(name)") == nil else {
      throw ShellError("pod \(namespace)/\(name) already exists", at: idToken)
    }
    var labelTokens: [Token] = []
    var ip: String?
    var ports: [ContainerPort] = []
    while let token = arguments.peek {
      if token.isKeyword("--ip") {
        _ = try arguments.next("--ip")
        let value = try arguments.next("an IP address after --ip")
        if let problem = Validation.ipAddress(value.text) {
          throw ShellError("invalid IP `\(value.text)`: \(problem)", at: value)
        }
        if let owner = state.inventory.pod(ip: value.text) {
          throw ShellError("\(value.text) is already the IP of \(owner.id)", at: value)
        }
        ip = value.text
      } else if token.isKeyword("--port") {
        _ = try arguments.next("--port")
        var count = 0
        while let portToken = arguments.peek, count == 0 || looksLikePort(portToken) {
          _ = try arguments.next("a port")
          ports.append(try parseContainerPort(portToken))
          count += 1
        }
        if count == 0 {
          throw ShellError("expected a port after --port, e.g. http:80/TCP", at: arguments.endSpan)
        }
      } else if token.text.hasPrefix("--") && !token.quoted {
        throw ShellError(
          "unknown option `\(token.text)` (pod add takes --ip and --port)", at: token)
      } else {
        labelTokens.append(try arguments.next("a label"))
      }
    }
    let labels = try parseLabels(labelTokens)
    var next = state
    var message = "added pod \(namespace)/\(name)"
    if next.inventory.namespace(named: namespace) == nil {
      next.inventory.upsert(namespace: Namespace(name: namespace))
      message += " (and namespace \(namespace))"
    }
    next.inventory.pods.append(
      Pod(namespace: namespace, name: name, labels: labels, ip: ip, ports: ports))
    commit(line, next, message: message)
  }

  mutating func labelCommand(_ arguments: inout Arguments, line: String) throws(ShellError) {
    let (index, token) = try podIndex(&arguments)
    let words = arguments.rest()
    guard !words.isEmpty else { throw ShellError("expected KEY=VALUE...", at: arguments.endSpan) }
    let labels = try parseLabels(words)
    var next = state
    next.inventory.pods[index].labels.merge(labels) { $1 }
    let list = labels.keys.sorted().map { "\($0)=\(labels[$0] ?? "")" }.joined(separator: " ")
    commit(line, next, message: "labelled \(token.text) \(list)")
  }

  mutating func unlabelCommand(_ arguments: inout Arguments, line: String) throws(ShellError) {
    let (index, token) = try podIndex(&arguments)
    let words = arguments.rest()
    guard !words.isEmpty else { throw ShellError("expected KEY...", at: arguments.endSpan) }
    var next = state
    for word in words {
      guard next.inventory.pods[index].labels.removeValue(forKey: word.text) != nil else {
        throw ShellError("\(token.text) has no label `\(word.text)`", at: word)
      }
    }
    commit(
      line, next, message: "unlabelled \(token.text) " + words.map(\.text).joined(separator: " "))
  }

  mutating func externalCommand(_ arguments: inout Arguments, line: String) throws(ShellError) {
    let verb = try arguments.expect(oneOf: ["add", "rm"], after: "external")
    let nameToken = try arguments.next("an external name")
    var next = state
    let existing = next.inventory.external.firstIndex {
      $0.name.lowercased() == nameToken.text.lowercased()
    }
    if verb == "rm" {
      try arguments.expectEnd("external rm NAME")
      guard let existing else {
        throw ShellError("no external endpoint `\(nameToken.text)`", at: nameToken)
      }
      next.inventory.external.remove(at: existing)
      commit(line, next, message: "removed external \(nameToken.text)")
      return
    }
    guard existing == nil else {
      throw ShellError("external `\(nameToken.text)` already exists", at: nameToken)
    }
    let addresses = arguments.rest()
    guard !addresses.isEmpty else {
      throw ShellError("expected at least one IP address or CIDR", at: arguments.endSpan)
    }
    for address in addresses
    where Validation.ipAddress(address.text) != nil && Validation.cidr(address.text) != nil {
      throw ShellError("invalid IP address or CIDR `\(address.text)`", at: address)
    }
    let isFQDN = nameToken.text.contains(".") && Validation.dns1123Subdomain(nameToken.text) == nil
    // A DNS name resolves to addresses, never to a prefix (the inventory format's `fqdn` entries
    // take addresses only; docs/inventory.md).
    if isFQDN, let prefix = addresses.first(where: { Validation.ipAddress($0.text) != nil }) {
      throw ShellError(
        "`\(nameToken.text)` is a DNS name: give its IP addresses, not the CIDR `\(prefix.text)`",
        at: prefix)
    }
    next.inventory.external.append(
      ExternalEndpoint(name: nameToken.text, isFQDN: isFQDN, ips: addresses.map(\.text)))
    commit(line, next, message: "added external \(nameToken.text)" + (isFQDN ? " (DNS name)" : ""))
  }

  mutating func clusterCommand(_ arguments: inout Arguments) throws(ShellError) {
    try arguments.expectEnd("cluster")
    print(ClusterRenderer.render(state.inventory))
  }

  // MARK: - Parsing helpers

  /// Reads `NS/NAME` of an existing pod; returns its index and the word.
  mutating func podIndex(_ arguments: inout Arguments) throws(ShellError) -> (Int, Token) {
    let token = try arguments.next("NS/POD")
    guard let index = state.inventory.pods.firstIndex(where: { $0.id == token.text }) else {
      var message = "no pod `\(token.text)` in the cluster"
      if !token.text.contains("/") { message += " (write NS/POD)" }
      throw ShellError(message, at: token)
    }
    return (index, token)
  }

  func splitPodID(_ token: Token) throws(ShellError) -> (String, String) {
    let parts = token.text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 2 else {
      throw ShellError("expected NS/NAME, got `\(token.text)`", at: token)
    }
    if let problem = Validation.dns1123Label(parts[0]) {
      throw ShellError("invalid namespace `\(parts[0])`: \(problem)", at: token)
    }
    if let problem = Validation.dns1123Subdomain(parts[1]) {
      throw ShellError("invalid pod name `\(parts[1])`: \(problem)", at: token)
    }
    return (parts[0], parts[1])
  }

  /// Reads `KEY=VALUE` words into labels, validating keys and values.
  func parseLabels(_ tokens: [Token]) throws(ShellError) -> [String: String] {
    var labels: [String: String] = [:]
    for token in tokens {
      guard let equals = token.text.firstIndex(of: "=") else {
        throw ShellError("expected KEY=VALUE, got `\(token.text)`", at: token)
      }
      let key = String(token.text[..<equals])
      let value = String(token.text[token.text.index(after: equals)...])
      if let problem = Validation.labelKey(key) {
        throw ShellError("invalid label key `\(key)`: \(problem)", at: token)
      }
      if let problem = Validation.labelValue(value) {
        throw ShellError("invalid label value `\(value)`: \(problem)", at: token)
      }
      labels[key] = value
    }
    return labels
  }

  private func looksLikePort(_ token: Token) -> Bool {
    !token.text.hasPrefix("--") && !token.text.contains("=")
  }

  /// Reads `[NAME:]PORT[/PROTO]` of a container port.
  func parseContainerPort(_ token: Token) throws(ShellError) -> ContainerPort {
    var text = Substring(token.text)
    var name: String?
    if let colon = text.firstIndex(of: ":") {
      name = String(text[..<colon])
      text = text[text.index(after: colon)...]
      if let name, let problem = Validation.portName(name) {
        throw ShellError("invalid port name `\(name)`: \(problem)", at: token)
      }
    }
    var proto = L4Protocol.tcp
    if let slash = text.firstIndex(of: "/") {
      let protoText = text[text.index(after: slash)...].uppercased()
      guard let parsed = L4Protocol(rawValue: protoText) else {
        throw ShellError("unknown protocol `\(protoText)` (TCP, UDP or SCTP)", at: token)
      }
      proto = parsed
      text = text[..<slash]
    }
    guard let number = Int(text), (1...65535).contains(number) else {
      throw ShellError(
        "expected [NAME:]PORT[/PROTO] with PORT 1-65535, got `\(token.text)`", at: token)
    }
    return ContainerPort(name: name, port: number, protocol: proto)
  }
}
