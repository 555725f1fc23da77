import Foundation
import Testing

/// The environment of a shell under test: a private HOME and XDG_STATE_HOME, no colour.
private func environment(state: URL) -> [String: String] {
  [
    "TERM": "xterm", "LANG": "C.UTF-8", "HOME": state.path, "XDG_STATE_HOME": state.path,
    "XDG_CONFIG_HOME": state.path, "NO_COLOR": "1",
    "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
  ]
}

private func openShell(state: URL, arguments: [String] = ["shell"]) throws -> PseudoTerminal {
  try PseudoTerminal(
    try CLIRunner.binary().path, arguments: arguments, environment: environment(state: state))
}

@Suite("The shell on a real terminal (pty): completion, history, Ctrl-C, Ctrl-D", .serialized)
struct ShellPtyTests {
  @Test("Tab completes a command, a pod and lists ambiguous choices")
  func tabCompletion() throws {
    let state = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let tty = try openShell(state: state)
    try tty.expect("netpol shell on the demo cluster")
    // The banner names the dataplane: no Cilium policy yet, so kubernetes.
    try tty.expect("dataplane: kubernetes (automatic")
    try tty.expectPrompt("netpol> ")
    tty.send("lab\t")
    tty.send("demo/cl\t")
    tty.send("app=client\r")
    try tty.expect("labelled demo/client app=client")
    try tty.expectPrompt("netpol> ")
    tty.send("po\t")
    try tty.expect("policies")
    try tty.waitUntilRaw()
    tty.send("licies\r")
    try tty.expect("no policies; create one with `policy NAME` or `load FILE`")
    try tty.expectPrompt("netpol> ")
    // The label is an unsaved cluster edit.
    tty.send("quit --force\r")
    #expect(tty.waitForExit() == 0)
  }

  @Test("up-arrow recalls a command from the history of an earlier run")
  func historyAcrossRuns() throws {
    let state = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    do {
      let first = try openShell(state: state)
      try first.expectPrompt("netpol> ")
      first.send("ns add histtest\r")
      try first.expect("added namespace histtest")
      try first.expectPrompt("netpol> ")
      first.send("quit --force\r")
      #expect(first.waitForExit() == 0)
    }
    let file = state.appendingPathComponent("netpol/history")
    #expect(FileManager.default.fileExists(atPath: file.path))
    let second = try openShell(state: state)
    try second.expectPrompt("netpol> ")
    // The last entry is `quit`; the one before it is the namespace command.
    second.send("\u{1B}[A\u{1B}[A")
    second.send("\r")
    try second.expect("added namespace histtest")
    try second.expectPrompt("netpol> ")
    second.send("\u{04}")
    try second.expect("unsaved cluster edits")
    second.send("y\r")
    #expect(second.waitForExit() == 0)
  }

  @Test("Ctrl-R searches the history backwards")
  func ctrlR() throws {
    let state = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let tty = try openShell(state: state)
    try tty.expectPrompt("netpol> ")
    tty.send("ns add searched\r")
    try tty.expect("added namespace searched")
    try tty.expectPrompt("netpol> ")
    tty.send("cluster\r")
    try tty.expect("namespaces:")
    try tty.expectPrompt("netpol> ")
    tty.send("\u{12}")
    try tty.expect("bck:")
    tty.send("searched")
    try tty.expect("ns add searched")
    tty.send("\r")
    try tty.expect("relabelled namespace searched")
    try tty.expectPrompt("netpol> ")
    tty.send("\u{04}")
    try tty.expect("unsaved cluster edits")
    tty.send("y\r")
    #expect(tty.waitForExit() == 0)
  }

  @Test("Ctrl-C cancels the line being typed and the shell keeps running")
  func ctrlC() throws {
    let state = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let tty = try openShell(state: state)
    try tty.expectPrompt("netpol> ")
    tty.send("ns add half")
    try tty.expect("ns add half")
    tty.send("\u{03}")
    try tty.expect("^C")
    try tty.expectPrompt("netpol> ")
    tty.send("cluster\r")
    try tty.expect("namespaces:")
    try tty.expectPrompt("netpol> ")
    tty.send("\u{04}")
    #expect(tty.waitForExit() == 0)
    #expect(!tty.transcript.contains("added namespace half"))
  }

  @Test("Ctrl-D on an empty line leaves at once when nothing is unsaved")
  func ctrlDClean() throws {
    let state = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let tty = try openShell(state: state)
    try tty.expectPrompt("netpol> ")
    tty.send("\u{04}")
    #expect(tty.waitForExit() == 0)
    #expect(!tty.transcript.contains("quit anyway"))
  }

  @Test("Ctrl-D with unsaved policies asks once: n keeps the session, y leaves")
  func ctrlDUnsaved() throws {
    let state = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let tty = try openShell(state: state)
    try tty.expectPrompt("netpol> ")
    tty.send("policy p -n demo\r")
    try tty.expect("created NetworkPolicy demo/p")
    try tty.expectPrompt("netpol demo/p> ")
    tty.send("\u{04}")
    try tty.expectPrompt("1 unsaved policy (demo/p); quit anyway? [y/N] ")
    tty.send("n\r")
    try tty.expect("not quitting")
    try tty.expectPrompt("netpol demo/p> ")
    tty.send("\u{04}")
    try tty.expectPrompt("quit anyway? [y/N] ")
    tty.send("y\r")
    #expect(tty.waitForExit() == 0)
  }

  @Test("an error underlines the offending word under the typed line")
  func caret() throws {
    let state = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let tty = try openShell(state: state)
    try tty.expectPrompt("netpol> ")
    tty.send("label demo/nobody a=b\r")
    try tty.expect("              ^~~~~~~~~~~\nerror: no pod `demo/nobody` in the cluster")
    try tty.expectPrompt("netpol> ")
    tty.send("\u{04}")
    #expect(tty.waitForExit() == 0)
  }

  @Test("netpol without a subcommand opens the shell on a terminal")
  func bareCommand() throws {
    let state = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let tty = try openShell(state: state, arguments: [])
    try tty.expect("netpol shell on the demo cluster")
    try tty.expectPrompt("netpol> ")
    tty.send("\u{04}")
    #expect(tty.waitForExit() == 0)
  }

  @Test("colour appears on a terminal unless NO_COLOR is set")
  func colour() throws {
    let state = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    var variables = environment(state: state)
    variables.removeValue(forKey: "NO_COLOR")
    let tty = try PseudoTerminal(
      try CLIRunner.binary().path, arguments: ["shell"], environment: variables)
    try tty.expectPrompt("netpol> ")
    tty.send("policy p -n demo\r")
    try tty.expect("now denied")
    #expect(tty.raw.contains("\u{1B}[31mnow denied\u{1B}[0m"))
    try tty.expectPrompt("netpol demo/p> ")
    tty.send("quit --force\r")
    #expect(tty.waitForExit() == 0)
  }
}
