import NetpolModel

/// How a matrix or list groups pods: one row per pod, per workload or per namespace.
public enum Grouping: String, Sendable, CaseIterable {
  /// One row and column per pod.
  case pod
  /// One per workload (Deployment, StatefulSet, DaemonSet, Job, CronJob, or a bare pod).
  case workload
  /// One per namespace.
  case namespace
}

/// The inventory indexed for views: pods by id, each pod's workload, workloads by name.
public struct ViewScope: Sendable {
  /// The inventory.
  public let inventory: Inventory
  private let podsByID: [String: Int]
  private let workloads: [WorkloadKey]
  private let workloadsByID: [String: WorkloadKey]
  private let workloadsByName: [String: [WorkloadKey]]
  private let workloadSizes: [WorkloadKey: Int]
  /// Namespace names.
  public let namespaces: Set<String>
  /// External endpoint names.
  public let externalNames: Set<String>

  /// Indexes `inventory`.
  public init(_ inventory: Inventory) {
    self.inventory = inventory
    var byID: [String: Int] = [:]
    var keys: [WorkloadKey] = []
    var byWorkloadID: [String: WorkloadKey] = [:]
    var byName: [String: [WorkloadKey]] = [:]
    var sizes: [WorkloadKey: Int] = [:]
    keys.reserveCapacity(inventory.pods.count)
    for (index, pod) in inventory.pods.enumerated() {
      byID[pod.id] = index
      let key = Self.workload(of: pod)
      keys.append(key)
      sizes[key, default: 0] += 1
      if key.kind != "Pod", byWorkloadID[key.id] == nil {
        byWorkloadID[key.id] = key
        byName[key.name, default: []].append(key)
      }
    }
    podsByID = byID
    workloads = keys
    workloadsByID = byWorkloadID
    workloadsByName = byName
    workloadSizes = sizes
    namespaces = Set(inventory.namespaces.map(\.name) + inventory.pods.map(\.namespace))
    externalNames = Set(inventory.external.map(\.name))
  }

  /// The workload of a pod; the one place views learn it.
  static func workload(of pod: Pod) -> WorkloadKey { WorkloadKey.of(pod) }

  /// The pod with id `ns/name`.
  public func pod(id: String) -> Pod? { podsByID[id].map { inventory.pods[$0] } }

  /// The workload of a pod of the inventory.
  public func workload(of pod: Pod) -> WorkloadKey {
    podsByID[pod.id].map { workloads[$0] } ?? Self.workload(of: pod)
  }

  /// The workload `ns/name`, or the only workload called `name`; `nil` when none or several.
  public func workload(named text: String) -> WorkloadKey? {
    if let key = workloadsByID[text] { return key }
    guard let keys = workloadsByName[text], keys.count == 1 else { return nil }
    return keys[0]
  }

  /// Number of pods of a workload.
  public func size(of workload: WorkloadKey) -> Int { workloadSizes[workload] ?? 0 }

  /// Whether any pod belongs to a controller (so workload grouping says more than pods).
  public var hasWorkloads: Bool { workloads.contains { $0.kind != "Pod" } }

  /// The row or column label of a pod id or external name under `grouping`.
  public func group(of id: String, by grouping: Grouping) -> String {
    guard grouping != .pod, let pod = pod(id: id) else { return id }
    return grouping == .namespace ? pod.namespace : workload(of: pod).id
  }
}
