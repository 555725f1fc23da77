import NetpolViews

/// Reads command lines from a line source and runs them: prompts, `\` continuation lines,
/// Ctrl-C and Ctrl-D, the unsaved-work question, and script-mode error reporting.
public struct ShellLoop<Source: LineSource> {
  /// Where lines come from.
  public var source: Source
  /// What runs them.
  public var interpreter: Interpreter
  /// The name scripts errors are reported under (`SCRIPT:LINE: message`); `-` for stdin.
  public var scriptName: String
  /// Whether a script continues after an error (the exit status is still 1).
  public var keepGoing: Bool
  /// Whether each command is printed after the prompt before its output (script transcripts).
  public var echo: Bool
  /// End-of-input reads since the last line: a terminal that went away answers every read so.
  private var endsInARow = 0
  /// After this many end-of-input reads in a row, nobody is there to answer: the loop ends.
  static var endsBeforeGivingUp: Int { 20 }

  /// Creates a loop.
  public init(
    source: Source, interpreter: Interpreter, scriptName: String = "-", keepGoing: Bool = false,
    echo: Bool = false
  ) {
    self.source = source
    self.interpreter = interpreter
    self.scriptName = scriptName
    self.keepGoing = keepGoing
    self.echo = echo
  }

  /// The prompt of continuation lines.
  public static var continuationPrompt: String { "... " }

  /// How many `expect` lines of a script ran, and how many of them failed.
  public private(set) var expectations = (run: 0, failed: 0)

  /// Runs until `quit`, the end of input, or (scripts) the first error; returns the exit status:
  /// 0, or 1 if a script command or `expect` line failed.
  public mutating func run(write: (String) -> Void, writeError: (String) -> Void) -> Int32 {
    let status = runLines(write: write, writeError: writeError)
    guard !source.isInteractive, expectations.failed > 0 else { return status }
    let noun = expectations.run == 1 ? "expectation" : "expectations"
    writeError("\(scriptName): \(expectations.failed) of \(expectations.run) \(noun) failed\n")
    return 1
  }

  private mutating func runLines(write: (String) -> Void, writeError: (String) -> Void) -> Int32 {
    let interactive = source.isInteractive
    var lineNumber = 0
    var pending = ""
    var pendingLine = 0
    var failed = false
    while true {
      let prompt = pending.isEmpty ? interpreter.prompt : Self.continuationPrompt
      if interactive { source.prepare(completer: interpreter.completer) }
      switch source.read(prompt: prompt) {
      case .interrupted:
        pending = ""
        continue
      case .endOfInput:
        if interactive {
          pending = ""
          endsInARow += 1
          if confirmQuit(write: write) { return 0 }
          if endsInARow >= Self.endsBeforeGivingUp {
            writeError("netpol: the input is closed; unsaved policies are lost\n")
            return 1
          }
          continue
        }
        guard !pending.isEmpty else { return failed ? 1 : 0 }
        lineNumber += 1
        let line = pending
        pending = ""
        if !execute(
          line, number: pendingLine, interactive: false, write: write,
          writeError: writeError)
        {
          failed = true
        }
        return failed ? 1 : 0
      case .line(let raw):
        endsInARow = 0
        lineNumber += 1
        if pending.isEmpty { pendingLine = lineNumber }
        if Self.continues(raw) {
          pending += String(raw.dropLast()) + " "
          continue
        }
        let line = pending + raw
        pending = ""
        guard !line.trimmingBlanks().isEmpty else { continue }
        if interactive { source.remember(line.trimmingBlanks()) }
        let outcome = interpreter.execute(line)
        if echo && !line.trimmingBlanks().hasPrefix("#") {
          write(prompt + line.trimmingBlanks() + "\n")
        }
        writeOutput(outcome, line: pendingLine, interactive: interactive, write, writeError)
        if let error = outcome.error {
          report(
            error, line: pendingLine, prompt: prompt, interactive: interactive,
            writeError: writeError)
          if !interactive {
            failed = true
            if !keepGoing { return 1 }
          }
        }
        if let quit = outcome.quit {
          if !interactive || quit == .force { return failed ? 1 : 0 }
          if confirmQuit(write: write) { return 0 }
        }
      }
    }
  }

  private mutating func execute(
    _ line: String, number: Int, interactive: Bool, write: (String) -> Void,
    writeError: (String) -> Void
  ) -> Bool {
    let prompt = interpreter.prompt
    let outcome = interpreter.execute(line)
    if echo { write(prompt + line.trimmingBlanks() + "\n") }
    writeOutput(outcome, line: number, interactive: interactive, write, writeError)
    guard let error = outcome.error else { return true }
    report(error, line: number, prompt: prompt, interactive: interactive, writeError: writeError)
    return false
  }

  /// Writes a command's output; in scripts a failed `expect` goes to standard error as
  /// `SCRIPT:LINE: expected allow, got deny: REASON` instead.
  private mutating func writeOutput(
    _ outcome: CommandOutcome, line: Int, interactive: Bool, _ write: (String) -> Void,
    _ writeError: (String) -> Void
  ) {
    guard !interactive, let expectation = outcome.expectation else {
      write(outcome.output)
      return
    }
    expectations.run += 1
    if expectation.passed {
      write(outcome.output)
    } else {
      expectations.failed += 1
      writeError("\(scriptName):\(line): \(expectation.failureMessage)\n")
    }
  }

  private func report(
    _ error: ShellError, line: Int, prompt: String, interactive: Bool,
    writeError: (String) -> Void
  ) {
    var text = ""
    if interactive {
      if let caret = error.caretLine(indent: prompt.count) { text += caret + "\n" }
      text += Style(enabled: interpreter.settings.colour).red("error:") + " " + error.message + "\n"
    } else {
      text += "\(scriptName):\(line): \(error.message)\n"
    }
    for detail in error.details { text += "  " + detail + "\n" }
    writeError(text)
  }

  /// Asks once whether to leave with unsaved policies; `true` = leave. Only `y` or `yes` leaves:
  /// Ctrl-D or Ctrl-C at the question means no, so that two Ctrl-D in a row lose nothing.
  private mutating func confirmQuit(write: (String) -> Void) -> Bool {
    let unsaved = interpreter.unsavedPolicies
    guard !unsaved.isEmpty || interpreter.unsavedCluster else { return true }
    let list = unsaved.prefix(3).joined(separator: ", ") + (unsaved.count > 3 ? ", ..." : "")
    let count = unsaved.count == 1 ? "1 unsaved policy" : "\(unsaved.count) unsaved policies"
    let what = [
      unsaved.isEmpty ? nil : "\(count) (\(list))",
      interpreter.unsavedCluster ? "unsaved cluster edits (save --cluster FILE)" : nil,
    ].compactMap { $0 }.joined(separator: " and ")
    let answer = source.read(prompt: "\(what); quit anyway? [y/N] ")
    switch answer {
    case .line(let answer):
      endsInARow = 0
      let word = answer.trimmingBlanks().lowercased()
      if word == "y" || word == "yes" { return true }
      write("not quitting; `save FILE` writes the policies\n")
      return false
    case .endOfInput, .interrupted:
      if case .endOfInput = answer { endsInARow += 1 }
      write("\nnot quitting; `save FILE` writes the policies\n")
      return false
    }
  }

  /// Whether a line ends in an unescaped backslash (the command continues on the next line).
  static func continues(_ line: String) -> Bool {
    var count = 0
    for character in line.reversed() {
      guard character == "\\" else { break }
      count += 1
    }
    return count % 2 == 1
  }
}
