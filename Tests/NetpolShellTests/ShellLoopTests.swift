import NetpolModel
import Testing

@testable import NetpolShell

/// Runs a loop over scripted reads; returns the status, stdout, stderr and the source.
private func runLoop(
  _ reads: [LineRead], interactive: Bool, keepGoing: Bool = false, echo: Bool = false,
  name: String = "script.netpol"
) -> (status: Int32, out: String, err: String, source: ScriptedLineSource) {
  var loop = ShellLoop(
    source: ScriptedLineSource(reads, interactive: interactive),
    interpreter: Interpreter(state: SessionState(inventory: s1Inventory())), scriptName: name,
    keepGoing: keepGoing, echo: echo)
  var out = ""
  var err = ""
  let status = loop.run(write: { out += $0 }, writeError: { err += $0 })
  return (status, out, err, loop.source)
}

@Suite("Script mode runs commands without prompts and stops at the first error")
struct ScriptModeTests {
  @Test("the first error stops with SCRIPT:LINE: message and status 1")
  func firstErrorStops() {
    let result = runLoop(
      [
        .line("# build S1"), .line(""), .line("policy p -n demo"), .line("label demo/nobody a=b"),
        .line("ns add never"),
      ],
      interactive: false)
    #expect(result.status == 1)
    #expect(result.err == "script.netpol:4: no pod `demo/nobody` in the cluster\n")
    #expect(!result.out.contains("never"))
  }

  @Test("--keep-going runs the rest and still exits 1")
  func keepGoing() {
    let result = runLoop(
      [.line("bogus"), .line("ns add later")], interactive: false, keepGoing: true)
    #expect(result.status == 1)
    #expect(result.err.hasPrefix("script.netpol:1: unknown command `bogus`"))
    #expect(result.out.contains("added namespace later\n"))
  }

  @Test("a script without errors exits 0; quit ends it early without asking")
  func success() {
    let result = runLoop(
      [.line("policy p -n demo"), .line("quit"), .line("ns add never")], interactive: false)
    #expect(result.status == 0)
    #expect(!result.out.contains("never"))
    #expect(result.source.history.isEmpty)
  }

  @Test("a trailing backslash continues the command; errors name its first line")
  func continuation() {
    let result = runLoop(
      [
        .line("policy p -n demo"), .line("allow ingress from \\"), .line("  pods app=x \\"),
        .line("  port 80"), .line("label x"), .line(""),
      ],
      interactive: false)
    #expect(result.out.contains("demo/p rule 1: allow ingress from pods app=x port 80/TCP\n"))
    #expect(result.err == "script.netpol:5: no pod `x` in the cluster (write NS/POD)\n")
  }

  @Test("echo prints each command after its prompt, like a transcript")
  func echo() {
    let result = runLoop(
      [.line("policy p -n demo"), .line("types egress")], interactive: false, echo: true)
    #expect(result.out.hasPrefix("netpol> policy p -n demo\ncreated NetworkPolicy demo/p"))
    #expect(result.out.contains("netpol demo/p> types egress\ndemo/p isolates Egress\n"))
  }
}

@Suite("The interactive loop: prompts, history, Ctrl-C, Ctrl-D and the unsaved-work question")
struct InteractiveLoopTests {
  @Test("prompts show the draft; every typed command is remembered, errors included")
  func promptsAndHistory() {
    let result = runLoop(
      [.line("policy p -n demo"), .line("oops"), .line("  "), .line("quit --force")],
      interactive: true)
    #expect(
      result.source.prompts == [
        "netpol> ", "netpol demo/p> ", "netpol demo/p> ", "netpol demo/p> ",
      ])
    #expect(result.source.history == ["policy p -n demo", "oops", "quit --force"])
    #expect(result.status == 0)
  }

  @Test("an error prints a caret under the word, aligned after the prompt, and keeps going")
  func caretUnderWord() {
    // `ns add` is an unsaved cluster edit: Ctrl-D asks before quitting, and `y` quits.
    let result = runLoop(
      [.line("label demo/nobody a=b"), .line("ns add ok"), .endOfInput, .line("y")],
      interactive: true)
    #expect(
      result.err
        == "        " + "      ^~~~~~~~~~~\nerror: no pod `demo/nobody` in the cluster\n")
    #expect(result.out.contains("added namespace ok"))
  }

  @Test("Ctrl-C drops the pending continuation and keeps the session")
  func interrupt() {
    let result = runLoop(
      [.line("ns add \\"), .interrupted, .line("ns add b"), .endOfInput, .line("y")],
      interactive: true)
    #expect(result.source.prompts.prefix(3) == ["netpol> ", "... ", "netpol> "])
    #expect(result.out.hasPrefix("added namespace b\n"))
    #expect(result.status == 0)
  }

  @Test("Ctrl-D with nothing unsaved leaves at once")
  func endOfInputClean() {
    let result = runLoop([.line("policies"), .endOfInput], interactive: true)
    #expect(result.status == 0)
    #expect(result.source.prompts == ["netpol> ", "netpol> "])
  }

  @Test("Ctrl-D with unsaved policies asks once; no keeps the session, yes leaves")
  func endOfInputAsks() {
    let result = runLoop(
      [.line("policy p -n demo"), .endOfInput, .line("n"), .line("show"), .endOfInput, .line("y")],
      interactive: true)
    let question = "1 unsaved policy (demo/p); quit anyway? [y/N] "
    #expect(result.source.prompts.filter { $0 == question }.count == 2)
    #expect(result.out.contains("not quitting; `save FILE` writes the policies\n"))
    #expect(result.out.contains("demo/p (NetworkPolicy, draft, unsaved)"))
    #expect(result.status == 0)
  }

  @Test("quit with unsaved policies asks too; Ctrl-D at the question means no")
  func quitAsks() {
    let result = runLoop(
      [
        .line("policy p -n demo"), .line("quit"), .endOfInput, .line("show"), .line("quit"),
        .line("y"),
      ],
      interactive: true)
    let question = "1 unsaved policy (demo/p); quit anyway? [y/N] "
    #expect(result.source.prompts.filter { $0 == question }.count == 2)
    #expect(result.out.contains("not quitting; `save FILE` writes the policies\n"))
    #expect(result.out.contains("demo/p (NetworkPolicy, draft, unsaved)"))
    #expect(result.status == 0)
  }

  @Test("input that stays closed ends the loop with status 1 instead of asking forever")
  func closedInput() {
    let result = runLoop([.line("policy p -n demo")], interactive: true)
    #expect(result.status == 1)
    #expect(result.err == "netpol: the input is closed; unsaved policies are lost\n")
  }
}
