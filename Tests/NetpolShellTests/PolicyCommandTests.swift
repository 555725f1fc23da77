import NetpolEngine
import NetpolModel
import Testing

@testable import NetpolShell

@Suite("Policy commands build NetworkPolicy objects step by step")
struct NetworkPolicyBuildingTests {
  @Test("S1 by hand: policy, select, allow from pods on a port")
  func s1Policy() {
    var shell = TestShell()
    shell.ok("policy demo-policy -n demo")
    shell.ok("select app=server")
    shell.ok("allow ingress from pods app=client port 80/TCP")
    // scenarios.md S1: podSelector app=server, ingress from podSelector app=client on 80/TCP.
    let expected = NetworkPolicy(
      metadata: ObjectMeta(name: "demo-policy", namespace: "demo"),
      spec: NetworkPolicySpec(
        podSelector: LabelSelector(matchLabels: ["app": "server"]),
        ingress: [
          NetworkPolicyRule(
            ports: [NetworkPolicyPort(protocol: .tcp, port: .number(80))],
            peers: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["app": "client"]))])
        ]))
    #expect(shell.draft == .networkPolicy(expected))
    #expect(shell.state.draft == "demo/demo-policy")
    #expect(shell.interpreter.prompt == "netpol demo/demo-policy> ")
  }

  @Test("each peer form maps to its NetworkPolicyPeer (semantics.md §1.2)")
  func peers() {
    var shell = TestShell()
    shell.ok("policy p -n demo")
    shell.ok("allow ingress from all")
    shell.ok("allow ingress from pods role=a in ns kube-system")
    shell.ok("allow ingress from ns team=x")
    shell.ok("allow egress to cidr 10.0.0.0/8 except 10.1.0.0/16 port 443 8000-8080/UDP http")
    shell.ok("allow egress to pods 'env in (prod, qa)'")
    guard case .networkPolicy(let policy) = shell.draft else {
      Issue.record("no NetworkPolicy draft")
      return
    }
    #expect(
      policy.spec.ingress == [
        NetworkPolicyRule(ports: nil, peers: nil),
        NetworkPolicyRule(peers: [
          NetworkPolicyPeer(
            podSelector: LabelSelector(matchLabels: ["role": "a"]),
            namespaceSelector: LabelSelector(matchLabels: [Namespace.nameLabel: "kube-system"]))
        ]),
        NetworkPolicyRule(peers: [
          NetworkPolicyPeer(namespaceSelector: LabelSelector(matchLabels: ["team": "x"]))
        ]),
      ])
    #expect(
      policy.spec.egress == [
        NetworkPolicyRule(
          ports: [
            NetworkPolicyPort(protocol: .tcp, port: .number(443)),
            NetworkPolicyPort(protocol: .udp, port: .number(8000), endPort: 8080),
            NetworkPolicyPort(protocol: .tcp, port: .name("http")),
          ],
          peers: [
            NetworkPolicyPeer(ipBlock: IPBlock(cidr: "10.0.0.0/8", except: ["10.1.0.0/16"]))
          ]),
        NetworkPolicyRule(peers: [
          NetworkPolicyPeer(
            podSelector: LabelSelector(matchExpressions: [
              LabelSelectorRequirement(key: "env", operator: .in, values: ["prod", "qa"])
            ]))
        ]),
      ])
  }

  @Test("a multi-word set selector needs no quotes")
  func setSelectorWithoutQuotes() {
    var shell = TestShell()
    shell.ok("policy p -n demo")
    shell.ok("select env in (prod, qa),!legacy")
    guard case .networkPolicy(let policy) = shell.draft else { return }
    #expect(
      policy.spec.podSelector
        == LabelSelector(matchExpressions: [
          LabelSelectorRequirement(key: "env", operator: .in, values: ["prod", "qa"]),
          LabelSelectorRequirement(key: "legacy", operator: .doesNotExist),
        ]))
  }

  @Test("Cilium-only peers, deny and ANY are refused on a NetworkPolicy with a clear error")
  func networkPolicyRefusals() {
    var shell = TestShell()
    shell.ok("policy p -n demo")
    let fqdnLine = "allow egress to fqdn example.com port 443"
    let fqdn = shell.fail(fqdnLine)
    #expect(fqdn.message.hasPrefix("a NetworkPolicy has no fqdn peers"))
    #expect(TestShell.underlined(fqdn, in: fqdnLine) == "fqdn example.com")
    #expect(
      shell.fail("allow egress to entity world").message.hasPrefix(
        "a NetworkPolicy has no entity peers"))
    #expect(shell.fail("deny egress to all").message.hasPrefix("a NetworkPolicy cannot deny"))
    #expect(
      shell.fail("allow egress to all port 53/ANY").message.hasPrefix(
        "protocol ANY exists only in Cilium"))
    #expect(
      shell.fail("allow egress to all port 53 dns '*'").message.hasPrefix(
        "dns rules need a Cilium kind"))
  }

  @Test("grammar errors underline the word that is wrong")
  func grammarErrors() {
    var shell = TestShell()
    shell.ok("policy p -n demo")
    let line = "allow ingress form pods app=x"
    let error = shell.fail(line)
    #expect(error.message == "expected `from` after `allow ingress`, got `form`")
    #expect(TestShell.underlined(error, in: line) == "form")
    #expect(
      shell.fail("allow sideways").message
        == "expected `ingress` or `egress` after `allow`, got `sideways`")
    #expect(
      shell.fail("allow ingress from").message
        == "expected a peer (pods, ns, cidr, fqdn, entity, all, {})")
    #expect(
      shell.fail("allow ingress from robots").message
        == "unknown peer `robots`; expected one of pods, ns, cidr, fqdn, entity, all, {}")
    #expect(
      shell.fail("allow ingress from all port").message == "expected PORT[/PROTO] after `port`")
    #expect(shell.fail("allow ingress from all port 0").message == "port 0 is outside 1-65535")
    #expect(
      shell.fail("allow ingress from all port 90-80").message
        == "invalid port range `90-80` (1-65535, start <= end)")
    #expect(
      shell.fail("allow ingress from all tcp").message
        == "unexpected `tcp`; a rule continues with `port` or `dns`")
    #expect(
      shell.fail("allow egress to cidr 10.0.0.0/33").message.hasPrefix("invalid CIDR `10.0.0.0/33`")
    )
    let selector = shell.fail("select =x")
    #expect(selector.message.hasPrefix("invalid selector `=x`"))
  }

  @Test("without a draft, building commands say how to start one")
  func noDraft() {
    var shell = TestShell()
    let error = shell.fail("select app=x")
    #expect(error.message == "no draft policy; create one with `policy NAME [-n NS]`")
    #expect(shell.fail("allow ingress from all").message == error.message)
    #expect(shell.fail("rule rm 1").message == error.message)
  }

  @Test("rule rm removes the numbered rule; an emptied list is omitted")
  func ruleRemove() {
    var shell = TestShell()
    shell.ok("policy p -n demo")
    shell.ok("allow ingress from pods a=b")
    shell.ok("allow egress to ns kube-system")
    #expect(shell.ok("show").contains("  2. allow egress to ns kube-system\n"))
    #expect(shell.ok("rule rm 1").hasPrefix("removed rule 1: allow ingress from pods a=b\n"))
    guard case .networkPolicy(let policy) = shell.draft else { return }
    #expect(policy.spec.ingress == nil)
    #expect(policy.spec.egress?.count == 1)
    #expect(shell.fail("rule rm 2").message == "no rule `2` (rules are 1-1)")
    #expect(shell.fail("rule rm x").message == "no rule `x` (rules are 1-1)")
  }

  @Test("adding an egress rule warns that the policy now isolates egress (scenarios.md S3)")
  func egressIsolationNote() {
    var shell = TestShell()
    shell.ok("policy p -n demo")
    let output = shell.ok("allow egress to pods app=server port 443")
    // K-DEF: policyTypes defaults to Ingress plus Egress once spec.egress is non-empty.
    #expect(output.contains("note: demo/p now isolates egress too"))
  }

  @Test("types sets policyTypes; an explicit list gains the direction of a new rule")
  func types() {
    var shell = TestShell()
    shell.ok("policy p -n demo")
    #expect(shell.ok("types egress").hasPrefix("demo/p isolates Egress\n"))
    shell.ok("allow ingress from all")
    guard case .networkPolicy(let policy) = shell.draft else { return }
    #expect(policy.spec.policyTypes == [.ingress, .egress])
    shell.ok("types default")
    guard case .networkPolicy(let reset) = shell.draft else { return }
    #expect(reset.spec.policyTypes == nil)
  }

  @Test("policy switches to an existing policy, refuses a different kind and bad names")
  func policySwitching() {
    var shell = TestShell()
    #expect(
      shell.ok("policy a -n demo").hasPrefix(
        "created NetworkPolicy demo/a: selects every pod of demo and allows no ingress until you add rules\n"
      ))
    shell.ok("policy b -n demo")
    #expect(shell.ok("policy a").hasPrefix("draft: demo/a (NetworkPolicy)\n"))
    #expect(shell.ok("policy a") == "demo/a is already the draft\n")
    #expect(
      shell.fail("policy a --kind cnp").message
        == "demo/a is a NetworkPolicy; rm it first or choose another name")
    #expect(shell.fail("policy Bad_Name").message.hasPrefix("invalid policy name `Bad_Name`"))
    #expect(
      shell.fail("policy x --kind weird").message
        == "unknown kind `weird` (networkpolicy, cnp, ccnp, anp, banp, cnp-admin or cnp-baseline)")
    #expect(
      shell.fail("policy x --kind ccnp -n demo").message
        == "a cluster-scoped policy has no namespace")
    shell.ok("policy a -n other")
    #expect(shell.fail("policy a").message == "`a` is ambiguous: demo/a, other/a; write NS/NAME")
    shell.ok("policy demo/a")
    #expect(shell.state.draft == "demo/a")
  }

  @Test("set namespace changes where new policies go")
  func defaultNamespace() {
    var shell = TestShell()
    shell.ok("policy a")
    #expect(shell.state.draft == "default/a")
    shell.ok("set namespace demo")
    shell.ok("policy b")
    #expect(shell.state.draft == "demo/b")
  }

  @Test("rm removes a policy and clears the draft; unknown names are errors")
  func remove() {
    var shell = TestShell()
    shell.ok("policy a -n demo")
    #expect(shell.ok("rm a").hasPrefix("removed NetworkPolicy demo/a\n"))
    #expect(shell.state.policies.isEmpty)
    #expect(shell.state.draft == nil)
    #expect(shell.fail("rm a").message == "no policy `a` (policies lists them)")
  }

  @Test("use picks a dataplane or auto; unknown names list the choices")
  func use() {
    var shell = TestShell()
    shell.ok("use cilium")
    #expect(shell.state.dataplane == .cilium)
    shell.ok("use auto")
    #expect(shell.state.dataplane == nil)
    #expect(shell.fail("use bpf").message.hasPrefix("unknown dataplane `bpf` (kubernetes, cilium,"))
  }

  @Test("policies lists every policy with draft and unsaved flags; show lists numbered rules")
  func listing() {
    var shell = TestShell()
    #expect(shell.ok("policies") == "no policies; create one with `policy NAME` or `load FILE`\n")
    shell.ok("policy demo-policy -n demo")
    shell.ok("select app=server")
    shell.ok("allow ingress from pods app=client port 80/TCP")
    #expect(
      shell.ok("policies")
        == "*  demo/demo-policy  NetworkPolicy  select app=server  1 rule  draft, unsaved\n")
    #expect(
      shell.ok("show") == """
        demo/demo-policy (NetworkPolicy, draft, unsaved)
          select app=server
          isolates Ingress (default)
          1. allow ingress from pods app=client port 80/TCP

        """)
    #expect(shell.fail("show nothing").message == "no policy `nothing` (policies lists them)")
  }
}
