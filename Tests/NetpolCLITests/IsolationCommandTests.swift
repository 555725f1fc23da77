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
    #expect(result.stdout.contains("demo/server          isolated  open"))
    #expect(result.stdout.contains("demo/client          open      open"))
    #expect(result.stdout.contains("demo/server is isolated for ingress by demo/demo-policy"))
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
        "{\"pod\":\"demo/curl\",\"ingress\":{\"isolated\":false,\"policies\":[]},\"egress\":{\"isolated\":false,\"policies\":[]}}"
      ))
    let cilium = try runNetpol([
      "isolation", "--cluster", "examples/demo/cluster.yaml", "-f", "examples/demo",
    ])
    #expect(
      cilium.stdout.contains(
        "demo/curl is isolated for egress by demo/allow-dns, demo/allow-egress-to-specific-domain"))
  }
}
