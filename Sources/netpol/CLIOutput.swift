import ArgumentParser
import Foundation
import NetpolModel
import NetpolViews

/// The exit statuses every netpol command uses.
///
/// Bad input (unreadable files, invalid YAML, invalid policies) exits 1; a wrong command line
/// exits 64 (`EX_USAGE`), which is what ArgumentParser uses for its own usage errors. No other
/// status is used, so a status of 2 or more other than 64 always means a crash.
enum ExitStatus {
  /// Everything went well.
  static let success = ExitCode.success
  /// The input had problems; they were reported on standard error.
  static let badInput = ExitCode(1)
  /// The command line was wrong; the message says how.
  static let usage = ExitCode.validationFailure
}

/// Writes command output: results to standard output, problems to standard error.
enum CLIOutput {
  /// Writes `text` to standard output as is.
  static func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
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
    FileHandle.standardError.write(Data((line + "\n").utf8))
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
    FileHandle.standardError.write(Data(text.utf8))
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
