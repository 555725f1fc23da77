/// The namespaces and pods of a generated cluster as `kubectl get ... -o yaml` prints them.
extension ClusterBuilder {
  /// A `kind: List` of the namespaces.
  func namespacesYAML() -> String {
    var text = "apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: \"\"\nitems:\n"
    for namespace in namespaces {
      text += "- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: \(namespace.name)\n"
      text += Self.labels(namespace.labels, indent: "    ")
      text += "  spec:\n    finalizers:\n    - kubernetes\n  status:\n    phase: Active\n"
    }
    return text
  }

  /// A `kind: List` of the pods of every workload, with owner references, container ports and
  /// pod IPs.
  mutating func podsYAML() -> String {
    let nodes = max(3, size.pods / 40)
    var text = "apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: \"\"\nitems:\n"
    var address = 0
    var uid = 0
    for workload in workloads {
      for replica in 0..<workload.replicas {
        var labels = workload.labels
        var owner: (kind: String, name: String)?
        var name = workload.name
        switch workload.kind {
        case "Deployment":
          labels["pod-template-hash"] = workload.hash
          name = "\(workload.name)-\(workload.hash)-\(random.suffix(5))"
          owner = ("ReplicaSet", "\(workload.name)-\(workload.hash)")
        case "StatefulSet":
          name = "\(workload.name)-\(replica)"
          labels["controller-revision-hash"] = "\(workload.name)-\(workload.hash)"
          labels["statefulset.kubernetes.io/pod-name"] = name
          owner = ("StatefulSet", workload.name)
        case "DaemonSet":
          name = "\(workload.name)-\(random.suffix(5))"
          labels["controller-revision-hash"] = workload.hash
          labels["pod-template-generation"] = "1"
          owner = ("DaemonSet", workload.name)
        default:
          break
        }
        uid += 1
        let namespaceName = namespaces[workload.namespace].name
        if firstPods[namespaceName] == nil { firstPods[namespaceName] = "\(namespaceName)/\(name)" }
        text += "- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: \(name)\n"
        text += "    namespace: \(namespaces[workload.namespace].name)\n"
        text += Self.labels(labels, indent: "    ")
        text += "    uid: \(Self.uid(uid))\n"
        if let owner {
          uid += 1
          text += "    ownerReferences:\n    - apiVersion: apps/v1\n      kind: \(owner.kind)\n"
          text += "      name: \(owner.name)\n      uid: \(Self.uid(uid))\n"
          text += "      controller: true\n      blockOwnerDeletion: true\n"
        }
        let image =
          "registry.example.com/\(workload.app):1.\(random.int(0..<10)).\(random.int(0..<21))"
        text += "  spec:\n    containers:\n    - name: \(workload.app)\n      image: \(image)\n"
        if !workload.ports.isEmpty {
          text += "      ports:\n"
          for port in workload.ports {
            text += "      - name: \(port.name)\n        containerPort: \(port.port)\n"
            text += "        protocol: \(port.proto)\n"
          }
        }
        let account = workload.tier == "infra" ? "coredns" : workload.app
        let node = String(random.int(0..<nodes))
        text += "    serviceAccountName: \(account)\n"
        text +=
          "    nodeName: node-\(String(repeating: "0", count: max(0, 3 - node.count)) + node)\n"
        address += 1
        text += "  status:\n    phase: Running\n    podIP: \(Self.address(address))\n"
      }
    }
    return text
  }

  /// `labels:` with each value double-quoted, keys sorted.
  static func labels(_ labels: [String: String], indent: String) -> String {
    guard !labels.isEmpty else { return "" }
    var text = indent + "labels:\n"
    for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
      text += "\(indent)  \(key): \"\(value)\"\n"
    }
    return text
  }

  /// The n-th pod address: 10.244.0.0/16, then 10.245.0.0/16 onwards.
  static func address(_ number: Int) -> String {
    number < 65536
      ? "10.244.\((number >> 8) & 255).\(number & 255)"
      : "10.\(245 + (number >> 16)).\((number >> 8) & 255).\(number & 255)"
  }

  /// A UID-shaped identifier.
  static func uid(_ number: Int) -> String {
    let hex = String(number, radix: 16)
    return String(repeating: "0", count: max(0, 8 - hex.count)) + hex
      + "-0000-4000-a000-000000000000"
  }
}
