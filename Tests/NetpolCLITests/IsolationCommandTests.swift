import Foundation
import Testing

/// `netpol isolation` (issue 6): per pod and direction, isolated or not and by which policies.
@Suite("netpol isolation shows which policies isolate which pods")
struct IsolationCommandTests {
  @Test("S1: demo-policy isolates demo/server for ingress only")
  func s1() throws {
    // semantics.md §1.1: a NetworkPolicy without egress rules isolates ingress only.
    let result = try runNetpol([
      "isolation", "--cluster", "examples/demo/cluster.yaml", "-f",
      "examples/demo/s1-demo-policy.yaml",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("isolation on kubernetes\n"))
    #expect(result.stdout.contains("demo/server          isolated by demo/demo-policy  open\n"))
    #expect(result.stdout.contains("demo/client          open                          open\n"))
  }

  @Test("json output, and Cilium policies are not applied on calico")
  func calico() throws {
    let result = try runNetpol([
      "isolation", "--cluster", "examples/demo/cluster.yaml", "-f", "examples/demo",
      "--dataplane", "calico", "-o", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.contains(
        "{\"name\":\"demo/curl\",\"pods\":1,\"ingress\":{\"isolated\":0,\"policies\":[]},\"egress\":{\"isolated\":0,\"policies\":[]}}"
      ))
    let cilium = try runNetpol([
      "isolation", "--cluster", "examples/demo/cluster.yaml", "-f", "examples/demo",
    ])
    #expect(
      cilium.stdout.contains(
        "demo/curl            open                          isolated by demo/allow-dns, demo/allow-egress-to-specific-domain"
      ))
  }

  @Test("Grouped by namespace, a row counts its isolated pods")
  func grouped() throws {
    // In examples/shop, default-deny-ingress selects every shop pod; payments' policy selects
    // only the 4 gateway pods of its 7.
    let result = try runNetpol([
      "isolation", "--cluster", "examples/shop/cluster.yaml", "-f", "examples/shop/policies.yaml",
      "--group-by", "namespace",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines[1].hasPrefix("NAMESPACE    INGRESS  ") && lines[1].hasSuffix("  EGRESS"))
    #expect(lines.contains { $0.hasPrefix("payments     4/7 pods isolated") })
    #expect(lines.contains { $0.hasPrefix("shop         isolated by shop/default-deny-ingress") })
    #expect(lines.contains { $0.hasPrefix("web-prod     open  ") && $0.hasSuffix("  open") })
  }
}
