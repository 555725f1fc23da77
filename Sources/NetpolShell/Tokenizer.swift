/// A word of a command line, with the place it was typed.
public struct Token: Sendable, Equatable {
  /// The word after quotes and escapes are removed.
  public var text: String
  /// Where the word was typed, quotes included.
  public var span: Span
  /// Whether any part of the word was quoted or escaped (quoted words are never keywords).
  public var quoted: Bool

  /// Creates a token.
  public init(_ text: String, span: Span, quoted: Bool = false) {
    self.text = text
    self.span = span
    self.quoted = quoted
  }
}

/// A range of characters in a command line: 0-based start column and length.
public struct Span: Sendable, Equatable {
  /// The 0-based column of the first character.
  public var start: Int
  /// The number of characters (at least 1 when rendered).
  public var length: Int

  /// Creates a span.
  public init(start: Int, length: Int) {
    self.start = start
    self.length = length
  }

  /// The span from the start of `self` to the end of `other`.
  public func through(_ other: Span) -> Span {
    Span(start: start, length: max(1, other.start + other.length - start))
  }
}

/// Splits command lines into words: blanks separate words; `'...'` is literal; `"..."` honours
/// `\"` and `\\`; a backslash outside quotes escapes the next character; blanks inside
/// parentheses do not split (so `env in (prod, qa)` keeps its set); `#` at the start of a word
/// starts a comment.
public enum Tokenizer {
  /// The words of a complete line; an unterminated quote is an error at the quote.
  public static func tokenize(_ line: String) throws(ShellError) -> [Token] {
    let scan = scan(line)
    if let open = scan.openQuote {
      throw ShellError("unterminated quote", at: Span(start: open, length: 1))
    }
    return scan.tokens
  }

  /// The words of a line being edited: the finished words and the word under the cursor
  /// (empty when the line ends in a blank). Never fails.
  public static func partial(_ line: String) -> (words: [Token], current: String) {
    let scan = scan(line)
    if scan.endsInBlank || scan.tokens.isEmpty { return (scan.tokens, "") }
    var words = scan.tokens
    let last = words.removeLast()
    return (words, last.text)
  }

  private struct Scan {
    var tokens: [Token] = []
    var openQuote: Int?
    var endsInBlank = true
  }

  private static func scan(_ line: String) -> Scan {
    var result = Scan()
    let characters = Array(line)
    var index = 0
    while index < characters.count {
      while index < characters.count, characters[index].isWhitespace { index += 1 }
      guard index < characters.count else { break }
      if characters[index] == "#" { break }
      let start = index
      var text = ""
      var quoted = false
      var depth = 0
      while index < characters.count {
        let character = characters[index]
        if character.isWhitespace && depth == 0 { break }
        switch character {
        case "'":
          quoted = true
          guard let close = characters[(index + 1)...].firstIndex(of: "'") else {
            result.openQuote = index
            text.append(contentsOf: characters[(index + 1)...])
            index = characters.count
            continue
          }
          text.append(contentsOf: characters[(index + 1)..<close])
          index = close + 1
        case "\"":
          quoted = true
          let quoteStart = index
          index += 1
          var closed = false
          while index < characters.count {
            let inner = characters[index]
            if inner == "\"" {
              closed = true
              index += 1
              break
            }
            if inner == "\\", index + 1 < characters.count,
              characters[index + 1] == "\"" || characters[index + 1] == "\\"
            {
              text.append(characters[index + 1])
              index += 2
              continue
            }
            text.append(inner)
            index += 1
          }
          if !closed { result.openQuote = quoteStart }
        case "\\":
          quoted = true
          if index + 1 < characters.count { text.append(characters[index + 1]) }
          index += 2
        default:
          if character == "(" { depth += 1 }
          if character == ")" { depth = max(0, depth - 1) }
          text.append(character)
          index += 1
        }
      }
      let end = min(index, characters.count)
      result.tokens.append(
        Token(text, span: Span(start: start, length: end - start), quoted: quoted))
      result.endsInBlank = false
    }
    if let last = characters.last, last.isWhitespace, result.openQuote == nil {
      result.endsInBlank = true
    }
    if characters.isEmpty { result.endsInBlank = true }
    return result
  }
}
