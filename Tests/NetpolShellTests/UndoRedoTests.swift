import NetpolModel
import Testing

@testable import NetpolShell

@Suite("undo and redo restore whole session states")
struct UndoRedoTests {
  @Test("undo reverts cluster and policy steps in reverse order; redo re-applies them")
  func undoRedo() {
    var shell = TestShell()
    let start = shell.state
    shell.ok("policy p -n demo")
    let afterPolicy = shell.state
    shell.ok("label demo/client app=client")
    #expect(shell.ok("undo").hasPrefix("undid: label demo/client app=client\n"))
    #expect(shell.state == afterPolicy)
    #expect(shell.ok("undo").hasPrefix("undid: policy p -n demo\n"))
    #expect(shell.state == start)
    #expect(shell.fail("undo").message == "nothing to undo")
    #expect(shell.ok("redo").hasPrefix("redid: policy p -n demo\n"))
    #expect(shell.state == afterPolicy)
    shell.ok("redo")
    #expect(shell.state.inventory.pod(id: "demo/client")?.labels == ["app": "client"])
    #expect(shell.fail("redo").message == "nothing to redo")
  }

  @Test("a new step after undo clears the redo stack")
  func newStepClearsRedo() {
    var shell = TestShell()
    shell.ok("ns add a")
    shell.ok("undo")
    shell.ok("ns add b")
    #expect(shell.fail("redo").message == "nothing to redo")
  }

  @Test("failed commands and views record no step")
  func failuresRecordNothing() {
    var shell = TestShell()
    shell.ok("ns add a")
    _ = shell.fail("ns add Bad!")
    shell.ok("cluster")
    shell.ok("policies")
    #expect(shell.interpreter.session.undoStack.map(\.command) == ["ns add a"])
  }

  @Test("undo and redo print the change preview of the reverted step (S1 label step)")
  func previewOnUndo() {
    var shell = TestShell()
    shell.ok("policy demo-policy -n demo")
    shell.ok("select app=server")
    shell.ok("allow ingress from pods app=client port 80/TCP")
    shell.ok("label demo/client app=client")
    // scenarios.md S1: labelling the client lets client -> server:80 through; undo denies it.
    #expect(
      shell.ok("undo")
        == "undid: label demo/client app=client\n1 flow now denied: demo/client -> demo/server 80/TCP\n"
    )
  }

  @Test("unsaved policies are those that differ from what was loaded or saved")
  func unsavedTracking() {
    let saved = PolicyResource.networkPolicy(
      NetworkPolicy(metadata: ObjectMeta(name: "kept", namespace: "demo")))
    var shell = TestShell(policies: [saved])
    #expect(shell.interpreter.session.unsavedPolicies.isEmpty)
    shell.ok("policy new -n demo")
    #expect(shell.interpreter.session.unsavedPolicies == ["demo/new"])
    shell.ok("undo")
    #expect(shell.interpreter.session.unsavedPolicies.isEmpty)
    shell.ok("policy kept")
    shell.ok("select app=x")
    #expect(shell.interpreter.session.unsavedPolicies == ["demo/kept"])
  }
}

@Suite("Every change prints one summary line of how the verdict matrix changed")
struct ChangePreviewTests {
  @Test("S1 step by step: the policy denies, select narrows, the label allows (scenarios.md S1)")
  func s1Steps() {
    var shell = TestShell()
    // K-DOC isolation: a policy selecting every pod of demo with no ingress rule isolates both
    // pods, so each one's ingress on the only declared port (server 80/TCP) is denied.
    #expect(
      shell.ok("policy demo-policy -n demo")
        == "created NetworkPolicy demo/demo-policy: selects every pod of demo and allows no "
        + "ingress until you add rules\n1 flow now denied: demo/client -> demo/server 80/TCP\n"
        // semantics.md §1.1 "ingress isolation": demo/server was open and is now selected by
        // demo/demo-policy (policyTypes [Ingress] by default, K-DEF); its one changed flow is the
        // one the summary lists. demo/client is isolated too but declares no port: no line.
        + "demo/server is now isolated for ingress by demo/demo-policy: 1 flow that was allowed "
        + "by default is now denied\n")
    #expect(
      shell.ok("select app=server")
        == "demo/demo-policy selects app=server (1 pod)\nno flow changed\n")
    #expect(
      shell.ok("allow ingress from pods app=client port 80/TCP")
        == "demo/demo-policy rule 1: allow ingress from pods app=client port 80/TCP\n"
        + "note: no pod in demo matches app=client yet\nno flow changed\n")
    #expect(
      shell.ok("label demo/client app=client")
        == "labelled demo/client app=client\n1 flow now allowed: demo/client -> demo/server 80/TCP\n"
    )
  }

  @Test("set preview off silences the summary line")
  func previewOff() {
    var shell = TestShell()
    #expect(shell.ok("set preview off") == "preview off\n")
    #expect(
      shell.ok("policy p -n demo")
        == "created NetworkPolicy demo/p: selects every pod of demo and allows no ingress until you add rules\n"
    )
  }

  @Test("long lists stop after three flows and point at diff")
  func truncation() {
    var inventory = s1Inventory()
    for index in 1...4 { inventory.pods.append(Pod(namespace: "demo", name: "c\(index)")) }
    var shell = TestShell(inventory: inventory)
    let output = shell.ok("policy p -n demo")
    #expect(
      output.contains(
        "\n5 flows now denied: demo/c1 -> demo/server 80/TCP, demo/c2 -> demo/server 80/TCP, "
          + "demo/c3 -> demo/server 80/TCP, ... (2 more; diff lists all)\n"))
    // semantics.md §1.1 "ingress isolation": p selects demo/server, so its 5 flows (client and
    // c1...c4 to 80/TCP, the count in the summary) are counted in the isolation notice.
    #expect(
      output.hasSuffix(
        "demo/server is now isolated for ingress by demo/p: 5 flows that were allowed by "
          + "default are now denied\n"))
  }

  @Test("cutting pods off from kube-dns adds a note offering allow-dns (scenarios.md S3)")
  func dnsHint() {
    var inventory = s1Inventory()
    inventory.pods.append(
      Pod(
        namespace: "kube-system", name: "coredns", labels: ["k8s-app": "kube-dns"],
        ports: [ContainerPort(port: 53, protocol: .udp)]))
    var shell = TestShell(inventory: inventory)
    shell.ok("policy p -n demo")
    shell.ok("select app=server")
    let output = shell.ok("allow egress to pods app=backend port 443")
    #expect(output.contains("1 flow now denied: demo/server -> kube-system/coredns 53/UDP\n"))
    #expect(output.contains("note: DNS lookups are now denied for demo/server; `recipe allow-dns`"))
  }
}
