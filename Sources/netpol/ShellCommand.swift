import ArgumentParser
import CLibedit
import Foundation
import NetpolEngine
import NetpolShell

/// `netpol shell`: the interactive shell (or, with piped input, a script read from stdin).
struct ShellCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shell",
    abstract: "Build policies step by step in an interactive shell.",
    discussion: """
      Starts on the bundled demo cluster unless --cluster names an inventory. After every \
      change the shell says which flows changed; `help` lists the commands and Tab completes \
      them. History is kept in $XDG_STATE_HOME/netpol/history (default \
      ~/.local/state/netpol/history).

      With standard input not a terminal, the lines are run as a script without prompts: the \
      first error stops with `-:LINE: message` and exit status 1 (--keep-going continues).

      Examples:
        netpol shell
        netpol shell --cluster cluster.yaml -f policies/
        netpol shell < examples/s1.netpol
      """)

  @Option(help: ArgumentHelp("An inventory file (default: the demo cluster).", valueName: "file"))
  var cluster: String?

  @Option(
    name: [.customShort("f"), .customLong("filename")], parsing: .upToNextOption,
    help: ArgumentHelp(
      "Policy files or directories to load first (repeat -f or list several paths).",
      valueName: "path"))
  var policies: [String] = []

  @Flag(help: "In scripts, continue after an error (the exit status is still 1).")
  var keepGoing = false

  func run() throws {
    try ShellRunner.run(
      clusterPath: cluster, policyPaths: policies, keepGoing: keepGoing)
  }
}

/// Opens a session and runs it on a terminal or on standard input.
enum ShellRunner {
  static func run(clusterPath: String?, policyPaths: [String], keepGoing: Bool) throws {
    _ = cel_unblock_sigint()
    let start: ShellStartup.Start
    switch ShellStartup.start(clusterPath: clusterPath, policyPaths: policyPaths) {
    case .success(let value): start = value
    case .failure(let failure):
      CLIOutput.report(failure.diagnostics)
      throw ExitStatus.badInput
    }
    var interpreter = Interpreter(state: start.state)
    let terminal = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    interpreter.cancellation = Interrupt.cancellation
    interpreter.settings.colour = terminal && CLIOutput.coloursWanted(on: STDOUT_FILENO)
    if terminal { interpreter.settings.width = CLIOutput.terminalWidth }
    if terminal,
      let editor = EditLineSource(
        programName: "netpol", historyPath: EditLineSource.defaultHistoryPath(),
        completer: interpreter.completer)
    {
      CLIOutput.write(
        "netpol shell on the \(start.description)\n" + interpreter.dataplaneLine + "\n"
          + "help lists the commands, Tab completes, Ctrl-D leaves.\n")
      var loop = ShellLoop(source: editor, interpreter: interpreter)
      let status = loop.run(write: CLIOutput.write, writeError: writeError)
      if status != 0 { throw ExitCode(status) }
      return
    }
    var info = stat()
    if fstat(STDIN_FILENO, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
      CLIOutput.error("netpol shell: cannot read standard input: it is a directory")
      throw ExitStatus.badInput
    }
    var loop = ShellLoop(
      source: PlainLineSource(), interpreter: interpreter, scriptName: "-", keepGoing: keepGoing)
    let status = loop.run(write: CLIOutput.write, writeError: writeError)
    if status != 0 { throw ExitCode(status) }
  }

  static func writeError(_ text: String) {
    CLIOutput.writeError(text)
  }
}

/// Ctrl-C while a shell command runs: the SIGINT handler sets `flag`, the interpreter's
/// cancellation reads it, and reading the next line clears it.
enum Interrupt {
  /// Non-zero once SIGINT arrived since the last line was read.
  nonisolated(unsafe) static let flag: UnsafeMutablePointer<sig_atomic_t> = {
    let pointer = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
    pointer.initialize(to: 0)
    return pointer
  }()

  /// Asks the running computation to stop once SIGINT has arrived.
  static let cancellation = Cancellation { flag.pointee != 0 }

  /// Forgets an earlier SIGINT.
  static func reset() { flag.pointee = 0 }
}

extension Netpol {
  /// Without a subcommand: the shell on a terminal, else the help text.
  func run() throws {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      CLIOutput.write(Netpol.helpMessage() + "\n")
      return
    }
    try ShellRunner.run(clusterPath: nil, policyPaths: [], keepGoing: false)
  }
}
