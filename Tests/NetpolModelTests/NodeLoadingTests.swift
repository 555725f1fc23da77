import NetpolModel
import Testing

// Node objects and pod fields as `kubectl get -o yaml` prints them (core/v1 Node
// status.addresses, Pod spec.nodeName and spec.hostNetwork).
@Suite("Nodes and host-network pods are read from inventory files and kubectl dumps")
struct NodeLoadingTests {
  @Test("a kubectl dump with a Node and a host-network pod")
  func kubectl() {
    let text = """
      apiVersion: v1
      kind: List
      items:
      - apiVersion: v1
        kind: Node
        metadata:
          name: worker-1
          labels: {kubernetes.io/hostname: worker-1, role: worker}
        status:
          addresses:
          - {type: InternalIP, address: 192.168.1.10}
          - {type: Hostname, address: worker-1}
          - {type: ExternalIP, address: 203.0.113.10}
      - apiVersion: v1
        kind: Pod
        metadata: {name: agent, namespace: kube-system}
        spec: {nodeName: worker-1, hostNetwork: true, containers: [{name: a}]}
        status: {podIP: 192.168.1.10, phase: Running}
      """
    let result = Fixture.load(text)
    #expect(result.diagnostics.isEmpty)
    #expect(
      result.inventory.nodes == [
        ClusterNode(
          name: "worker-1", labels: ["kubernetes.io/hostname": "worker-1", "role": "worker"],
          ips: ["192.168.1.10", "203.0.113.10"])
      ])
    let pod = result.inventory.pod(id: "kube-system/agent")
    #expect(pod?.node == "worker-1")
    #expect(pod?.hostNetwork == true)
    #expect(pod?.ip == nil)
    #expect(pod.map { result.inventory.address(of: $0) } == "192.168.1.10")
  }

  @Test("an inventory file with nodes round-trips through the writer")
  func inventoryFile() throws {
    let text = """
      namespaces:
        - name: kube-system
      pods:
        - {namespace: kube-system, name: agent, node: n1, hostNetwork: true}
      nodes:
        - {name: n1, labels: {role: worker}, ips: [192.168.0.1]}
      """
    let result = Fixture.load(text)
    #expect(result.diagnostics.isEmpty)
    let written = YAMLWriter.inventory(result.inventory)
    #expect(written.contains("- {name: n1, labels: {role: worker}, ips: [192.168.0.1]}"))
    #expect(Fixture.load(written).inventory == result.inventory)
  }

  @Test("a host-network pod with its own ip, or a node with a bad address, is rejected")
  func badNodes() {
    let text = """
      pods:
        - {namespace: a, name: p, hostNetwork: true, ip: 10.0.0.1}
      nodes:
        - {name: n1, ips: [not-an-ip]}
      """
    #expect(
      Fixture.messages(text) == [
        "bad.yaml:2:52: pods[0].ip: a host-network pod has its node's address: give the node's "
          + "ips, not the pod's ip",
        "bad.yaml:4:22: nodes[0].ips[0]: invalid value \"not-an-ip\": must be a valid IP address, "
          + "(e.g. 10.9.8.7 or 2001:db8::ffff)",
      ])
  }
}
