import NetpolModel

/// Text of the `cluster` command: namespaces, pods and external endpoints.
public enum ClusterRenderer {
  /// The namespaces, pods and external endpoints of `inventory`, one table each.
  public static func render(_ inventory: Inventory) -> String {
    var sections: [String] = []
    var namespaces = TextTable()
    for namespace in inventory.namespaces {
      var labels = namespace.labels
      labels.removeValue(forKey: Namespace.nameLabel)
      namespaces.add([DisplayText.escaped(namespace.name), labelList(labels)])
    }
    sections.append("namespaces:\n" + namespaces.render(indent: "  "))
    var pods = TextTable()
    for pod in inventory.pods {
      let ports = pod.ports.map { port in
        (port.name.map { "\($0):" } ?? "") + "\(port.port)/\(port.protocol.rawValue)"
      }
      pods.add([
        DisplayText.escaped(pod.id), labelList(pod.labels), DisplayText.escaped(pod.ip ?? "-"),
        DisplayText.escaped(ports.joined(separator: " ")),
      ])
    }
    sections.append(
      "pods:" + (inventory.pods.isEmpty ? " none" : "\n" + pods.render(indent: "  ")))
    if !inventory.external.isEmpty {
      var external = TextTable()
      for endpoint in inventory.external {
        external.add([
          DisplayText.escaped(endpoint.name),
          DisplayText.escaped(endpoint.ips.joined(separator: " ")),
          endpoint.isFQDN ? "(DNS name)" : "",
        ])
      }
      sections.append("external:\n" + external.render(indent: "  "))
    }
    return sections.joined(separator: "\n")
  }

  /// `k=v,k2=v2` sorted by key, or `-` when empty.
  public static func labelList(_ labels: [String: String]) -> String {
    guard !labels.isEmpty else { return "-" }
    return labels.keys.sorted().map {
      DisplayText.escaped($0) + "=" + DisplayText.escaped(labels[$0] ?? "")
    }.joined(separator: ",")
  }
}
