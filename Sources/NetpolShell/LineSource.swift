/// What one attempt to read a line produced.
public enum LineRead: Equatable, Sendable {
  /// A line of input, without its line terminator.
  case line(String)
  /// The user cancelled the line being edited (Ctrl-C).
  case interrupted
  /// No more input (Ctrl-D on an empty line, or the end of a script).
  case endOfInput
}

/// Where the shell's lines come from: a line editor, standard input, or a test script.
public protocol LineSource {
  /// Reads one line, showing `prompt` if the source is interactive.
  mutating func read(prompt: String) -> LineRead
  /// Records a command the shell accepted, for history recall.
  mutating func remember(_ entry: String)
  /// Whether the source talks to a person at a terminal (prompts and questions make sense).
  var isInteractive: Bool { get }
  /// Gives the source the completer for the next read (the session changes between reads).
  mutating func prepare(completer: Completer)
}

extension LineSource {
  /// Ignores the completer: sources without Tab completion.
  public mutating func prepare(completer: Completer) {}
}

/// A line source that replays a fixed list of reads; records prompts and remembered entries.
public struct ScriptedLineSource: LineSource {
  /// The prompts the shell showed, in order.
  public private(set) var prompts: [String] = []
  /// The entries the shell asked to remember, in order.
  public private(set) var history: [String] = []
  /// Whether the source pretends to be a terminal.
  public var isInteractive: Bool
  private var pending: [LineRead]

  /// Creates a source that returns `reads` in order, then `.endOfInput`.
  public init(_ reads: [LineRead], interactive: Bool = true) {
    pending = reads.reversed()
    isInteractive = interactive
  }

  /// Creates a source that returns each string as a line.
  public init(lines: [String], interactive: Bool = true) {
    self.init(lines.map { .line($0) }, interactive: interactive)
  }

  /// Returns the next scripted read.
  public mutating func read(prompt: String) -> LineRead {
    prompts.append(prompt)
    return pending.popLast() ?? .endOfInput
  }

  /// Records the entry.
  public mutating func remember(_ entry: String) {
    history.append(entry)
  }
}

/// A line source reading standard input with `readLine()`, without prompts (pipes and scripts).
public struct PlainLineSource: LineSource {
  /// Always false: nobody sees prompts.
  public var isInteractive: Bool { false }

  /// Creates the source.
  public init() {}

  /// Reads one line of standard input; the prompt is not shown.
  public mutating func read(prompt: String) -> LineRead {
    guard let line = readLine(strippingNewline: true) else { return .endOfInput }
    return .line(line)
  }

  /// Does nothing: piped input has no history.
  public mutating func remember(_ entry: String) {}
}
