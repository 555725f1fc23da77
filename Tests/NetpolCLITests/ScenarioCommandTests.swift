import Foundation
import Testing

/// scenarios.md S1–S5 through `netpol matrix` and `netpol explain`.
@Suite("The scenarios give the documented verdicts through the one-shot commands")
struct ScenarioCommandTests {
  func verdict(_ args: [String]) throws -> String {
    let result = try runNetpol(["explain"] + args + ["-o", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    return object?["verdict"] as? String ?? "?"
  }

  @Test("S1: allowed without the policy, denied with it")  // scenarios.md S1
  func s1() throws {
    let base = [
      "--cluster", "examples/demo/cluster.yaml", "--from", "demo/client", "--to", "demo/server",
      "--port", "80",
    ]
    #expect(try verdict(base) == "allow")
    #expect(try verdict(base + ["-f", "examples/demo/s1-demo-policy.yaml"]) == "deny")
    #expect(
      try verdict(
        base.map { $0 == "demo/client" ? "demo/curl" : $0 } + [
          "-f", "examples/demo/s1-demo-policy.yaml",
        ]) == "allow")
  }

  // scenarios.md S2
  @Test("S2: only same-namespace frontends reach backend; backend egress is untouched")
  func s2() throws {
    let base = [
      "--cluster", "examples/scenarios/s2/cluster.yaml", "-f",
      "examples/scenarios/s2/backend-policy.yaml",
    ]
    #expect(
      try verdict(base + ["--from", "shop/frontend", "--to", "shop/backend", "--port", "8080"])
        == "allow")
    #expect(
      try verdict(base + ["--from", "other/frontend", "--to", "shop/backend", "--port", "8080"])
        == "deny")
    #expect(
      try verdict(base + ["--from", "shop/batch", "--to", "shop/backend", "--port", "8080"])
        == "deny")
    #expect(
      try verdict(base + ["--from", "shop/backend", "--to", "example.com", "--port", "443"])
        == "allow")
  }

  @Test("S3: the defaulted Egress type breaks DNS and the explanation says why")  // scenarios.md S3
  func s3() throws {
    let result = try runNetpol([
      "explain", "--cluster", "examples/scenarios/s3/cluster.yaml", "-f",
      "examples/scenarios/s3/allow-specific-pod.yaml", "--from", "shop/my-app", "--to",
      "kube-system/coredns", "--port", "53", "--protocol", "UDP",
    ])
    #expect(result.stdout.hasPrefix("DENIED: shop/my-app -> kube-system/coredns:53/UDP"))
    #expect(result.stdout.contains("policyTypes was omitted and egress rules exist"))
    #expect(result.stdout.contains("allow-dns"))
    let base = [
      "--cluster", "examples/scenarios/s3/cluster.yaml", "-f",
      "examples/scenarios/s3/allow-specific-pod.yaml",
    ]
    #expect(
      try verdict(base + ["--from", "shop/my-app", "--to", "shop/backend", "--port", "443"])
        == "allow")
    #expect(
      try verdict(base + ["--from", "shop/my-app", "--to", "example.com", "--port", "443"])
        == "deny")
  }

  @Test("S4: the FQDN expectations hold through the command line")  // scenarios.md S4
  func s4() throws {
    let base = [
      "--cluster", "examples/demo/cluster.yaml", "-f", "examples/demo/s4-allow-dns.yaml",
      "examples/demo/s4-allow-egress-to-specific-domain.yaml", "--from", "demo/curl",
    ]
    let expected = [
      ("google.com", "443", "allow"), ("www.google.com", "443", "allow"),
      ("naver.com", "443", "deny"),
      ("google.com", "80", "deny"), ("api.github.com", "443", "allow"),
      ("github.com", "443", "deny"),
    ]
    for (name, port, verdict) in expected {
      #expect(
        try self.verdict(base + ["--to", name, "--port", port]) == verdict, "\(name):\(port)")
    }
    let blocked = try runNetpol(
      [
        "explain", "--cluster", "examples/demo/cluster.yaml", "-f",
        "examples/demo/s4-allow-egress-to-specific-domain.yaml",
        "--from", "demo/curl", "--to", "google.com", "--port", "443",
      ])
    #expect(
      blocked.stdout.contains("lookup of google.com via kube-system/coredns (UDP 53): blocked"))
  }

  // scenarios.md S5
  @Test("S5: egress: [{}] in a CiliumNetworkPolicy denies all egress and names the fix")
  func s5() throws {
    let result = try runNetpol([
      "matrix", "--cluster", "examples/scenarios/s5/cluster.yaml", "-f",
      "examples/scenarios/s5/allow-all-egress.yaml", "--port", "80", "-o", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    // Sources demo/curl, demo/web, kube-system/coredns; only coredns (not in demo) may send.
    #expect(
      result.stdout.contains(
        "\"verdicts\":[\n[\"deny\",\"deny\",\"deny\",\"deny\"],\n[\"deny\",\"deny\",\"deny\",\"deny\"],\n[\"allow\",\"allow\",\"allow\",\"allow\"]]"
      ))
    let explain = try runNetpol([
      "explain", "--cluster", "examples/scenarios/s5/cluster.yaml", "-f",
      "examples/scenarios/s5/allow-all-egress.yaml", "--from", "demo/curl", "--to", "demo/web",
      "--port", "80",
    ])
    #expect(explain.stdout.contains("toEntities: [all]"))
  }
}
