import Foundation
import Testing

/// A client pod, kube-dns, and two external names under example.com: one and two labels deep.
private let cluster = """
  namespaces:
    - name: demo
    - name: kube-system
  pods:
    - {namespace: demo, name: curl, labels: {app: client}, ip: 10.244.0.109}
    - {namespace: kube-system, name: coredns, labels: {k8s-app: kube-dns}, ip: 10.244.0.10,
       ports: [{name: dns, port: 53, protocol: UDP}]}
  external:
    - {fqdn: a.b.example.com, ips: [203.0.113.10]}
    - {fqdn: a.example.com, ips: [203.0.113.11]}
  """

/// app=client may reach `**.example.com` on 443; every DNS query goes through the DNS proxy.
private let policy = """
  apiVersion: cilium.io/v2
  kind: CiliumNetworkPolicy
  metadata:
    name: example-egress
    namespace: demo
  spec:
    endpointSelector:
      matchLabels:
        app: client
    egress:
    - toEndpoints:
      - matchLabels:
          k8s:io.kubernetes.pod.namespace: kube-system
          k8s:k8s-app: kube-dns
      toPorts:
      - ports:
        - port: "53"
          protocol: UDP
        rules:
          dns:
          - matchPattern: "*"
    - toFQDNs:
      - matchPattern: "**.example.com"
      toPorts:
      - ports:
        - port: "443"
          protocol: TCP
  """

/// Runs `netpol COMMAND --cluster cluster.yaml -f cnp.yaml ARGS...` on the fixture above.
private func run(_ command: String, _ args: [String]) throws -> (
  status: Int32, stdout: String, stderr: String
) {
  let directory = try makeTemporaryDirectory(files: ["cluster.yaml": cluster, "cnp.yaml": policy])
  defer { try? FileManager.default.removeItem(at: directory) }
  return try runNetpol(
    [command, "--cluster", "cluster.yaml", "-f", "cnp.yaml"] + args, in: directory)
}

/// `explain` from demo/curl to `destination` on 443/TCP, as JSON; returns the verdict.
private func verdict(to destination: String, _ args: [String] = []) throws -> String? {
  let result = try run(
    "explain", ["--from", "demo/curl", "--to", destination, "--port", "443", "-o", "json"] + args)
  #expect(result.status == 0, "\(result.stderr)")
  let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
  return object?["verdict"] as? String
}

@Suite("--cilium-version decides what a leading **. matches in matrix and explain")
struct CiliumVersionCommandTests {
  // semantics.md §2.9: `**.example.com` on <1.19 ≡ `*.example.com` (matches a.example.com, not
  // a.b.example.com); on 1.19+ it spans labels (a.b.example.com too).
  @Test("explain to a.b.example.com:443 is denied on 1.18 and allowed on 1.19 and by default")
  func explain() throws {
    #expect(try verdict(to: "a.b.example.com", ["--cilium-version", "1.18"]) == "deny")
    #expect(try verdict(to: "a.example.com", ["--cilium-version", "1.18"]) == "allow")
    #expect(try verdict(to: "a.b.example.com", ["--cilium-version", "1.19"]) == "allow")
    #expect(try verdict(to: "a.b.example.com") == "allow")
    // The patch level is ignored.
    #expect(try verdict(to: "a.b.example.com", ["--cilium-version", "1.18.6"]) == "deny")
  }

  @Test("the text explanation says which version treated **. as one label")
  func explainText() throws {
    let result = try run(
      "explain",
      [
        "--from", "demo/curl", "--to", "a.b.example.com", "--port", "443", "--cilium-version",
        "1.18",
      ]
    )
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("DENIED: demo/curl -> a.b.example.com:443/TCP"))
    #expect(result.stdout.contains("Cilium 1.18 treats a leading '**.' like '*.'"))
  }

  @Test("matrix columns follow the version")
  func matrix() throws {
    let old = try run("matrix", ["--port", "443", "-o", "csv", "--cilium-version", "1.18"])
    #expect(old.status == 0, "\(old.stderr)")
    #expect(old.stdout.contains("TCP,443,demo/curl,a.b.example.com,deny,false\n"))
    #expect(old.stdout.contains("TCP,443,demo/curl,a.example.com,allow,false\n"))
    let new = try run("matrix", ["--port", "443", "-o", "csv", "--cilium-version", "1.19"])
    #expect(new.stdout.contains("TCP,443,demo/curl,a.b.example.com,allow,false\n"))
  }

  @Test("isolation accepts the option")
  func isolation() throws {
    let result = try run("isolation", ["--cilium-version", "1.18", "-o", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("{\"name\":\"demo/curl\""))
    #expect(result.stdout.contains("\"ciliumVersion\":\"1.18\""))
  }
}

@Suite("a malformed --cilium-version is a usage error on every command that takes it")
struct CiliumVersionUsageTests {
  @Test(
    "exit 64 with the same message",
    arguments: [
      ("explain", "1.x"), ("matrix", "1"), ("isolation", "v1.18"), ("explain", "1.19-rc1"),
    ])
  func invalid(command: String, word: String) throws {
    var extra = ["--cilium-version", word]
    if command == "explain" {
      extra += ["--from", "demo/curl", "--to", "a.b.example.com", "--port", "443"]
    }
    let result = try run(command, extra)
    #expect(result.status == 64)
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr.hasPrefix("Error: invalid --cilium-version '\(word)': use X.Y, e.g. 1.18\n"))
  }

  @Test("lint shares the option and its message")
  func lint() throws {
    let directory = try makeTemporaryDirectory(files: ["cnp.yaml": policy])
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try runNetpol(
      ["lint", "-f", "cnp.yaml", "--cilium-version", "1.x"], in: directory)
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("Error: invalid --cilium-version '1.x': use X.Y, e.g. 1.18\n"))
  }
}

@Suite("--warm-fqdn-cache lets a flow to a raw address use the inventory's names")
struct WarmFQDNCacheCommandTests {
  // semantics.md §6 "Names": a flow to a raw IP performs no lookup and by default starts with an
  // empty cache, so toFQDNs does not match it; a warm cache is an option, and the verdict says
  // which model it used.
  @Test("203.0.113.10 (a.b.example.com) is denied by default and allowed with a warm cache")
  func warm() throws {
    #expect(try verdict(to: "203.0.113.10") == "deny")
    #expect(try verdict(to: "203.0.113.10", ["--warm-fqdn-cache"]) == "allow")
    let text = try run(
      "explain",
      ["--from", "demo/curl", "--to", "203.0.113.10", "--port", "443", "--warm-fqdn-cache"])
    #expect(text.stdout.contains("FQDN cache model: warm"))
  }
}
