import NetpolEngine
import NetpolModel
import NetpolViews
import Testing

/// Cilium merges every rule that selects a pod, NetworkPolicies included. When a rule without
/// L7 rules allows the same port and peer as a rule carrying `rules.dns`, Cilium adds a
/// wildcard DNS rule for it (`wildcardL3L4Rule` in `pkg/policy/repository.go`; Cilium docs,
/// Layer 7 policies: "If a layer 4 rule is specified in the policy, and a similar layer 4 rule
/// with layer 7 rules is also specified, then the layer 7 portions of the latter rule will have
/// no effect"). The proxy therefore answers every name; none is REFUSED.
@Suite("An L4-only DNS allow next to a rules.dns rule makes the DNS proxy answer every name")
struct CiliumDNSMergeTests {
  static let pods = [
    Fixture.pod("payments/gateway", ["app": "gateway"], ip: "10.0.0.5"),
    Fixture.pod(
      "kube-system/coredns", ["k8s-app": "kube-dns"], ip: "10.0.9.10",
      ports: [
        ContainerPort(name: "dns", port: 53, protocol: .udp),
        ContainerPort(name: "dns-tcp", port: 53),
      ]),
  ]
  static let namespaces = [
    Fixture.ns("payments", ["kubernetes.io/metadata.name": "payments"]),
    Fixture.ns("kube-system", ["kubernetes.io/metadata.name": "kube-system"]),
  ]
  static let external = [
    ExternalEndpoint(name: "example.com", isFQDN: true, ips: ["93.184.215.14"]),
    ExternalEndpoint(name: "payments.example.com", isFQDN: true, ips: ["93.184.215.20"]),
  ]
  /// A NetworkPolicy allowing egress to kube-dns on 53/UDP and 53/TCP, without L7 rules.
  static let plainDNS = Fixture.np(
    "payments/allow-dns", types: [.egress],
    egress: [
      NetworkPolicyRule(
        ports: [Fixture.port(53, .udp), Fixture.port(53, .tcp)],
        peers: [
          NetworkPolicyPeer(
            podSelector: Fixture.sel(["k8s-app": "kube-dns"]),
            namespaceSelector: Fixture.sel(["kubernetes.io/metadata.name": "kube-system"]))
        ])
    ])
  /// A CiliumNetworkPolicy whose DNS rule allows only payments.example.com, plus toFQDNs.
  static let narrowDNS = Fixture.cnp(
    "payments/fqdn",
    CiliumRule(
      endpointSelector: .everything,
      egress: [
        CiliumRuleEntry(
          endpoints: [
            Fixture.sel([
              "k8s:k8s-app": "kube-dns", "k8s:io.kubernetes.pod.namespace": "kube-system",
            ])
          ],
          toPorts: [
            PortRule(
              ports: [CiliumPort(port: "53", protocol: .any)],
              rules: L7Rules(dns: [FQDNSelector(matchName: "payments.example.com")]))
          ]),
        CiliumRuleEntry(
          fqdns: [FQDNSelector(matchPattern: "*example.com")],
          toPorts: [Fixture.toPorts("443", .tcp)]),
      ]))

  func world(_ policies: [PolicyResource]) -> World {
    World(
      namespaces: Self.namespaces, pods: Self.pods, external: Self.external, policies: policies)
  }

  @Test("the lookup of a name outside rules.dns is answered, not REFUSED, and toFQDNs learns it")
  func merged() {
    let explanation = world([Self.plainDNS, Self.narrowDNS]).explain(
      "payments/gateway", "example.com", 443)
    #expect(explanation.lookup?.outcome == .learned)
    #expect(explanation.verdict == .allow)
    #expect(explanation.text().contains("wildcard DNS rule"))
  }

  @Test("without the L4-only allow the same name is REFUSED by the proxy")
  func alone() {
    let explanation = world([Self.narrowDNS]).explain("payments/gateway", "example.com", 443)
    #expect(explanation.lookup?.outcome == .refused)
    #expect(explanation.verdict == .deny)
  }
}
