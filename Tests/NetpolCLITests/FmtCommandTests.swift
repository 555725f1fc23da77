import Foundation
import Testing

/// The S1 policy in canonical form, written by hand (scenarios.md S1; key order as documented on
/// `YAMLWriter`: ports before from, protocol before port).
private let demoPolicy = """
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: demo-policy
    namespace: demo
  spec:
    podSelector:
      matchLabels:
        app: server
    ingress:
    - ports:
      - protocol: TCP
        port: 80
      from:
      - podSelector:
          matchLabels:
            app: client

  """

@Suite("netpol fmt prints canonical YAML")
struct FmtOutputTests {
  @Test("a canonical file comes out as it went in, without its comments")
  func canonicalFile() throws {
    let result = try runNetpol(["fmt", "-f", "examples/demo/s1-demo-policy.yaml"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == demoPolicy)
    #expect(result.stderr == "")
  }

  @Test("flow style, shuffled keys and JSON are rewritten into the canonical shape")
  func reshaped() throws {
    let shuffled = """
      kind: NetworkPolicy
      apiVersion: networking.k8s.io/v1
      metadata: {namespace: demo, name: demo-policy}
      spec:
        ingress:
          - from: [{podSelector: {matchLabels: {app: client}}}]
            ports: [{port: 80, protocol: TCP}]
        podSelector: {matchLabels: {app: server}}
      """
    let json = """
      {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
       "metadata": {"name": "demo-policy", "namespace": "demo"},
       "spec": {"podSelector": {"matchLabels": {"app": "server"}},
                "ingress": [{"ports": [{"protocol": "TCP", "port": 80}],
                             "from": [{"podSelector": {"matchLabels": {"app": "client"}}}]}]}}
      """
    for input in [shuffled, json] {
      let result = try runNetpol(["fmt", "-f", "-"], stdin: input)
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout == demoPolicy)
    }
  }

  @Test("several files become one stream separated by --- lines")
  func stream() throws {
    let result = try runNetpol([
      "fmt", "-f", "examples/demo/s1-demo-policy.yaml", "examples/demo/s4-allow-dns.yaml",
    ])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix(demoPolicy + "---\napiVersion: cilium.io/v2\n"))
  }

  @Test("the same file twice prints its policy once, with a warning (kubectl keeps one object)")
  func sameFileTwice() throws {
    let result = try runNetpol([
      "fmt", "-f", "examples/demo/s1-demo-policy.yaml", "examples/demo/s1-demo-policy.yaml",
    ])
    #expect(result.status == 0)
    #expect(result.stdout == demoPolicy)
    #expect(result.stderr.hasPrefix("warning: examples/demo/s1-demo-policy.yaml:"))
    #expect(result.stderr.contains(": duplicate NetworkPolicy demo/demo-policy: "))
  }

  @Test("formatting the output again changes nothing, for every example")
  func idempotent() throws {
    for directory in ["examples/demo", "examples/fixtures"] {
      let first = try runNetpol(["fmt", "-f", directory])
      #expect(first.status == 0, "\(first.stderr)")
      let second = try runNetpol(["fmt", "-f", "-"], stdin: first.stdout)
      #expect(second.status == 0, "\(second.stderr)")
      #expect(second.stdout == first.stdout)
    }
  }

  @Test("--inventory prints the demo cluster in the inventory format")
  func inventory() throws {
    // examples/demo/cluster.yaml without its comment, in the inventory format (issue 2 item 7).
    let result = try runNetpol(["fmt", "--inventory", "-f", "examples/demo/cluster.yaml"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout == """
        namespaces:
          - name: demo
          - name: kube-system
        pods:
          - {namespace: demo, name: server, labels: {app: server}, ip: 10.244.0.107,
             ports: [{name: http, port: 80, protocol: TCP}]}
          - {namespace: demo, name: client, ip: 10.244.0.108}
          - {namespace: demo, name: curl, labels: {app: client}, ip: 10.244.0.109}
          - {namespace: kube-system, name: coredns, labels: {k8s-app: kube-dns}, ip: 10.244.0.10,
             ports: [{name: dns, port: 53, protocol: UDP}, {name: dns-tcp, port: 53, protocol: TCP}]}
        external:
          - {fqdn: google.com, ips: [142.250.207.110]}
          - {fqdn: www.google.com, ips: [142.250.196.100]}
          - {fqdn: github.com, ips: [20.200.245.247]}
          - {fqdn: api.github.com, ips: [20.200.245.245]}
          - {fqdn: example.com, ips: [93.184.215.14]}
          - {fqdn: naver.com, ips: [223.130.200.236]}

        """)
  }

  @Test("an invalid file prints nothing and exits 1 with the problem")
  func invalid() throws {
    let result = try runNetpol(
      ["fmt", "-f", "-"], stdin: "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n")
    #expect(result.status == 1)
    #expect(result.stdout == "")
    #expect(result.stderr.hasPrefix("-:"))
  }
}

@Suite("netpol fmt --in-place rewrites policy files atomically")
struct FmtInPlaceTests {
  private let flowStyle = """
    # comments are not kept
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: demo-policy, namespace: demo}
    spec:
      podSelector: {matchLabels: {app: server}}
      ingress: [{from: [{podSelector: {matchLabels: {app: client}}}], ports: [{protocol: TCP, port: 80}]}]
    """

  @Test("a file is rewritten once, keeping its permissions, then left alone")
  func rewrite() throws {
    let directory = try makeTemporaryDirectory(files: ["policy.yaml": flowStyle])
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("policy.yaml")
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)

    let first = try runNetpol(["fmt", "--in-place", "-f", "policy.yaml"], in: directory)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout == "")
    #expect(first.stderr == "netpol fmt: 1 file reformatted, 0 unchanged\n")
    #expect(try String(contentsOf: file, encoding: .utf8) == demoPolicy)
    let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions]
    #expect((mode as? NSNumber)?.intValue == 0o640)

    let second = try runNetpol(["fmt", "--in-place", "-f", "."], in: directory)
    #expect(second.status == 0)
    #expect(second.stderr == "netpol fmt: 0 files reformatted, 1 unchanged\n")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(leftovers == ["policy.yaml"])
  }

  @Test("nothing is written when any file is invalid, holds an inventory or is JSON")
  func refusals() throws {
    let directory = try makeTemporaryDirectory(files: [
      "policy.yaml": flowStyle,
      "cluster.yaml": "pods:\n  - {namespace: demo, name: web}\n",
      "list.json": #"{"apiVersion": "v1", "kind": "List", "items": []}"#,
      "broken.yaml": "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n",
    ])
    defer { try? FileManager.default.removeItem(at: directory) }
    for name in ["cluster.yaml", "list.json", "broken.yaml"] {
      let result = try runNetpol(["fmt", "--in-place", "-f", "policy.yaml", name], in: directory)
      #expect(result.status == 1, "\(name)")
      #expect(result.stderr.contains(name), "\(name): \(result.stderr)")
      #expect(result.stderr.hasSuffix("netpol fmt: no file was changed\n"))
      let text = try String(
        contentsOf: directory.appendingPathComponent("policy.yaml"), encoding: .utf8)
      #expect(text == flowStyle)
    }
  }

  @Test("standard input and --inventory cannot be combined with --in-place (exit 64)")
  func usage() throws {
    #expect(try runNetpol(["fmt", "--in-place", "-f", "-"], stdin: "").status == 64)
    #expect(try runNetpol(["fmt", "--in-place", "--inventory", "-f", "examples"]).status == 64)
    #expect(try runNetpol(["fmt"]).status == 64)
  }
}
