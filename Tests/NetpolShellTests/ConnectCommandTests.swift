import NetpolShell
import Testing

/// `connect`, `observe` and `isolation` in the shell (issue 6), on the scenarios' clusters.
@Suite("connect simulates agnhost connect and observe prints the Hubble lines")
struct ConnectCommandTests {
  /// A shell on a fresh state after `commands` (each must succeed).
  private func shell(_ commands: [String]) -> Interpreter {
    var interpreter = Interpreter()
    for command in commands {
      let outcome = interpreter.execute(command)
      #expect(outcome.error == nil, "\(command): \(outcome.error?.message ?? "")")
    }
    return interpreter
  }

  private let s1 = [
    "pod add demo/server app=server --ip 10.244.0.107 --port http:80/TCP",
    "pod add demo/client --ip 10.244.0.108",
    "policy demo-policy -n demo", "select app=server",
    "allow ingress from pods app=client port 80/TCP",
  ]

  @Test("S1: the unlabelled client times out, and connects once labelled app=client")
  func s1Connect() {
    // scenarios.md S1: agnhost connect <ip>:80 --timeout=3s --protocol=tcp prints TIMEOUT.
    var interpreter = shell(s1)
    let denied = interpreter.execute("connect demo/client demo/server:80")
    #expect(
      denied.output.hasPrefix(
        "demo/client$ agnhost connect demo/server:80 --timeout=3s --protocol=tcp\nTIMEOUT\n"))
    let label = interpreter.execute("label demo/client app=client")
    #expect(label.output.contains("1 flow now allowed: demo/client -> demo/server 80/TCP"))
    let allowed = interpreter.execute("connect demo/client demo/server:80")
    #expect(allowed.output.contains("\nconnected to 10.244.0.107:80/TCP\n"))
  }

  @Test("a step that isolates a pod says so and counts the flows it denied")
  func isolationNotice() {
    var interpreter = shell(Array(s1.prefix(2)))
    let outcome = interpreter.execute("policy demo-policy -n demo")
    #expect(
      outcome.output.contains(
        "demo/server is now isolated for ingress by demo/demo-policy: 1 flow that was allowed by default is now denied"
      ))
    let table = interpreter.execute("isolation").output
    #expect(table.contains("demo/server  isolated by demo/demo-policy  open"))
  }

  @Test("S4/S6: github.com is dropped under *.github.com and observe prints Hubble's lines")
  func s4Observe() {
    var interpreter = shell([
      "use cilium", "pod add demo/curl app=client --ip 10.244.0.109",
      "pod add kube-system/coredns k8s-app=kube-dns --ip 10.244.0.10 --port dns:53/UDP",
      "external add github.com 20.200.245.247", "external add api.github.com 20.200.245.245",
      "policy fqdn -n demo --kind cnp", "select app=client",
      "allow egress to fqdn '*.github.com' port 443",
    ])
    // Without a DNS rule the lookup itself is dropped (scenarios.md S4).
    let blocked = interpreter.execute("connect demo/curl api.github.com:443")
    #expect(blocked.output.contains("DNS lookup of api.github.com failed"))
    _ = interpreter.execute("recipe allow-dns -n demo --kind cnp")
    let api = interpreter.execute("connect demo/curl api.github.com:443")
    #expect(api.output.contains("connected to 20.200.245.245:443/TCP"))
    let apex = interpreter.execute("connect demo/curl github.com:443")
    #expect(apex.output.contains("\nTIMEOUT\n"))
    let observed = interpreter.execute("observe").output
    // Hubble compact format: `<src> <srcIdentity> <> <dst> <dstIdentity> policy-verdict:none
    // EGRESS DENIED (TCP Flags: SYN)` then `Policy denied DROPPED`; names from the FQDN cache.
    // The third connection of the session has its own source port.
    #expect(
      observed.contains(
        "demo/curl:41236 (ID:6567) <> github.com:443 (world) policy-verdict:none EGRESS DENIED (TCP Flags: SYN)"
      ))
    #expect(
      observed.contains(
        "demo/curl:41236 (ID:6567) <> github.com:443 (world) Policy denied DROPPED (TCP Flags: SYN)"
      ))
  }

  @Test("bad targets are one-line errors")
  func errors() {
    var interpreter = shell(Array(s1.prefix(2)))
    #expect(interpreter.execute("connect demo/client demo/server").error != nil)
    #expect(interpreter.execute("connect demo/client demo/server:99999").error != nil)
    #expect(interpreter.execute("connect 10.0.0.1 demo/server:80").error != nil)
    #expect(interpreter.execute("observe").error?.message.contains("no connections yet") == true)
  }
}
