import Foundation
import NetpolModel
import Testing

/// One pod as `kubectl get pod -o yaml` prints it (keys sorted), with the fields netpol skips
/// (annotations, env, probes, volumes, status conditions) around the ones it reads.
private func podYAML(_ index: Int) -> String {
  """
  apiVersion: v1
  kind: Pod
  metadata:
    annotations:
      prometheus.io/port: '9090'
    labels:
      app: web
      pod-template-hash: 5d8f7c
    managedFields:
    - manager: kubelet
      operation: Update
    name: web-5d8f7c-\(index)
    namespace: shop
    ownerReferences:
    - apiVersion: apps/v1
      controller: true
      kind: ReplicaSet
      name: web-5d8f7c
  spec:
    containers:
    - env:
      - name: A
        value: b
      livenessProbe:
        httpGet:
          port: 8080
      name: web
      ports:
      - containerPort: 8080
        name: http
        protocol: TCP
    volumes:
    - name: config
  status:
    conditions:
    - status: 'True'
      type: Ready
    phase: Running
    podIP: 10.0.\(index / 250).\(index % 250 + 1)

  """
}

@Suite("A kubectl dump with 100,000 documents loads")
struct ManyDocumentsTests {
  @Test("100,000 Namespace documents become 100,000 namespaces")
  func hundredThousandDocuments() {
    var text = ""
    text.reserveCapacity(6_000_000)
    for index in 0..<100_000 {
      text += "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-\(index)\n"
    }
    let result = PolicyLoader.load(text: text, file: "many.yaml")
    #expect(result.diagnostics.isEmpty)
    #expect(result.inventory.namespaces.count == 100_000)
    #expect(result.inventory.namespaces.last?.name == "ns-99999")
  }
}

@Suite("A kubectl dump reads the same as YAML and as JSON, skipping only what netpol ignores")
struct DumpFormatTests {
  @Test("the fields netpol reads survive skipping: labels, ports, address, in both formats")
  func podFields() throws {
    let yaml = podYAML(7)
    let result = PolicyLoader.load(text: yaml, file: "pod.yaml")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    let pod = try #require(result.inventory.pods.first)
    #expect(pod.id == "shop/web-5d8f7c-7")
    #expect(pod.labels == ["app": "web", "pod-template-hash": "5d8f7c"])
    #expect(pod.ip == "10.0.0.8")
    #expect(pod.ports.map(\.port) == [8080])
    #expect(pod.ports.map(\.name) == ["http"])
    let json = """
      {"apiVersion": "v1", "kind": "List", "items": [
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "web-5d8f7c-7", "namespace": "shop",
                      "labels": {"app": "web", "pod-template-hash": "5d8f7c"},
                      "managedFields": [{"manager": "kubelet"}]},
         "spec": {"containers": [{"name": "web", "env": [{"name": "A", "value": "b"}],
                   "ports": [{"containerPort": 8080, "name": "http", "protocol": "TCP"}]}]},
         "status": {"phase": "Running", "podIP": "10.0.0.8", "conditions": []}}]}
      """
    let fromJSON = PolicyLoader.load(text: json, file: "pod.json")
    #expect(fromJSON.diagnostics.isEmpty, "\(fromJSON.diagnostics)")
    #expect(fromJSON.inventory.pods == result.inventory.pods)
  }

  @Test("a duplicate key inside a skipped field is still found, with its place")
  func duplicateInSkippedField() {
    let text = podYAML(1).replacingOccurrences(
      of: "    operation: Update\n", with: "    operation: Update\n    manager: other\n")
    #expect(
      Fixture.messages(text)
        == ["bad.yaml:12:5: duplicate key \"manager\" (first written at line 10)"])
  }

  @Test("a duplicate key in JSON is reported at the second key")
  func duplicateInJSON() {
    let text = "{\"apiVersion\": \"v1\",\n \"kind\": \"Pod\",\n \"kind\": \"Pod\"}\n"
    #expect(
      Fixture.messages(text) == ["bad.yaml:3:2: duplicate key \"kind\" (first written at line 2)"])
  }

  @Test("JSON that is not valid is reported as the YAML parser sees it, with line and column")
  func brokenJSON() {
    let text = "{\"apiVersion\": \"v1\",\n \"kind\": \"Pod\"\n \"metadata\": {}}\n"
    let messages = Fixture.messages(text)
    #expect(messages.count == 1)
    #expect(messages.first?.hasPrefix("bad.yaml:3:2: invalid YAML: ") == true, "\(messages)")
  }

  @Test("a wrong type in a field netpol reads is still reported in JSON")
  func wrongTypeInJSON() {
    let text = """
      {"apiVersion": "v1", "kind": "Pod",
       "metadata": {"name": "a", "labels": {"app": 5}}}
      """
    #expect(
      Fixture.messages(text)
        == [
          "bad.yaml:2:46: metadata.labels.app: expected a string, found a number (quote it: \"5\")"
        ]
    )
  }
}
