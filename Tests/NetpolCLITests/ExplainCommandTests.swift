import Foundation
import Testing

/// issue 3 "Commands": `netpol explain`.
@Suite("netpol explain prints one flow's verdict as text, JSON or Hubble lines")
struct ExplainCommandTests {
  let s1 = [
    "explain", "--cluster", "examples/demo/cluster.yaml", "-f", "examples/demo/s1-demo-policy.yaml",
    "--from", "demo/client", "--to", "demo/server", "--port", "80",
  ]

  @Test("Text names the isolating policy and the missing label")  // scenarios.md S1
  func text() throws {
    let result = try runNetpol(s1)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.hasPrefix("DENIED: demo/client -> demo/server:80/TCP (dataplane kubernetes)\n"))
    #expect(result.stdout.contains("ingress at demo/server: isolated by demo/demo-policy"))
    #expect(
      result.stdout.contains(
        "demo/demo-policy spec.ingress[0].from[0] wants pods with app=client; demo/client has no label app"
      ))
  }

  @Test("JSON is one object whose verdict is allow or deny")  // issue 3 "-o json"
  func json() throws {
    let result = try runNetpol(s1 + ["-o", "json"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("{\"verdict\":\"deny\","))
    #expect(result.stdout.hasSuffix("}\n"))
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    #expect(object?["verdict"] as? String == "deny")
    #expect(
      (object?["ingress"] as? [String: Any])?["isolatedBy"] as? [String] == ["demo/demo-policy"])
  }

  // semantics.md §3; scenarios.md S6
  @Test("Hubble output is the policy-verdict line and the drop line")
  func hubble() throws {
    let result = try runNetpol(s1 + ["-o", "hubble"])
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines[0].hasSuffix("policy-verdict:none INGRESS DENIED (TCP Flags: SYN)"))
    #expect(lines[1].hasSuffix("Policy denied DROPPED (TCP Flags: SYN)"))
  }

  @Test("Unknown pods, unknown names and missing ports are errors")  // issue 3 "Bad references"
  func errors() throws {
    let base = ["explain", "--cluster", "examples/demo/cluster.yaml", "--from", "demo/client"]
    let pod = try runNetpol(base + ["--to", "demo/nope", "--port", "80"])
    #expect(pod.status == 1)
    #expect(
      pod.stderr
        == "netpol explain: unknown pod 'demo/nope': no pod with that namespace/name in the inventory\n"
    )
    let name = try runNetpol(base + ["--to", "bing.com", "--port", "443"])
    #expect(name.status == 1)
    #expect(name.stderr.contains("unknown endpoint 'bing.com'"))
    let port = try runNetpol(base + ["--to", "demo/server"])
    #expect(port.status == 64)
    #expect(port.stderr.contains("missing --port"))
    let range = try runNetpol(base + ["--to", "demo/server", "--port", "0"])
    #expect(range.status == 1)
    #expect(range.stderr == "netpol explain: port 0 is out of range (1-65535)\n")
  }

  @Test("ICMP takes --icmp-type instead of --port")  // semantics.md §2.7 icmps
  func icmp() throws {
    let result = try runNetpol([
      "explain", "--cluster", "examples/demo/cluster.yaml", "--from", "demo/client", "--to",
      "demo/server",
      "--protocol", "ICMP", "--icmp-type", "8",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("ALLOWED: demo/client -> demo/server ICMP type 8"))
  }
}
