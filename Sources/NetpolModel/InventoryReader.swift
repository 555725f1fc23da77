/// Reading of the inventory file format (docs/inventory.md): `namespaces`, `pods`, `external`.
extension DocumentReader {
  /// The keys that mark a document as an inventory (it has no `apiVersion`/`kind`).
  static let inventoryKeys: Set<String> = ["namespaces", "pods", "external", "nodes"]

  func inventory(_ document: YAMLNode, into builder: InventoryBuilder) {
    guard let top = fields(document, at: "", known: DocumentReader.inventoryKeys) else { return }
    builder.sawInventory = true
    if let field = top["namespaces"], let items = items(field.value, at: field.path) {
      for item in items {
        if let namespace = inventoryNamespace(item.node, at: item.path) {
          builder.add(namespace: namespace, at: location(item.node), reader: self, path: item.path)
        }
      }
    }
    if let field = top["pods"], let items = items(field.value, at: field.path) {
      for item in items {
        if let pod = inventoryPod(item.node, at: item.path) {
          builder.add(pod: pod, at: location(item.node), reader: self, path: item.path)
        }
      }
    }
    if let field = top["nodes"], let items = items(field.value, at: field.path) {
      for item in items {
        if let node = inventoryNode(item.node, at: item.path) {
          builder.add(node: node, at: location(item.node), reader: self, path: item.path)
        }
      }
    }
    if let field = top["external"], let items = items(field.value, at: field.path) {
      for item in items {
        if let external = externalEndpoint(item.node, at: item.path) {
          builder.add(external: external, at: location(item.node), reader: self, path: item.path)
        }
      }
    }
  }

  /// Checks a namespace name and labels; `metadata.name` must match the name if given.
  func checkNamespace(_ namespace: Namespace, written labels: [String: String], at path: String)
    -> Bool
  {
    var ok = true
    if let problem = Validation.dns1123Label(namespace.name) {
      error(
        at: DocumentReader.join(path, "name"), "invalid value \(quoted(namespace.name)): \(problem)"
      )
      ok = false
    }
    if let written = labels[Namespace.nameLabel], written != namespace.name {
      error(
        at: DocumentReader.join(path, "labels.\(Namespace.nameLabel)"),
        "must equal the namespace name \(quoted(namespace.name)) (the API server sets it)")
      ok = false
    }
    return checkLabels(labels, at: DocumentReader.join(path, "labels")) && ok
  }

  func checkLabels(_ labels: [String: String], at path: String) -> Bool {
    var ok = true
    for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
      let keyPath = DocumentReader.join(path, key)
      if let problem = Validation.labelKey(key) {
        error(at: keyPath, "invalid label key \(quoted(key)): \(problem)")
        ok = false
      }
      if let problem = Validation.labelValue(value) {
        error(at: keyPath, "invalid label value \(quoted(value)): \(problem)")
        ok = false
      }
    }
    return ok
  }

  /// A diagnostic at the recorded location of `path` (or its nearest recorded ancestor).
  func error(at path: String, _ message: String) {
    let location = nearestLocation(of: path)
    let fullPath = DocumentReader.join(prefix, path)
    if let location {
      diagnostics.append(
        source.diagnostic(
          line: location.line, column: location.column, path: fullPath, message: message))
    } else {
      diagnostics.append(Diagnostic(location: nil, path: fullPath, message: message))
    }
  }

  func inventoryNamespace(_ node: YAMLNode, at path: String) -> Namespace? {
    guard let fields = fields(node, at: path, known: ["name", "labels"]),
      requireField(fields, "name", in: node, at: path), let nameField = fields["name"],
      let name = string(nameField.value, at: nameField.path)
    else { return nil }
    var labels: [String: String] = [:]
    if let field = fields["labels"] {
      guard let map = stringMap(field.value, at: field.path) else { return nil }
      labels = map
    }
    let namespace = Namespace(name: name, labels: labels)
    return checkNamespace(namespace, written: labels, at: path) ? namespace : nil
  }

  func inventoryPod(_ node: YAMLNode, at path: String) -> Pod? {
    let known: Set<String> = [
      "namespace", "name", "labels", "ip", "ports", "node", "hostNetwork", "workload",
    ]
    guard let fields = fields(node, at: path, known: known) else { return nil }
    var ok = requireField(fields, "namespace", in: node, at: path)
    ok = requireField(fields, "name", in: node, at: path) && ok
    let namespace = fields["namespace"].flatMap { string($0.value, at: $0.path) }
    let name = fields["name"].flatMap { string($0.value, at: $0.path) }
    var pod = Pod(namespace: namespace ?? "", name: name ?? "")
    if let field = fields["labels"] {
      if let labels = stringMap(field.value, at: field.path) {
        pod.labels = labels
      } else {
        ok = false
      }
    }
    if let field = fields["ip"] {
      if let ip = string(field.value, at: field.path) { pod.ip = ip } else { ok = false }
    }
    if let field = fields["node"] {
      if let name = string(field.value, at: field.path) { pod.node = name } else { ok = false }
    }
    if let field = fields["hostNetwork"] {
      if let flag = bool(field.value, at: field.path) { pod.hostNetwork = flag } else { ok = false }
    }
    if let field = fields["ports"] {
      if let items = items(field.value, at: field.path) {
        for item in items {
          if let port = containerPort(
            item.node, at: item.path, names: ("name", "port", "protocol"), strict: true)
          {
            pod.ports.append(port)
          } else {
            ok = false
          }
        }
      } else {
        ok = false
      }
    }
    if pod.hostNetwork, pod.ip != nil {
      error(
        at: DocumentReader.join(path, "ip"),
        "a host-network pod has its node's address: give the node's ips, not the pod's ip")
      ok = false
    }
    if let field = fields["workload"] {
      if let workload = inventoryWorkload(field.value, at: field.path) {
        pod.controller = workload
      } else {
        ok = false
      }
    }
    guard ok, namespace != nil, name != nil else { return nil }
    return checkPod(pod, at: path) ? pod : nil
  }

  /// The kinds a pod's `workload` may name.
  static let workloadRefKinds = [
    "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet",
    "ReplicationController",
  ]

  /// A pod's `workload: {kind, name}`.
  func inventoryWorkload(_ node: YAMLNode, at path: String) -> WorkloadRef? {
    guard let fields = fields(node, at: path, known: ["kind", "name"]),
      requireField(fields, "kind", in: node, at: path),
      requireField(fields, "name", in: node, at: path),
      let kindField = fields["kind"], let nameField = fields["name"],
      let kind = choice(
        kindField.value, at: kindField.path, allowed: DocumentReader.workloadRefKinds),
      let name = string(nameField.value, at: nameField.path)
    else { return nil }
    if let problem = Validation.dns1123Subdomain(name) {
      error(nameField.value, nameField.path, "invalid value \(quoted(name)): \(problem)")
      return nil
    }
    return WorkloadRef(kind: kind, name: name)
  }

  /// Checks names, labels, the IP and port names of a pod read from any source.
  func checkPod(_ pod: Pod, at path: String) -> Bool {
    var ok = true
    if let problem = Validation.dns1123Label(pod.namespace) {
      error(
        at: DocumentReader.join(path, "namespace"),
        "invalid value \(quoted(pod.namespace)): \(problem)")
      ok = false
    }
    if let problem = Validation.dns1123Subdomain(pod.name) {
      error(at: DocumentReader.join(path, "name"), "invalid value \(quoted(pod.name)): \(problem)")
      ok = false
    }
    if let ip = pod.ip, let problem = Validation.ipAddress(ip) {
      error(at: DocumentReader.join(path, "ip"), "invalid value \(quoted(ip)): \(problem)")
      ok = false
    }
    return checkLabels(pod.labels, at: DocumentReader.join(path, "labels")) && ok
  }

  /// A container port; `names` are the keys for name, number and protocol (the inventory uses
  /// `port`, Kubernetes `containerPort`).
  func containerPort(
    _ node: YAMLNode, at path: String, names: (String, String, String), strict: Bool
  ) -> ContainerPort? {
    let (nameKey, portKey, protocolKey) = names
    guard
      let fields = fields(node, at: path, known: [nameKey, portKey, protocolKey], strict: strict),
      requireField(fields, portKey, in: node, at: path), let portField = fields[portKey],
      let number = int(portField.value, at: portField.path)
    else { return nil }
    if let problem = Validation.portNumber(number) {
      error(portField.value, portField.path, "invalid value \(number): \(problem)")
      return nil
    }
    var port = ContainerPort(port: number)
    if let field = fields[nameKey] {
      guard let name = string(field.value, at: field.path) else { return nil }
      if let problem = Validation.portName(name) {
        error(field.value, field.path, "invalid value \(quoted(name)): \(problem)")
        return nil
      }
      port.name = name
    }
    if let field = fields[protocolKey] {
      let allowed = L4Protocol.allCases.map(\.rawValue)
      guard let text = choice(field.value, at: field.path, allowed: allowed),
        let proto = L4Protocol(rawValue: text)
      else { return nil }
      port.protocol = proto
    }
    return port
  }

  /// An `external` entry: `{fqdn, ips}` (addresses), or a named address range: `{name, ip}`,
  /// `{name, cidr}` or `{name, ips}` (addresses or CIDRs).
  func externalEndpoint(_ node: YAMLNode, at path: String) -> ExternalEndpoint? {
    let known: Set<String> = ["fqdn", "ips", "name", "ip", "cidr"]
    guard let fields = fields(node, at: path, known: known) else { return nil }
    let written = Set(fields.byName.keys)
    if let field = fields["fqdn"] {
      guard written.isSubset(of: ["fqdn", "ips"]), let ipsField = fields["ips"] else {
        error(node, path, "an fqdn entry is {fqdn, ips}: give `ips` and nothing else")
        return nil
      }
      guard let fqdn = string(field.value, at: field.path) else { return nil }
      if let problem = Validation.dnsName(fqdn) {
        error(field.value, field.path, "invalid value \(quoted(fqdn)): \(problem)")
        return nil
      }
      guard let ips = addresses(ipsField, allowingCIDRs: false) else { return nil }
      return ExternalEndpoint(name: fqdn, isFQDN: true, ips: ips)
    }
    guard let nameField = fields["name"], written.count == 2,
      let addressField = fields["ip"] ?? fields["cidr"] ?? fields["ips"]
    else {
      error(
        node, path, "an external entry is {fqdn, ips}, {name, ip}, {name, cidr} or {name, ips}")
      return nil
    }
    guard let name = string(nameField.value, at: nameField.path) else { return nil }
    if name.isEmpty || name.contains(where: \.isWhitespace) {
      error(nameField.value, nameField.path, "must be a non-empty name without spaces")
      return nil
    }
    if addressField.name == "ips" {
      guard let ips = addresses(addressField, allowingCIDRs: true) else { return nil }
      return ExternalEndpoint(name: name, isFQDN: false, ips: ips)
    }
    guard let address = string(addressField.value, at: addressField.path) else { return nil }
    let problem =
      addressField.name == "ip" ? Validation.ipAddress(address) : Validation.cidr(address)
    if let problem {
      error(addressField.value, addressField.path, "invalid value \(quoted(address)): \(problem)")
      return nil
    }
    return ExternalEndpoint(name: name, isFQDN: false, ips: [address])
  }

  /// The non-empty list of an `ips` field, each an IP address (or, when allowed, a CIDR: an
  /// entry with `/`).
  private func addresses(_ field: Fields.Field, allowingCIDRs: Bool) -> [String]? {
    guard let ips = strings(field.value, at: field.path) else { return nil }
    if ips.isEmpty {
      error(field.value, field.path, "must list at least one address")
      return nil
    }
    for (index, ip) in ips.enumerated() {
      let isCIDR = allowingCIDRs && ip.contains("/")
      if let problem = isCIDR ? Validation.cidr(ip) : Validation.ipAddress(ip) {
        error(at: "\(field.path)[\(index)]", "invalid value \(quoted(ip)): \(problem)")
        return nil
      }
    }
    return ips
  }
}
