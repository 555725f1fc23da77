import NetpolEngine
import NetpolModel

/// How the shell presents its output.
public struct DisplaySettings: Sendable, Equatable {
  /// Whether each change prints the one-line summary of flows that changed.
  public var preview: Bool
  /// Whether output uses ANSI colours.
  public var colour: Bool
  /// The namespace of new policies when `-n` is not given.
  public var namespace: String
  /// The terminal width matrices are fitted to; `nil` for no limit.
  public var width: Int?

  /// Creates settings.
  public init(
    preview: Bool = true, colour: Bool = false, namespace: String = "default", width: Int? = nil
  ) {
    self.preview = preview
    self.colour = colour
    self.namespace = namespace
    self.width = width
  }
}

/// What a command asks the shell loop to do besides printing.
public enum QuitRequest: Sendable, Equatable {
  /// Leave, asking first if policies are unsaved.
  case ask
  /// Leave without asking.
  case force
}

/// The result of one command line.
public struct CommandOutcome: Sendable, Equatable {
  /// Text to print on standard output; every line ends in a newline.
  public var output: String
  /// The error, if the command failed (then nothing changed).
  public var error: ShellError?
  /// Set when the command asks to leave the shell.
  public var quit: QuitRequest?
  /// Set when the command was an `expect` line that ran.
  public var expectation: ExpectationResult?

  /// Creates an outcome.
  public init(
    output: String = "", error: ShellError? = nil, quit: QuitRequest? = nil,
    expectation: ExpectationResult? = nil
  ) {
    self.output = output
    self.error = error
    self.quit = quit
    self.expectation = expectation
  }
}

/// Runs shell command lines against a session; knows nothing about terminals.
public struct Interpreter: Sendable {
  /// The session the commands change.
  public var session: Session
  /// Display settings (`set`).
  public var settings: DisplaySettings
  /// The recipe catalogue, read on first use.
  public var recipes: RecipeBook
  /// The command lines run so far, in order (`history`).
  public private(set) var history: [String] = []
  /// Output collected while a command runs.
  var output = ""
  /// The matrices of the last few evaluated states, reused by change previews.
  var matrixCache: [MatrixCache] = []
  /// The result of the `expect` line being run, if it is one.
  var expectation: ExpectationResult?
  /// Connections and the lesson of the teaching commands (`connect`, `observe`, `lesson`).
  public var teaching = TeachingState()
  /// The cluster as it is in a file (read at start or by `load`, written by `save --cluster`).
  public var savedInventory: Inventory
  /// Asked during long computations (matrices, previews) whether to stop; a command stopped this
  /// way fails with `ShellError.interrupted` and leaves the session as it was.
  public var cancellation: Cancellation = .never
  /// Set when the running command's computation was stopped by `cancellation`.
  var interrupted = false

  /// Creates an interpreter on a state.
  public init(
    state: SessionState = SessionState(), settings: DisplaySettings = DisplaySettings(),
    recipes: RecipeBook = .standard()
  ) {
    self.session = Session(state: state)
    self.savedInventory = state.inventory
    self.settings = settings
    self.recipes = recipes
  }

  /// The current state of the session.
  public var state: SessionState { session.state }

  /// The prompt: `netpol> `, or `netpol NS/DRAFT> ` while a draft is selected.
  public var prompt: String {
    guard let draft = state.draftPolicy else { return "netpol> " }
    return "netpol \(draft.qualifiedName)> "
  }

  /// Runs one command line. On error nothing changes and the outcome carries the error.
  public mutating func execute(_ line: String) -> CommandOutcome {
    output = ""
    expectation = nil
    interrupted = false
    do throws(ShellError) {
      let tokens = try Tokenizer.tokenize(line)
      guard let first = tokens.first else { return CommandOutcome() }
      history.append(line.trimmingBlanks())
      var arguments = Arguments(tokens: tokens, lineLength: line.count)
      let quit = try dispatch(first, &arguments, line: line.trimmingBlanks())
      if interrupted { throw .interrupted }
      var outcome = withLessonProgress(line, CommandOutcome(output: output, quit: quit))
      outcome.expectation = expectation
      return outcome
    } catch {
      return withLessonProgress(line, CommandOutcome(output: output, error: error))
    }
  }

  private mutating func dispatch(_ word: Token, _ arguments: inout Arguments, line: String)
    throws(ShellError) -> QuitRequest?
  {
    guard let command = CommandCatalog.command(named: word.text) else {
      var message = "unknown command `\(word.text)`"
      if let guess = Self.closestCommand(to: word.text) { message += "; did you mean `\(guess)`?" }
      throw ShellError(message + " (help lists the commands)", at: word)
    }
    switch command.name {
    case "ns": try namespaceCommand(&arguments, line: line)
    case "pod": try podCommand(&arguments, line: line)
    case "label": try labelCommand(&arguments, line: line)
    case "unlabel": try unlabelCommand(&arguments, line: line)
    case "external": try externalCommand(&arguments, line: line)
    case "cluster": try clusterCommand(&arguments)
    case "policy": try policyCommand(&arguments, line: line)
    case "select": try selectCommand(&arguments, line: line)
    case "allow": try ruleCommand(&arguments, line: line, deny: false)
    case "deny": try ruleCommand(&arguments, line: line, deny: true)
    case "pass": try passCommand(&arguments, line: line)
    case "priority": try priorityCommand(&arguments, line: line)
    case "rule": try ruleRemoveCommand(&arguments, line: line)
    case "types": try typesCommand(&arguments, line: line)
    case "policies": try policiesCommand(&arguments)
    case "show": try showCommand(&arguments)
    case "rm": try removeCommand(&arguments, line: line)
    case "use": try useCommand(&arguments, line: line)
    case "recipe": try recipeCommand(&arguments, line: line)
    case "matrix": try matrixCommand(&arguments)
    case "report": try reportCommand(&arguments)
    case "explain": try explainCommand(&arguments)
    case "expect": expectation = try expectCommand(&arguments)
    case "diff": try diffCommand(&arguments)
    case "undo": try undoCommand(&arguments)
    case "redo": try redoCommand(&arguments)
    case "load": try loadCommand(&arguments, line: line)
    case "save": try saveCommand(&arguments)
    case "emit": try emitCommand(&arguments)
    case "help": try helpCommand(&arguments)
    case "set": try setCommand(&arguments, line: line)
    case "history": try historyCommand(&arguments)
    case "connect": try connectCommand(&arguments)
    case "observe": try observeCommand(&arguments)
    case "isolation": try isolationCommand(&arguments)
    case "lesson": try lessonCommand(&arguments)
    case "version":
      try arguments.expectEnd("version")
      print(BuildInfo.description)
    case "quit": return try quitCommand(&arguments)
    default:
      // A command in the catalogue without a case here: a programming error, reported rather
      // than silently quitting (the catalogue test runs every command name).
      throw ShellError("`\(command.name)` has no handler", at: word)
    }
    return nil
  }

  /// Appends lines to the command's output.
  mutating func print(_ text: String) {
    output += text
    if !text.hasSuffix("\n") { output += "\n" }
  }

  /// Makes `newState` current as the effect of `line`, prints `message` and the change preview.
  mutating func commit(_ line: String, _ newState: SessionState, message: String) {
    let before = state
    // The preview is computed first: when it is interrupted, the step is not applied.
    var preview: [String] = []
    if newState != before {
      do {
        preview = try previewLines(from: before, to: newState) ?? []
      } catch {
        interrupted = true
        return
      }
    }
    session.apply(line, newState)
    print(message)
    for line in preview { print(line) }
  }

  private static func closestCommand(to word: String) -> String? {
    let lower = word.lowercased()
    let names = CommandCatalog.all.flatMap { [$0.name] + $0.aliases }
    if let prefixed = names.first(where: { $0.hasPrefix(lower) }) { return prefixed }
    return EditDistance.closest(to: lower, among: names, within: 2)
  }
}

extension String {
  /// The string without leading and trailing blanks.
  func trimmingBlanks() -> String {
    var text = Substring(self)
    while let first = text.first, first.isWhitespace { text.removeFirst() }
    while let last = text.last, last.isWhitespace { text.removeLast() }
    return String(text)
  }
}
