/// An `ownerReferences` entry of a cluster object.
struct OwnerRef: Hashable {
  var kind: String
  var name: String
}

/// A workload read from a kubectl dump: its pod template as one pod named after it.
struct Workload {
  var kind: String
  var pod: Pod
  var owners: [OwnerRef]
}

/// Collects namespaces, pods and external endpoints from every inventory file and kubectl dump
/// of a load, then assembles the inventory, reporting duplicates.
final class InventoryBuilder {
  /// Where an entry was written, for "first defined at" messages.
  struct Origin {
    var location: SourceLocation?
    var excerpt: String?
    var path: String
  }

  private struct PodEntry {
    var pod: Pod
    var origin: Origin
    var workloadKind: String?
    var owners: [OwnerRef]
  }

  var sawInventory = false
  private(set) var diagnostics: [Diagnostic] = []
  private var namespaces: [Namespace] = []
  private var namespaceOrigins: [String: Origin] = [:]
  private var podEntries: [PodEntry] = []
  private var external: [ExternalEndpoint] = []
  private var nodes: [ClusterNode] = []
  private var nodeOrigins: [String: Origin] = [:]
  private var externalOrigins: [String: Origin] = [:]

  private func origin(_ reader: DocumentReader, _ location: SourceLocation?, _ path: String)
    -> Origin
  {
    let excerpt = location.flatMap { reader.source.excerpt(line: $0.line, column: $0.column) }
    return Origin(
      location: location, excerpt: excerpt, path: DocumentReader.join(reader.prefix, path))
  }

  private func duplicate(_ origin: Origin, _ what: String, first: Origin) {
    let firstAt = first.location.map { " (first defined at \($0))" } ?? ""
    diagnostics.append(
      Diagnostic(
        location: origin.location, path: origin.path, message: "duplicate \(what)\(firstAt)",
        excerpt: origin.excerpt))
  }

  func add(namespace: Namespace, at location: SourceLocation?, reader: DocumentReader, path: String)
  {
    let here = origin(reader, location, path)
    if let first = namespaceOrigins[namespace.name] {
      duplicate(here, "namespace \(quoted(namespace.name))", first: first)
      return
    }
    namespaceOrigins[namespace.name] = here
    namespaces.append(namespace)
  }

  func add(
    pod: Pod, at location: SourceLocation?, reader: DocumentReader, path: String,
    owners: [OwnerRef] = []
  ) {
    let here = origin(reader, location, path)
    podEntries.append(PodEntry(pod: pod, origin: here, workloadKind: nil, owners: owners))
  }

  func addWorkload(
    _ workload: Workload, at location: SourceLocation?, reader: DocumentReader, path: String
  ) {
    let here = origin(reader, location, path)
    podEntries.append(
      PodEntry(
        pod: workload.pod, origin: here, workloadKind: workload.kind, owners: workload.owners))
  }

  func add(node: ClusterNode, at location: SourceLocation?, reader: DocumentReader, path: String) {
    let here = origin(reader, location, path)
    if let first = nodeOrigins[node.name] {
      duplicate(here, "node \(quoted(node.name))", first: first)
      return
    }
    nodeOrigins[node.name] = here
    nodes.append(node)
  }

  func add(
    external endpoint: ExternalEndpoint, at location: SourceLocation?, reader: DocumentReader,
    path: String
  ) {
    let here = origin(reader, location, path)
    let key = endpoint.name.lowercased()
    if let first = externalOrigins[key] {
      duplicate(here, "external endpoint \(quoted(endpoint.name))", first: first)
      return
    }
    externalOrigins[key] = here
    external.append(endpoint)
  }

  /// The assembled inventory. A workload contributes its template pod only when no pod of the
  /// input belongs to it (directly or through a ReplicaSet/Job) and no workload of the input
  /// owns it.
  func finish() -> Inventory {
    func key(_ kind: String, _ namespace: String, _ name: String) -> String {
      "\(kind)/\(namespace)/\(name)"
    }
    var workloads: [String: PodEntry] = [:]
    for entry in podEntries {
      if let kind = entry.workloadKind {
        workloads[key(kind, entry.pod.namespace, entry.pod.name)] = entry
      }
    }
    var covered: Set<String> = []
    for entry in podEntries where entry.workloadKind == nil {
      var pending = entry.owners.map { key($0.kind, entry.pod.namespace, $0.name) }
      while let owner = pending.popLast() {
        guard let workload = workloads[owner], covered.insert(owner).inserted else { continue }
        pending += workload.owners.map { key($0.kind, entry.pod.namespace, $0.name) }
      }
    }
    var pods: [Pod] = []
    var podOrigins: [String: Origin] = [:]
    var ipOrigins: [String: (String, Origin)] = [:]
    for entry in podEntries {
      if let kind = entry.workloadKind {
        let namespace = entry.pod.namespace
        if covered.contains(key(kind, namespace, entry.pod.name)) { continue }
        if entry.owners.contains(where: { workloads[key($0.kind, namespace, $0.name)] != nil }) {
          continue
        }
      }
      if let first = podOrigins[entry.pod.id] {
        duplicate(entry.origin, "pod \(quoted(entry.pod.id))", first: first)
        continue
      }
      if let ip = entry.pod.ip, let address = IPPrefix(ip) {
        let canonical = address.description
        if let (other, first) = ipOrigins[canonical] {
          let firstAt = first.location.map { " (\($0))" } ?? ""
          diagnostics.append(
            Diagnostic(
              location: entry.origin.location, path: DocumentReader.join(entry.origin.path, "ip"),
              message: "IP \(ip) is already used by pod \(quoted(other))\(firstAt)",
              excerpt: entry.origin.excerpt))
          continue
        }
        ipOrigins[canonical] = (entry.pod.id, entry.origin)
      }
      podOrigins[entry.pod.id] = entry.origin
      pods.append(entry.pod)
    }
    return Inventory(namespaces: namespaces, pods: pods, external: external, nodes: nodes)
  }
}
