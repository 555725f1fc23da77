import Foundation
import FoundationEssentials
import NetpolModel

/// The workload a pod belongs to: its controller's kind and name, or the pod itself.
public struct WorkloadKey: Sendable, Hashable, Comparable {
  /// `Deployment`, `StatefulSet`, `DaemonSet`, `Job`, `CronJob` or `Pod`.
  public var kind: String
  /// The namespace.
  public var namespace: String
  /// The workload's name.
  public var name: String

  /// Creates a key.
  public init(kind: String, namespace: String, name: String) {
    self.kind = kind
    self.namespace = namespace
    self.name = name
  }

  /// `ns/name`.
  public var id: String { "\(namespace)/\(name)" }

  /// Orders by namespace, then name, then kind.
  public static func < (lhs: WorkloadKey, rhs: WorkloadKey) -> Bool {
    (lhs.namespace, lhs.name, lhs.kind) < (rhs.namespace, rhs.name, rhs.kind)
  }

  /// The workload of `pod`, read from the labels and name pattern controllers give their pods
  /// (Kubernetes docs, "Well-Known Labels, Annotations and Taints" and the controller pages):
  /// Deployment pods carry `pod-template-hash` and are named `NAME-HASH-xxxxx`; StatefulSet pods
  /// carry `statefulset.kubernetes.io/pod-name` and are named `NAME-N`; DaemonSet pods carry
  /// `pod-template-generation` and `controller-revision-hash` and are named `NAME-xxxxx`; Job pods
  /// carry `job-name` (or `batch.kubernetes.io/job-name`), and a CronJob's Job is named
  /// `CRONJOB-SCHEDULEDTIME`. Any other pod is its own workload.
  public static func of(_ pod: Pod) -> WorkloadKey {
    func key(_ kind: String, _ name: String) -> WorkloadKey {
      WorkloadKey(kind: kind, namespace: pod.namespace, name: name)
    }
    let labels = pod.labels
    if let hash = labels["pod-template-hash"], !hash.isEmpty,
      let range = pod.name.range(of: "-\(hash)-", options: .backwards)
    {
      return key("Deployment", String(pod.name[..<range.lowerBound]))
    }
    if labels["statefulset.kubernetes.io/pod-name"] == pod.name,
      let dash = pod.name.lastIndex(of: "-"), Int(pod.name[pod.name.index(after: dash)...]) != nil
    {
      return key("StatefulSet", String(pod.name[..<dash]))
    }
    if labels["pod-template-generation"] != nil, labels["controller-revision-hash"] != nil,
      let dash = pod.name.lastIndex(of: "-")
    {
      return key("DaemonSet", String(pod.name[..<dash]))
    }
    if let job = labels["batch.kubernetes.io/job-name"] ?? labels["job-name"], !job.isEmpty {
      if let dash = job.lastIndex(of: "-"), job.index(after: dash) < job.endIndex,
        job[job.index(after: dash)...].allSatisfy(\.isNumber),
        job[job.index(after: dash)...].count >= 8
      {
        return key("CronJob", String(job[..<dash]))
      }
      return key("Job", job)
    }
    return key("Pod", pod.name)
  }
}
