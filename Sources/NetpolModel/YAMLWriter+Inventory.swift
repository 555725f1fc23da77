/// The inventory file format: namespaces as short block entries, pods and external endpoints as
/// one flow mapping each, wrapped at 100 columns.
///
/// ```yaml
/// namespaces:
///   - name: demo
///     labels: {team: web}
/// pods:
///   - {namespace: demo, name: server, labels: {app: server}, ip: 10.244.0.107,
///      ports: [{name: http, port: 80, protocol: TCP}], workload: {kind: Deployment, name: server}}
/// external:
///   - {fqdn: google.com, ips: [142.250.207.110]}
///   - {name: office, cidr: 192.0.2.0/24}
/// ```
/// The `kubernetes.io/metadata.name` label is left out when it equals the namespace's name (the
/// reader adds it back, as the API server does). Labels are sorted by key.
extension YAMLWriter {
  /// The column limit for wrapping a flow mapping.
  private static let inventoryWidth = 100

  /// The inventory as text in the inventory file format.
  static func renderInventory(_ inventory: Inventory) -> String {
    var out = "namespaces:"
    if inventory.namespaces.isEmpty { out.append(" []") }
    out.append("\n")
    for namespace in inventory.namespaces {
      out.append("  - name: \(flowQuoted(namespace.name))\n")
      var labels = namespace.labels
      if labels[Namespace.nameLabel] == namespace.name { labels[Namespace.nameLabel] = nil }
      if !labels.isEmpty { out.append("    labels: \(flowMap(labels))\n") }
    }
    out.append("pods:")
    if inventory.pods.isEmpty { out.append(" []") }
    out.append("\n")
    for pod in inventory.pods {
      var entries = [
        "namespace: \(flowQuoted(pod.namespace))", "name: \(flowQuoted(pod.name))",
      ]
      if !pod.labels.isEmpty { entries.append("labels: \(flowMap(pod.labels))") }
      if let ip = pod.ip { entries.append("ip: \(flowQuoted(ip))") }
      if let node = pod.node { entries.append("node: \(flowQuoted(node))") }
      if pod.hostNetwork { entries.append("hostNetwork: true") }
      if !pod.ports.isEmpty {
        entries.append("ports: [\(pod.ports.map(containerPortText).joined(separator: ", "))]")
      }
      if let workload = pod.controller {
        entries.append(
          "workload: {kind: \(flowQuoted(workload.kind)), name: \(flowQuoted(workload.name))}")
      }
      out.append(flowItem(entries))
    }
    if !inventory.nodes.isEmpty {
      out.append("nodes:\n")
      for node in inventory.nodes {
        var entries = ["name: \(flowQuoted(node.name))"]
        if !node.labels.isEmpty { entries.append("labels: \(flowMap(node.labels))") }
        entries.append("ips: [\(node.ips.map(flowQuoted).joined(separator: ", "))]")
        out.append(flowItem(entries))
      }
    }
    if !inventory.external.isEmpty {
      out.append("external:\n")
      for endpoint in inventory.external {
        out.append(flowItem(externalEntries(endpoint)))
      }
    }
    return out
  }

  /// `fqdn: NAME, ips: [...]` for a DNS name; `name: NAME, ip: ADDRESS` or `name: NAME, cidr:
  /// PREFIX` for a named address. (A named endpoint with several addresses, which the reader never
  /// produces, keeps them all under `ips`.)
  private static func externalEntries(_ endpoint: ExternalEndpoint) -> [String] {
    let ips = "ips: [\(endpoint.ips.map(flowQuoted).joined(separator: ", "))]"
    if endpoint.isFQDN { return ["fqdn: \(flowQuoted(endpoint.name))", ips] }
    let name = "name: \(flowQuoted(endpoint.name))"
    guard endpoint.ips.count == 1, let address = endpoint.ips.first else { return [name, ips] }
    return [name, (address.contains("/") ? "cidr: " : "ip: ") + flowQuoted(address)]
  }

  /// `{name: http, port: 80, protocol: TCP}` (no `name` when the port has none).
  private static func containerPortText(_ port: ContainerPort) -> String {
    var entries: [String] = []
    if let name = port.name { entries.append("name: \(flowQuoted(name))") }
    entries.append("port: \(port.port)")
    entries.append("protocol: \(port.protocol.rawValue)")
    return "{\(entries.joined(separator: ", "))}"
  }

  /// `{a: b, c: d}` with keys sorted.
  private static func flowMap(_ values: [String: String]) -> String {
    let entries = values.keys.sorted().map { "\(flowQuoted($0)): \(flowQuoted(values[$0] ?? ""))" }
    return "{\(entries.joined(separator: ", "))}"
  }

  /// `  - {entry, entry, ...}` and a newline; entries that would pass the column limit go on
  /// continuation lines aligned after the brace.
  private static func flowItem(_ entries: [String]) -> String {
    let lead = "  - {"
    let continuation = String(repeating: " ", count: lead.count)
    var out = lead
    var column = lead.count
    for (index, entry) in entries.enumerated() {
      let isLast = index == entries.count - 1
      let piece = entry + (isLast ? "}" : ",")
      if index > 0 {
        if column + 1 + piece.count > inventoryWidth {
          out.append("\n")
          out.append(continuation)
          column = continuation.count
        } else {
          out.append(" ")
          column += 1
        }
      }
      out.append(piece)
      column += piece.count
    }
    if entries.isEmpty { out.append("}") }
    out.append("\n")
    return out
  }
}
