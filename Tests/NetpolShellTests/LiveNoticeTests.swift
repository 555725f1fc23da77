import NetpolShell
import Testing

/// Without `use`, netpol evaluates with Cilium as soon as a Cilium policy has rules (see
/// Dataplanes in docs/semantics.md). On Cilium an ipBlock never matches pod IPs (Cilium docs,
/// Kubernetes policies: "ipBlock cannot select pod IPs"), so a 0.0.0.0/0 allow stops admitting
/// pods when the switch happens.
@Suite("An automatic dataplane switch is announced with its reason and the flows it changed")
struct DataplaneSwitchNoticeTests {
  private func shell() -> Interpreter {
    var interpreter = Interpreter()
    for command in [
      "pod add demo/client app=client --ip 10.244.0.8",
      "pod add demo/server app=server --ip 10.244.0.7 --port http:80/TCP",
      "policy open -n demo", "select app=client", "allow egress to cidr 0.0.0.0/0",
    ] {
      #expect(interpreter.execute(command).error == nil, "\(command)")
    }
    return interpreter
  }

  @Test("the first Cilium rule names the switch, its reason and the ipBlock flow it flipped")
  func announced() {
    var interpreter = shell()
    _ = interpreter.execute("policy web -n demo --kind cnp")
    _ = interpreter.execute("select app=server")
    let output = interpreter.execute("allow ingress from pods app=client port 80").output
    #expect(output.contains("dataplane: kubernetes -> cilium (demo/web is a Cilium policy"))
    #expect(output.contains("`use kubernetes` keeps kubernetes semantics"))
    #expect(
      output.contains(
        "1 flow changed because of the dataplane switch, not the policy: "
          + "demo/client -> demo/server 80/TCP (now deny)"))
  }

  @Test("removing the last Cilium rule switches back, and `use` silences the notice")
  func back() {
    var interpreter = shell()
    _ = interpreter.execute("policy web -n demo --kind cnp")
    _ = interpreter.execute("allow ingress from all")
    #expect(interpreter.execute("undo").output.contains("dataplane: cilium -> kubernetes"))
    var pinned = shell()
    _ = pinned.execute("use kubernetes")
    _ = pinned.execute("policy web -n demo --kind cnp")
    #expect(!pinned.execute("allow ingress from all").output.contains("dataplane:"))
  }
}

/// After each step the shell lints the policies the step changed and prints new findings.
@Suite("Live lint prints one line per new finding of the changed policies")
struct LiveLintTests {
  @Test("egress: [{}] in a CiliumNetworkPolicy is reported once, next to the DNS note")
  func emptyEntry() {
    var interpreter = Interpreter()
    _ = interpreter.execute("pod add demo/curl app=client --ip 10.244.0.9")
    _ = interpreter.execute(
      "pod add kube-system/coredns k8s-app=kube-dns --ip 10.244.0.10 --port dns:53/UDP")
    _ = interpreter.execute("policy allow-all-egress -n demo --kind cnp")
    let output = interpreter.execute("allow egress to {}").output
    let lines = output.split(separator: "\n").filter { $0.hasPrefix("lint: ") }
    #expect(lines.contains { $0.hasPrefix("lint: NP002 `egress: [{}]`") })
    #expect(output.contains("note: DNS lookups are now denied for demo/curl"))
    // The same findings are not repeated on the next step.
    let again = interpreter.execute("allow egress to pods app=client").output
    #expect(!again.contains("lint: NP002"))
  }

  @Test("toFQDNs without a DNS rule is reported while drafting")
  func fqdn() {
    var interpreter = Interpreter()
    _ = interpreter.execute("pod add demo/curl app=client --ip 10.244.0.9")
    _ = interpreter.execute("policy fq -n demo --kind cnp")
    let output = interpreter.execute("allow egress to fqdn github.com port 443").output
    #expect(output.contains("lint: NP004 toFQDNs without any DNS allow"))
  }

  @Test("a step that changes no policy lints nothing")
  func quiet() {
    var interpreter = Interpreter()
    _ = interpreter.execute("policy fq -n demo --kind cnp")
    _ = interpreter.execute("allow egress to fqdn github.com port 443")
    #expect(!interpreter.execute("pod add demo/other --ip 10.244.0.3").output.contains("lint:"))
  }
}
