import Foundation

/// An `ownerReferences` entry of a cluster object.
struct OwnerRef: Hashable {
  var kind: String
  var name: String
  /// Whether the owner is the object's managing controller (`controller: true`).
  var controller = false
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

  struct PodEntry {
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
      var pod = entry.pod
      if pod.controller == nil {
        pod.controller = WorkloadResolver(workloads: workloads).workload(of: entry)
      }
      pods.append(pod)
    }
    return Inventory(namespaces: namespaces, pods: pods, external: external, nodes: nodes)
  }
}

/// Finds the workload of a pod read from a kubectl dump, as `kubectl` users name it: through the
/// controlling owner reference (a ReplicaSet leads to its Deployment, a Job to its CronJob, when
/// the dump holds them), else by the `pod-template-hash` label that a Deployment's ReplicaSet
/// adds to its name and its pods' labels.
struct WorkloadResolver {
  /// The workloads of the input by `KIND/NAMESPACE/NAME`.
  let workloads: [String: InventoryBuilder.PodEntry]

  /// The controller of `entry`'s pod; nil for a pod on its own.
  func workload(of entry: InventoryBuilder.PodEntry) -> WorkloadRef? {
    let pod = entry.pod
    let hash = pod.labels["pod-template-hash"].flatMap { $0.isEmpty ? nil : $0 }
    var current: OwnerRef
    if let kind = entry.workloadKind {
      current = OwnerRef(kind: kind, name: pod.name)
    } else if let owner = Self.controller(of: entry.owners) {
      current = owner
    } else if let hash, let range = pod.name.range(of: "-\(hash)-"), !range.isEmpty {
      // no owner references: the name is DEPLOYMENT-HASH-SUFFIX
      return WorkloadRef(kind: "Deployment", name: String(pod.name[..<range.lowerBound]))
    } else {
      return nil
    }
    for _ in 0..<4 {
      let key = "\(current.kind)/\(pod.namespace)/\(current.name)"
      if current.kind == "ReplicaSet" || current.kind == "Job",
        let parent = workloads[key].flatMap({ Self.controller(of: $0.owners) })
      {
        current = parent
        continue
      }
      if current.kind == "ReplicaSet", let hash, current.name.hasSuffix("-\(hash)"),
        current.name.count > hash.count + 1
      {
        return WorkloadRef(kind: "Deployment", name: String(current.name.dropLast(hash.count + 1)))
      }
      break
    }
    return WorkloadRef(kind: current.kind, name: current.name)
  }

  /// The owner marked `controller: true`, else the only owner.
  static func controller(of owners: [OwnerRef]) -> OwnerRef? {
    owners.first { $0.controller } ?? (owners.count == 1 ? owners[0] : nil)
  }
}
