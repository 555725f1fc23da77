import ArgumentParser
import Foundation
import NetpolModel
import NetpolViews

/// The exit statuses every netpol command uses.
///
/// Bad input (unreadable files, invalid YAML, invalid policies) exits 1; a wrong command line
/// exits 64 (`EX_USAGE`), which is what ArgumentParser uses for its own usage errors; output that
/// cannot be written (a full disk, a closed pipe or descriptor) exits 74 (`EX_IOERR`). No other
/// status is used, so any other status of 2 or more means a crash.
enum ExitStatus {
  /// Everything went well.
  static let success = ExitCode.success
  /// The input had problems; they were reported on standard error.
  static let badInput = ExitCode(1)
  /// The command line was wrong; the message says how.
  static let usage = ExitCode.validationFailure
  /// Standard output or standard error could not be written.
  static let outputFailed = ExitCode(74)
}

/// Writes command output: results to standard output, problems to standard error.
///
/// A write that fails ends the program with ``ExitStatus/outputFailed``: with a message on
/// standard error when standard output failed, quietly when the reader of a pipe went away
/// (`netpol matrix ... | head -1`) or when standard error itself failed.
enum CLIOutput {
  /// Writes `text` to standard output as is.
  static func write(_ text: String) {
    deliver(text, to: OutputWriter.standardOutput)
  }

  /// Writes `text` to standard error as is.
  static func writeError(_ text: String) {
    deliver(text, to: OutputWriter.standardError)
  }

  /// A sink for long outputs: text leaves for standard output in chunks of 64 KiB, and the
  /// rest when the sink is drained or released.
  static func standardOutputSink() -> ChunkedSink {
    ChunkedSink { write($0) }
  }

  /// Whether standard output is a terminal.
  static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

  /// The width to fit tables into on a terminal: `$COLUMNS`, else the terminal's width, else 80.
  static var terminalWidth: Int {
    if let text = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(text), value > 0 {
      return value
    }
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return Int(size.ws_col)
    }
    return 80
  }

  /// Writes `line` and a newline to standard error.
  static func error(_ line: String) {
    deliver(line + "\n", to: OutputWriter.standardError)
  }

  /// Writes each diagnostic on its own line (`FILE:LINE:COL: path: message`) to standard error,
  /// followed by its caret excerpt when it has one.
  static func report(_ diagnostics: [Diagnostic]) {
    var text = ""
    for diagnostic in diagnostics {
      text += diagnostic.description + "\n"
      if let excerpt = diagnostic.excerpt, !excerpt.isEmpty {
        text += excerpt.hasSuffix("\n") ? excerpt : excerpt + "\n"
      }
    }
    deliver(text, to: OutputWriter.standardError)
  }

  /// Writes `text` to `descriptor`, or ends the program if that fails.
  private static func deliver(_ text: String, to descriptor: Int32) {
    do {
      try OutputWriter.write(text, to: descriptor)
    } catch {
      if !error.isClosedPipe && descriptor == OutputWriter.standardOutput {
        let reason = WriteError("cannot write to standard output", code: error.code)
        try? OutputWriter.write("netpol: \(reason)\n", to: OutputWriter.standardError)
      }
      exit(ExitStatus.outputFailed.rawValue)
    }
  }

  /// Whether output to `descriptor` may be coloured: it is a terminal, `NO_COLOR` is unset or
  /// empty (<https://no-color.org>), and `TERM` is not `dumb` (a terminal that understands no
  /// escape sequences).
  static func coloursWanted(on descriptor: Int32) -> Bool {
    let environment = ProcessInfo.processInfo.environment
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
    if environment["TERM"] == "dumb" { return false }
    return isatty(descriptor) == 1
  }

  /// `1 policy`, `3 policies`: a count with the noun in singular or plural.
  static func count(_ number: Int, _ singular: String, _ plural: String) -> String {
    "\(number) \(number == 1 ? singular : plural)"
  }
}

/// The `-f/--filename` option shared by commands that read policies and inventories.
struct InputOptions: ParsableArguments {
  /// The paths given with `-f`, in order.
  @Option(
    name: [.customShort("f"), .customLong("filename")], parsing: .upToNextOption,
    help: ArgumentHelp(
      "A YAML or JSON file, a directory (its *.yaml, *.yml and *.json files, not recursive) or "
        + "- for standard input. Repeat -f or list several paths after it.",
      valueName: "path"))
  var paths: [String] = []

  /// Rejects a command line without any `-f`.
  func validate() throws {
    if paths.isEmpty {
      throw ValidationError("no input: give at least one -f PATH (a file, a directory or -)")
    }
  }
}
