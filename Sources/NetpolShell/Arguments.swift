/// The words of one command, consumed left to right by the command's parser.
public struct Arguments: Sendable {
  /// Every word of the command line, the command word included.
  public let tokens: [Token]
  /// The index of the next word to consume.
  public private(set) var position: Int
  /// The length of the whole line, used to point at its end when a word is missing.
  public let lineLength: Int

  /// Creates a cursor positioned after the first `position` words.
  public init(tokens: [Token], position: Int = 1, lineLength: Int) {
    self.tokens = tokens
    self.position = position
    self.lineLength = lineLength
  }

  /// Whether every word has been consumed.
  public var isAtEnd: Bool { position >= tokens.count }

  /// The next word, not consumed.
  public var peek: Token? { position < tokens.count ? tokens[position] : nil }

  /// The word after the next one, not consumed.
  public var peekSecond: Token? { position + 1 < tokens.count ? tokens[position + 1] : nil }

  /// The words not yet consumed.
  public var remaining: [Token] { Array(tokens[min(position, tokens.count)...]) }

  /// The place just after the last word, where a missing word would go.
  public var endSpan: Span {
    let end = tokens.last.map { $0.span.start + $0.span.length + 1 } ?? 0
    return Span(start: max(end, 0), length: 1)
  }

  /// Consumes and returns the next word, or fails with "expected `what`".
  public mutating func next(_ what: String) throws(ShellError) -> Token {
    guard let token = peek else { throw ShellError("expected \(what)", at: endSpan) }
    position += 1
    return token
  }

  /// Consumes the next word if it is the keyword (unquoted, case-insensitive).
  public mutating func take(_ keyword: String) -> Token? {
    guard let token = peek, token.isKeyword(keyword) else { return nil }
    position += 1
    return token
  }

  /// Consumes the next word, which must be one of `keywords`; returns it lower-cased.
  public mutating func expect(oneOf keywords: [String], after context: String) throws(ShellError)
    -> String
  {
    let list = keywords.map { "`\($0)`" }.joined(separator: " or ")
    guard let token = peek else {
      throw ShellError("expected \(list) after `\(context)`", at: endSpan)
    }
    guard let match = keywords.first(where: { token.isKeyword($0) }) else {
      throw ShellError("expected \(list) after `\(context)`, got `\(token.text)`", at: token)
    }
    position += 1
    return match
  }

  /// Fails if words are left over.
  public func expectEnd(_ usage: String) throws(ShellError) {
    guard let token = peek else { return }
    let last = tokens[tokens.count - 1]
    throw ShellError(
      "unexpected `\(token.text)`; usage: \(usage)", at: token.span.through(last.span))
  }

  /// Consumes every remaining word.
  public mutating func rest() -> [Token] {
    let words = remaining
    position = tokens.count
    return words
  }
}

extension Token {
  /// Whether the word is this keyword: unquoted, compared case-insensitively.
  public func isKeyword(_ keyword: String) -> Bool {
    !quoted && text.lowercased() == keyword.lowercased()
  }
}
