import NetpolModel
import Testing

/// A pod of a kubectl dump with the given owner reference and labels.
private func pod(
  _ name: String, owner: (kind: String, name: String)? = nil, labels: String = "{app: web}"
) -> String {
  var text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \(name)\n  namespace: shop\n"
  text += "  labels: \(labels)\n"
  if let owner {
    text += "  ownerReferences:\n  - apiVersion: apps/v1\n    controller: true\n"
    text += "    kind: \(owner.kind)\n    name: \(owner.name)\n"
  }
  return text
}

/// The workloads of the pods of `documents` (joined as one YAML stream), by pod name.
private func workloads(_ documents: [String]) -> [String: WorkloadRef] {
  let result = PolicyLoader.load(text: documents.joined(separator: "---\n"), file: "dump.yaml")
  #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
  var byName: [String: WorkloadRef] = [:]
  for pod in result.inventory.pods { byName[pod.name] = pod.workload }
  return byName
}

// Kubernetes docs, "Deployments": the Deployment controller adds the pod-template-hash label to
// every ReplicaSet it creates and to its pods, and names the ReplicaSet
// `[DEPLOYMENT-NAME]-[HASH]`; pods are owned by the ReplicaSet ("Owners and Dependents").
@Suite("Each pod knows its workload, from its owner references as kubectl dumps give them")
struct PodWorkloadTests {
  @Test("a Deployment's pod, when only the pods are dumped: the ReplicaSet name minus the hash")
  func deploymentFromHash() {
    let found = workloads([
      pod(
        "web-5d8f7c-x2x9k", owner: ("ReplicaSet", "web-5d8f7c"),
        labels: "{app: web, pod-template-hash: 5d8f7c}")
    ])
    #expect(found["web-5d8f7c-x2x9k"] == WorkloadRef(kind: "Deployment", name: "web"))
  }

  @Test("a ReplicaSet in the dump leads to the Deployment that controls it")
  func deploymentThroughReplicaSet() {
    let replicaSet = """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: frontend-abc
        namespace: shop
        ownerReferences:
        - {apiVersion: apps/v1, controller: true, kind: Deployment, name: storefront}
      spec:
        template:
          metadata:
            labels: {app: web}

      """
    let found = workloads([
      replicaSet, pod("frontend-abc-1", owner: ("ReplicaSet", "frontend-abc")),
    ])
    #expect(found["frontend-abc-1"] == WorkloadRef(kind: "Deployment", name: "storefront"))
    #expect(found.count == 1, "the ReplicaSet's template pod is not added next to its pod")
  }

  @Test("a Job in the dump leads to the CronJob that controls it")
  func cronJobThroughJob() {
    let job = """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: report-28976
        namespace: shop
        ownerReferences:
        - {apiVersion: batch/v1, controller: true, kind: CronJob, name: report}
      spec:
        template:
          metadata:
            labels: {app: report}

      """
    let found = workloads([job, pod("report-28976-q7", owner: ("Job", "report-28976"))])
    #expect(found["report-28976-q7"] == WorkloadRef(kind: "CronJob", name: "report"))
  }

  @Test("StatefulSet and DaemonSet pods name their controller directly")
  func directControllers() {
    let found = workloads([
      pod("db-0", owner: ("StatefulSet", "db")),
      pod("exporter-7k2", owner: ("DaemonSet", "node-exporter")),
    ])
    #expect(found["db-0"] == WorkloadRef(kind: "StatefulSet", name: "db"))
    #expect(found["exporter-7k2"] == WorkloadRef(kind: "DaemonSet", name: "node-exporter"))
  }

  @Test("a pod without owner references but with a pod-template-hash label and name")
  func deploymentFromNameAndHash() {
    let found = workloads([pod("api-7d9f-abcde", labels: "{app: api, pod-template-hash: 7d9f}")])
    #expect(found["api-7d9f-abcde"] == WorkloadRef(kind: "Deployment", name: "api"))
  }

  @Test("a pod on its own is its own workload")
  func barePod() {
    let result = PolicyLoader.load(text: pod("debug"), file: "dump.yaml")
    #expect(result.inventory.pods.first?.controller == nil)
    #expect(result.inventory.pods.first?.workload == WorkloadRef(kind: "Pod", name: "debug"))
  }

  @Test("a Deployment without pods gives one template pod that belongs to it")
  func templatePod() {
    let deployment = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop}
      spec:
        template:
          metadata:
            labels: {app: web}

      """
    #expect(workloads([deployment])["web"] == WorkloadRef(kind: "Deployment", name: "web"))
  }
}

@Suite("The inventory format carries a pod's workload")
struct InventoryWorkloadTests {
  @Test("workload: {kind, name} is read, and written back by the inventory writer")
  func roundTrip() throws {
    let text = """
      pods:
        - {namespace: shop, name: web-1, workload: {kind: Deployment, name: web}}

      """
    let result = PolicyLoader.load(text: text, file: "cluster.yaml")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    let pod = try #require(result.inventory.pods.first)
    #expect(pod.controller == WorkloadRef(kind: "Deployment", name: "web"))
    let written = YAMLWriter.inventory(result.inventory)
    #expect(written.contains("workload: {kind: Deployment, name: web}"), "\(written)")
    let again = PolicyLoader.load(text: written, file: "again.yaml")
    #expect(again.inventory.pods == result.inventory.pods)
  }

  @Test("a workload kind that is not a controller is refused with its place")
  func badKind() {
    let text = "pods:\n  - {namespace: shop, name: a, workload: {kind: Service, name: web}}\n"
    #expect(
      Fixture.messages(text)
        == [
          "bad.yaml:2:49: pods[0].workload.kind: unsupported value \"Service\": supported "
            + "values: \"Deployment\", \"StatefulSet\", \"DaemonSet\", \"Job\", \"CronJob\", "
            + "\"ReplicaSet\", \"ReplicationController\""
        ])
  }
}
