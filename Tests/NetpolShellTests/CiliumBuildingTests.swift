import NetpolModel
import Testing

@testable import NetpolShell

@Suite("Policy commands build Cilium policies with Cilium's own peer fields")
struct CiliumBuildingTests {
  private func rule(_ shell: TestShell) -> CiliumRule? {
    guard case .cilium(let policy) = shell.draft else { return nil }
    return policy.spec
  }

  @Test("S4 allow-dns: kube-dns in kube-system on 53/ANY with a DNS rule (scenarios.md S4)")
  func allowDNS() {
    var shell = TestShell()
    shell.ok("policy allow-dns -n demo --kind cnp")
    shell.ok("allow egress to pods k8s-app=kube-dns in ns kube-system port 53/ANY dns '*'")
    let expected = CiliumRule(
      endpointSelector: .everything,
      egress: [
        CiliumRuleEntry(
          endpoints: [
            LabelSelector(matchLabels: [
              "k8s:io.kubernetes.pod.namespace": "kube-system", "k8s-app": "kube-dns",
            ])
          ],
          toPorts: [
            PortRule(
              ports: [CiliumPort(port: "53", protocol: .any)],
              rules: L7Rules(dns: [FQDNSelector(matchPattern: "*")]))
          ])
      ])
    #expect(rule(shell) == expected)
  }

  @Test("S4 FQDN egress: names and patterns become matchName and matchPattern")
  func fqdn() {
    var shell = TestShell()
    shell.ok("policy allow-egress-to-specific-domain -n demo --kind cnp")
    shell.ok("select app=client")
    shell.ok(
      "allow egress to fqdn example.com google.com '*.google.com' '*.github.com' port 443/TCP")
    let entry = CiliumRuleEntry(
      fqdns: [
        FQDNSelector(matchName: "example.com"), FQDNSelector(matchName: "google.com"),
        FQDNSelector(matchPattern: "*.google.com"), FQDNSelector(matchPattern: "*.github.com"),
      ],
      toPorts: [PortRule(ports: [CiliumPort(port: "443", protocol: .tcp)])])
    #expect(rule(shell)?.endpointSelector == LabelSelector(matchLabels: ["app": "client"]))
    #expect(rule(shell)?.egress == [entry])
  }

  @Test("all egress is toEntities [all], never an empty entry (semantics.md §6)")
  func allEgress() {
    var shell = TestShell()
    shell.ok("policy everything -n demo --kind cnp")
    shell.ok("allow egress to all")
    #expect(rule(shell)?.egress == [CiliumRuleEntry(entities: ["all"])])
  }

  @Test("ns, cidr, except and entity peers; deny rules go to ingressDeny/egressDeny")
  func otherPeers() {
    var shell = TestShell()
    shell.ok("policy p -n demo --kind cnp")
    shell.ok("allow ingress from ns team=web")
    shell.ok("allow ingress from entity host remote-node")
    shell.ok("deny egress to cidr 10.0.0.0/8")
    shell.ok("deny ingress from cidr 10.0.0.0/8 except 10.1.0.0/16 port 22")
    let spec = rule(shell)
    #expect(
      spec?.ingress == [
        CiliumRuleEntry(endpoints: [
          LabelSelector(matchLabels: ["k8s:io.cilium.k8s.namespace.labels.team": "web"])
        ]),
        CiliumRuleEntry(entities: ["host", "remote-node"]),
      ])
    #expect(spec?.egressDeny == [CiliumRuleEntry(cidr: ["10.0.0.0/8"])])
    #expect(
      spec?.ingressDeny == [
        CiliumRuleEntry(
          cidrSet: [CIDRRule(cidr: "10.0.0.0/8", except: ["10.1.0.0/16"])],
          toPorts: [PortRule(ports: [CiliumPort(port: "22", protocol: .tcp)])])
      ])
    #expect(
      shell.ok("show").contains(
        "  3. deny ingress from cidr 10.0.0.0/8 except 10.1.0.0/16 port 22/TCP\n"))
  }

  @Test("Cilium refusals: fqdn on ingress or deny, dns without a port, unknown entities")
  func refusals() {
    var shell = TestShell()
    shell.ok("policy p -n demo --kind cnp")
    #expect(
      shell.fail("allow ingress from fqdn a.com").message
        == "fqdn peers exist only on egress (toFQDNs)")
    #expect(
      shell.fail("deny egress to fqdn a.com").message
        == "Cilium deny rules cannot use toFQDNs; deny by cidr")
    #expect(
      shell.fail("allow egress to all dns '*'").message == "dns rules need a port, e.g. port 53/ANY"
    )
    #expect(
      shell.fail("allow ingress from all port 53 dns x").message
        == "dns rules exist only on allow egress rules")
    #expect(shell.fail("allow ingress from entity moon").message.hasPrefix("unknown entity `moon`"))
    #expect(shell.fail("types egress").message.hasPrefix("types applies to NetworkPolicy"))
  }

  @Test("a clusterwide policy has no namespace and is named without one")
  func clusterwide() {
    var shell = TestShell()
    shell.ok("policy global --kind ccnp")
    #expect(shell.state.draft == "global")
    #expect(shell.draft?.metadata.namespace == nil)
    #expect(shell.draft?.isClusterScoped == true)
  }

  @Test("a Cilium draft without rules is listed as not applied and cannot be saved")
  func emptyDraft() {
    var shell = TestShell()
    shell.ok("policy p -n demo --kind cnp")
    #expect(shell.ok("policies").contains("no rules, not applied"))
    #expect(shell.fail("save /tmp/never-written.yaml").message.hasPrefix("demo/p has no rules"))
  }
}
