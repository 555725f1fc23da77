import Testing

@testable import NetpolModel

/// Expected text is the inventory format of issue 2 item 7 (docs/inventory.md), written by hand.
@Suite("An inventory is written in the inventory file format")
struct InventoryYAMLTests {
  @Test("the format's own example is reproduced byte for byte, wrapping the long pod entry")
  func formatExample() {
    let inventory = Inventory(
      namespaces: [Namespace(name: "demo", labels: ["team": "web"])],
      pods: [
        Pod(
          namespace: "demo", name: "server", labels: ["app": "server"], ip: "10.244.0.107",
          ports: [ContainerPort(name: "http", port: 80, protocol: .tcp)])
      ],
      external: [ExternalEndpoint(name: "google.com", isFQDN: true, ips: ["142.250.207.110"])])
    #expect(
      YAMLWriter.inventory(inventory) == """
        namespaces:
          - name: demo
            labels: {team: web}
        pods:
          - {namespace: demo, name: server, labels: {app: server}, ip: 10.244.0.107,
             ports: [{name: http, port: 80, protocol: TCP}]}
        external:
          - {fqdn: google.com, ips: [142.250.207.110]}

        """)
  }

  @Test("optional pod fields are left out and namespaces only named by pods are listed")
  func optionalFields() {
    let inventory = Inventory(
      pods: [
        Pod(namespace: "demo", name: "client"),
        Pod(
          namespace: "kube-system", name: "coredns",
          ports: [ContainerPort(port: 53, protocol: .udp)]),
      ])
    #expect(
      YAMLWriter.inventory(inventory) == """
        namespaces:
          - name: demo
          - name: kube-system
        pods:
          - {namespace: demo, name: client}
          - {namespace: kube-system, name: coredns, ports: [{port: 53, protocol: UDP}]}

        """)
  }

  @Test("namespace labels are sorted and quoted, without the automatic metadata.name label")
  func namespaceLabels() {
    // Namespace(name:labels:) adds kubernetes.io/metadata.name = name, as the API server does.
    let inventory = Inventory(
      namespaces: [Namespace(name: "a", labels: ["z": "1", "b": "y", "kubernetes.io/os": "x"])],
      external: [
        ExternalEndpoint(name: "office", isFQDN: false, ips: ["192.0.2.0/24"]),
        ExternalEndpoint(name: "dns6", isFQDN: false, ips: ["fd00::1"]),
        ExternalEndpoint(name: "api.example.com", isFQDN: true, ips: ["192.0.2.7", "2001:db8::7"]),
      ])
    #expect(
      YAMLWriter.inventory(inventory) == """
        namespaces:
          - name: a
            labels: {b: "y", kubernetes.io/os: x, z: "1"}
        pods: []
        external:
          - {name: office, cidr: 192.0.2.0/24}
          - {name: dns6, ip: "fd00::1"}
          - {fqdn: api.example.com, ips: [192.0.2.7, "2001:db8::7"]}

        """)
  }

  @Test("an empty inventory still names both required sections")
  func empty() {
    #expect(YAMLWriter.inventory(Inventory()) == "namespaces: []\npods: []\n")
  }
}
