import NetpolEngine
import NetpolModel
import Testing

@testable import NetpolShell

/// The demo-policy of the Kubernetes network-policy walkthrough: only pods with app=client may
/// reach app=server on 80/TCP (an ingress rule isolates the selected pods and allows only what
/// its peers and ports match).
private let serverPolicyLines = [
  "policy demo-policy -n demo", "select app=server",
  "allow ingress from pods app=client port 80/TCP",
]

@Suite("expect prints PASS or FAIL with the rules that decide the flow")
struct ExpectCommandTests {
  @Test("with no policy every flow is allowed: expect allow passes, expect deny fails")
  func noPolicy() {
    var shell = TestShell()
    let outcome = shell.interpreter.execute("expect allow demo/client demo/server 80/TCP")
    #expect(outcome.error == nil)
    #expect(outcome.expectation?.passed == true)
    #expect(outcome.output.hasPrefix("PASS: allow demo/client -> demo/server:80/TCP"))
    let failed = shell.interpreter.execute("expect deny demo/client demo/server 80")
    #expect(failed.expectation?.passed == false)
    #expect(
      failed.output.hasPrefix("FAIL: demo/client -> demo/server:80/TCP: expected deny, got allow"))
  }

  @Test("an unlabelled client is denied at the server's ingress, naming the isolating policy")
  func deniedByIsolation() {
    var shell = TestShell()
    for line in serverPolicyLines { shell.ok(line) }
    let outcome = shell.interpreter.execute("expect allow demo/client demo/server 80/TCP")
    #expect(outcome.expectation?.passed == false)
    #expect(
      outcome.output
        == "FAIL: demo/client -> demo/server:80/TCP: expected allow, got deny: "
        + "ingress at demo/server: isolated by demo/demo-policy, no rule allows\n")
    shell.ok("label demo/client app=client")
    let labelled = shell.interpreter.execute("expect allow demo/client demo/server 80/TCP")
    #expect(labelled.expectation?.passed == true)
    #expect(labelled.output.contains("allowed by demo/demo-policy spec.ingress[0]"))
  }

  @Test("a named container port of the destination stands for its number")
  func namedPort() {
    var shell = TestShell()
    for line in serverPolicyLines { shell.ok(line) }
    let outcome = shell.interpreter.execute("expect deny demo/client demo/server http")
    #expect(outcome.expectation?.passed == true)
    #expect(outcome.output.hasPrefix("PASS: deny demo/client -> demo/server:80/TCP"))
  }

  @Test("a wrong verdict word, pod or port is an error that changes nothing")
  func badInput() {
    var shell = TestShell()
    #expect(
      shell.fail("expect maybe demo/client demo/server 80").message.contains("allow` or `deny"))
    #expect(shell.fail("expect allow demo/nobody demo/server 80").message.contains("demo/nobody"))
    #expect(shell.fail("expect allow demo/client demo/server nope").message.contains("nope"))
    #expect(shell.fail("expect allow demo/client demo/server").message.contains("PORT"))
  }

  @Test("help and completion know the command")
  func catalogue() {
    let shell = TestShell()
    #expect(
      CommandCatalog.command(named: "expect")?.usage == ["expect allow|deny SRC DST PORT[/PROTO]"])
    let completer = shell.interpreter.completer
    #expect(completer.complete("expect ").candidates.contains("allow"))
    #expect(completer.complete("expect deny ").candidates.contains("demo/server"))
  }
}
