import NetpolModel
import Testing

@testable import NetpolShell

@Suite("matrix, explain and diff show verdicts and changes")
struct ViewCommandTests {
  @Test("matrix prints one table per declared port, self traffic marked")
  func matrix() {
    var shell = TestShell()
    // semantics.md §1.1: with no policy nothing is isolated, so every flow is allowed.
    #expect(
      shell.ok("matrix") == """
        80/TCP on kubernetes
        from \\ to    demo/client  demo/server
        demo/client  #            .
        demo/server  .            #

        . allowed   X denied   # a pod to itself (implementation-defined)

        """)
  }

  @Test("matrix filters rows and columns and takes explicit ports")
  func matrixFilters() {
    var shell = TestShell()
    shell.ok("policy demo-policy -n demo")
    shell.ok("select app=server")
    #expect(
      shell.ok("matrix --port 8080/UDP --from demo/client --to app=server") == """
        8080/UDP on kubernetes
        from \\ to    demo/server
        demo/client  X

        . allowed   X denied   # a pod to itself (implementation-defined)

        """)
    #expect(
      shell.ok("matrix --port 80 --from demo --to demo/client")
        == "80/TCP on kubernetes\nfrom \\ to    demo/client\ndemo/client  #\ndemo/server  .\n\n"
        + ". allowed   X denied   # a pod to itself (implementation-defined)\n")
    #expect(
      shell.fail("matrix --port http").message
        == "expected PORT[/PROTO] with PORT 1-65535, got `http`")
    #expect(
      shell.fail("matrix --from demo/nobody").message
        == "no namespace, workload, pod or external endpoint `demo/nobody` in the cluster")
    #expect(shell.fail("matrix --sideways").message.hasPrefix("unexpected `--sideways`"))
  }

  @Test("explain names the isolating policy and the missing label (scenarios.md S1)")
  func explain() {
    var shell = TestShell()
    shell.ok("policy demo-policy -n demo")
    shell.ok("select app=server")
    shell.ok("allow ingress from pods app=client port 80/TCP")
    let text = shell.ok("explain demo/client demo/server 80/TCP")
    #expect(text.contains("DENIED"))
    #expect(text.contains("demo/demo-policy"))
    #expect(text.contains("app=client"))
    #expect(shell.ok("explain demo/client 10.0.0.2 80 --hubble").contains("DROPPED"))
    #expect(shell.ok("explain demo/client demo/server 80/TCP --json").hasPrefix("{"))
  }

  @Test("explain errors underline the unknown endpoint or bad port")
  func explainErrors() {
    var shell = TestShell()
    let line = "explain demo/nobody demo/server 80/TCP"
    let error = shell.fail(line)
    #expect(error.message.hasPrefix("unknown pod 'demo/nobody'"))
    #expect(TestShell.underlined(error, in: line) == "demo/nobody")
    #expect(
      shell.fail("explain demo/client demo/server 80/XTP").message
        == "unknown protocol `XTP` (TCP, UDP or SCTP)")
    #expect(
      shell.fail("explain demo/client demo/server").message
        == "expected PORT[/PROTO] or a port name, e.g. 80/TCP or http")
  }

  @Test("diff shows the last step's command, object changes and every flow that changed")
  func diff() {
    var shell = TestShell()
    #expect(shell.fail("diff").message == "nothing changed yet")
    shell.ok("policy demo-policy -n demo")
    shell.ok("select app=server")
    #expect(
      shell.ok("diff") == """
        last step: select app=server
        changed NetworkPolicy demo/demo-policy:
          -   podSelector: {}
          +   podSelector:
          +     matchLabels:
          +       app: server
        no flow changed

        """)
    shell.ok("allow ingress from pods app=client port 80/TCP")
    shell.ok("label demo/client app=client")
    #expect(
      shell.ok("diff") == """
        last step: label demo/client app=client
        pod demo/client labels: +app=client
          now allowed  demo/client -> demo/server 80/TCP

        """)
  }
}
