import Foundation
import Testing

/// Cilium merges NetworkPolicies with its own rules (Cilium docs, Kubernetes policies), so an
/// L3/L4 DNS allow written as a NetworkPolicy lets lookups through without the DNS proxy: the
/// names resolve and toFQDNs learns nothing. NP004 must say that, not that lookups are dropped.
@Suite("NP004's headline matches its case when DNS is allowed by a NetworkPolicy")
struct FQDNLintCaseTests {
  @Test("a NetworkPolicy DNS allow next to toFQDNs is reported as allowed at L3/L4 only")
  func networkPolicyDNS() throws {
    let policies = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-dns, namespace: demo}
      spec:
        podSelector: {}
        policyTypes: [Egress]
        egress:
        - to:
          - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
            podSelector: {matchLabels: {k8s-app: kube-dns}}
          ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
      ---
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata: {name: fqdn, namespace: demo}
      spec:
        endpointSelector: {}
        egress:
        - toFQDNs: [{matchName: example.com}]
          toPorts: [{ports: [{port: "443", protocol: TCP}]}]

      """
    let directory = try makeTemporaryDirectory(files: ["p.yaml": policies])
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try runNetpol(["lint", "-f", directory.appendingPathComponent("p.yaml").path])
    #expect(result.stdout.contains("NP004 toFQDNs learns nothing: DNS is allowed at L3/L4 only"))
    #expect(!result.stdout.contains("the lookups are dropped"))
  }
}
