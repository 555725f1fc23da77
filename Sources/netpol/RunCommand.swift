import ArgumentParser
import Foundation
import NetpolModel
import NetpolShell

/// `netpol run SCRIPT`: runs shell commands from a file without prompts.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a script of shell commands.",
    discussion: """
      Runs the commands of SCRIPT (one per line, `#` starts a comment, a trailing `\\` \
      continues the line) on the demo cluster unless --cluster names an inventory. The first \
      error stops the script with `SCRIPT:LINE: message` on standard error and exit status 1; \
      --keep-going runs the remaining lines (the exit status is still 1). Every \
      `expect allow|deny SRC DST PORT` line runs; each failure prints \
      `SCRIPT:LINE: expected allow, got deny: REASON` and the script then exits 1.

      Examples:
        netpol run examples/s1.netpol
        netpol run --echo examples/s4.netpol
      """)

  @Argument(help: ArgumentHelp("The script file.", valueName: "script"))
  var script: String

  @Option(help: ArgumentHelp("An inventory file (default: the demo cluster).", valueName: "file"))
  var cluster: String?

  @Option(
    name: [.customShort("f"), .customLong("filename")], parsing: .upToNextOption,
    help: ArgumentHelp(
      "Policy files or directories to load first (repeat -f or list several paths).",
      valueName: "path"))
  var policies: [String] = []

  @Flag(help: "Continue after an error (the exit status is still 1).")
  var keepGoing = false

  @Flag(help: "Print each command after a prompt before its output, like a session transcript.")
  var echo = false

  func run() throws {
    let text: String
    switch InputFile.bytes(path: script) {
    case .success(let bytes):
      switch InputFile.decode(bytes, file: script) {
      case .success(let value): text = value
      case .failure(let problem):
        CLIOutput.error(problem.description)
        throw ExitStatus.badInput
      }
    case .failure(.noSuchFile):
      CLIOutput.error("\(script): no such file (the script given to netpol run)")
      throw ExitStatus.badInput
    case .failure(let problem):
      CLIOutput.error("\(script): cannot read the script: \(problem)")
      throw ExitStatus.badInput
    }
    let start: ShellStartup.Start
    switch ShellStartup.start(clusterPath: cluster, policyPaths: policies) {
    case .success(let value): start = value
    case .failure(let failure):
      CLIOutput.report(failure.diagnostics)
      throw ExitStatus.badInput
    }
    var lines = text.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    var loop = ShellLoop(
      source: ScriptedLineSource(lines: lines, interactive: false),
      interpreter: Interpreter(state: start.state), scriptName: script, keepGoing: keepGoing,
      echo: echo)
    let status = loop.run(write: CLIOutput.write, writeError: ShellRunner.writeError)
    if status != 0 { throw ExitCode(status) }
  }
}
