/// A command the shell could not carry out: a message for the user and, when known, the part of
/// the line to underline.
public struct ShellError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong, in one line.
  public var message: String
  /// The offending word(s) of the command line, if the error is about one.
  public var span: Span?
  /// Further lines shown after the message (for example every diagnostic of a file).
  public var details: [String]

  /// Creates an error about the word(s) at `span`.
  public init(_ message: String, at span: Span? = nil, details: [String] = []) {
    self.message = message
    self.span = span
    self.details = details
  }

  /// Creates an error about one token.
  public init(_ message: String, at token: Token) {
    self.init(message, at: token.span)
  }

  /// The message.
  public var description: String { message }

  /// A long computation was stopped (Ctrl-C); the command changed nothing.
  public static let interrupted = ShellError("interrupted; nothing changed")

  /// A line of blanks with `^~~~` under the span, shifted right by `indent` columns (the width of
  /// the prompt); `nil` when the error has no span.
  public func caretLine(indent: Int) -> String? {
    guard let span else { return nil }
    let marks = "^" + String(repeating: "~", count: max(0, span.length - 1))
    return String(repeating: " ", count: indent + span.start) + marks
  }
}
