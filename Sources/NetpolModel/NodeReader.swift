/// Reading of nodes: the inventory file's `nodes` entries and kubectl's `Node` objects.
extension DocumentReader {
  /// `{name, labels, ips}` of the inventory file.
  func inventoryNode(_ node: YAMLNode, at path: String) -> ClusterNode? {
    guard let fields = fields(node, at: path, known: ["name", "labels", "ips"]) else { return nil }
    var ok = requireField(fields, "name", in: node, at: path)
    var result = ClusterNode(name: "")
    if let field = fields["name"] {
      if let name = string(field.value, at: field.path) { result.name = name } else { ok = false }
    }
    if let field = fields["labels"] {
      if let labels = stringMap(field.value, at: field.path) {
        result.labels = labels
      } else {
        ok = false
      }
    }
    if let field = fields["ips"] {
      if let ips = strings(field.value, at: field.path) { result.ips = ips } else { ok = false }
    }
    guard ok else { return nil }
    return checkNode(result, at: path) ? result : nil
  }

  /// A `v1` Node as `kubectl get nodes -o yaml` prints it: name, labels and the `InternalIP` and
  /// `ExternalIP` entries of `status.addresses`.
  func clusterNode(_ document: YAMLNode, _ top: Fields, into builder: InventoryBuilder) {
    guard let meta = clusterMetadata(document, top) else { return }
    var node = ClusterNode(name: meta.name, labels: meta.labels)
    if let field = top["status"],
      let status = fields(field.value, at: field.path, known: ["addresses"], strict: false),
      let addresses = status["addresses"]
    {
      guard let items = items(addresses.value, at: addresses.path) else { return }
      for item in items {
        guard
          let entry = fields(item.node, at: item.path, known: ["type", "address"], strict: false),
          let type = entry["type"].flatMap({ string($0.value, at: $0.path) }),
          let address = entry["address"].flatMap({ string($0.value, at: $0.path) })
        else { return }
        if type == "InternalIP" || type == "ExternalIP" { node.ips.append(address) }
      }
    }
    guard checkNode(node, at: "metadata") else { return }
    builder.sawInventory = true
    builder.add(node: node, at: location(document), reader: self, path: "")
  }

  /// Checks a node's name, labels and addresses.
  func checkNode(_ node: ClusterNode, at path: String) -> Bool {
    var ok = true
    if let problem = Validation.dns1123Subdomain(node.name) {
      error(at: DocumentReader.join(path, "name"), "invalid value \(quoted(node.name)): \(problem)")
      ok = false
    }
    for (index, ip) in node.ips.enumerated() {
      if let problem = Validation.ipAddress(ip) {
        error(
          at: "\(DocumentReader.join(path, "ips"))[\(index)]",
          "invalid value \(quoted(ip)): \(problem)")
        ok = false
      }
    }
    return checkLabels(node.labels, at: DocumentReader.join(path, "labels")) && ok
  }
}
