/// The kubectl `-l` label-selector syntax, read into and written from `LabelSelector`.
///
/// Requirements are separated by commas: `key=value` and `key==value` (matchLabels),
/// `key!=value` (NotIn with one value), `key in (a,b)`, `key notin (a,b)`, `key` (Exists) and
/// `!key` (DoesNotExist). The empty string is the empty selector, which matches everything.
public enum SelectorSyntax {
  /// Parses kubectl `-l` syntax: `app=web,tier!=db,env in (prod,qa),env notin (x),legacy,!legacy`.
  public static func parse(_ text: String) throws(Diagnostic) -> LabelSelector {
    var parser = Parser(text: text)
    return try parser.selector()
  }

  /// The inverse of `parse`, in canonical order: matchLabels sorted by key, then the
  /// expressions as written. The empty selector is the empty string.
  public static func format(_ selector: LabelSelector) -> String {
    var parts = selector.matchLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    for requirement in selector.matchExpressions {
      let key = requirement.key
      let values = requirement.values.joined(separator: ",")
      switch requirement.operator {
      case .in: parts.append("\(key) in (\(values))")
      case .notIn:
        parts.append(
          requirement.values.count == 1 ? "\(key)!=\(values)" : "\(key) notin (\(values))")
      case .exists: parts.append(key)
      case .doesNotExist: parts.append("!\(key)")
      }
    }
    return parts.joined(separator: ",")
  }

  private enum Token: Equatable {
    case word(String)
    case bang, equals, notEquals, open, close, comma, greater, less
    case end

    var display: String {
      switch self {
      case .word(let text): return "\"\(text)\""
      case .bang: return "\"!\""
      case .equals: return "\"=\""
      case .notEquals: return "\"!=\""
      case .open: return "\"(\""
      case .close: return "\")\""
      case .comma: return "\",\""
      case .greater: return "\">\""
      case .less: return "\"<\""
      case .end: return "end of input"
      }
    }
  }

  private struct Parser {
    let text: String
    let chars: [Character]
    var index = 0
    var tokenStart = 0

    init(text: String) {
      self.text = text
      self.chars = Array(text)
    }

    func fail(_ message: String, at column: Int? = nil) -> Diagnostic {
      Diagnostic(
        location: nil, path: "",
        message: "invalid selector \"\(text)\": \(message) at column \((column ?? tokenStart) + 1)")
    }

    mutating func next() -> Token {
      while index < chars.count, chars[index].isWhitespace { index += 1 }
      tokenStart = index
      guard index < chars.count else { return .end }
      let char = chars[index]
      index += 1
      switch char {
      case "!":
        if index < chars.count, chars[index] == "=" {
          index += 1
          return .notEquals
        }
        return .bang
      case "=":
        if index < chars.count, chars[index] == "=" { index += 1 }
        return .equals
      case "(": return .open
      case ")": return .close
      case ",": return .comma
      case ">": return .greater
      case "<": return .less
      default:
        var word = String(char)
        while index < chars.count, !chars[index].isWhitespace, !"!=(),<>".contains(chars[index]) {
          word.append(chars[index])
          index += 1
        }
        return .word(word)
      }
    }

    mutating func peek() -> Token {
      let saved = (index, tokenStart)
      let token = next()
      (index, tokenStart) = saved
      return token
    }

    mutating func selector() throws(Diagnostic) -> LabelSelector {
      var result = LabelSelector()
      if peek() == .end { return result }
      while true {
        try requirement(into: &result)
        let token = next()
        if token == .end { return result }
        guard token == .comma else { throw fail("expected \",\" but found \(token.display)") }
      }
    }

    mutating func key() throws(Diagnostic) -> String {
      let token = next()
      guard case .word(let key) = token else {
        throw fail("expected a label key but found \(token.display)")
      }
      if let problem = Validation.labelKey(key) {
        throw fail("invalid label key \"\(key)\": \(problem)")
      }
      return key
    }

    mutating func value(allowEmpty: Bool) throws(Diagnostic) -> String {
      let token = peek()
      guard case .word(let value) = token else {
        if allowEmpty, token == .comma || token == .end || token == .close { return "" }
        _ = next()
        throw fail("expected a label value but found \(token.display)")
      }
      _ = next()
      if let problem = Validation.labelValue(value) {
        throw fail("invalid label value \"\(value)\": \(problem)")
      }
      return value
    }

    mutating func requirement(into result: inout LabelSelector) throws(Diagnostic) {
      if peek() == .bang {
        _ = next()
        let key = try key()
        result.matchExpressions.append(.init(key: key, operator: .doesNotExist))
        return
      }
      let key = try key()
      let operatorToken = peek()
      switch operatorToken {
      case .end, .comma:
        result.matchExpressions.append(.init(key: key, operator: .exists))
      case .equals:
        _ = next()
        let value = try value(allowEmpty: true)
        if let existing = result.matchLabels[key], existing != value {
          result.matchExpressions.append(.init(key: key, operator: .in, values: [value]))
        } else {
          result.matchLabels[key] = value
        }
      case .notEquals:
        _ = next()
        let value = try value(allowEmpty: true)
        result.matchExpressions.append(.init(key: key, operator: .notIn, values: [value]))
      case .word("in"), .word("notin"):
        _ = next()
        let values = try valueSet()
        let op: SelectorOperator = operatorToken == .word("in") ? .in : .notIn
        result.matchExpressions.append(.init(key: key, operator: op, values: values))
      case .greater, .less:
        _ = next()
        throw fail("the operators \">\" and \"<\" are not allowed in a label selector")
      default:
        _ = next()
        throw fail(
          "expected \"=\", \"==\", \"!=\", \"in\", \"notin\", \",\" or the end after \"\(key)\" "
            + "but found \(operatorToken.display)")
      }
    }

    mutating func valueSet() throws(Diagnostic) -> [String] {
      let open = next()
      guard open == .open else { throw fail("expected \"(\" but found \(open.display)") }
      var values: [String] = []
      while true {
        values.append(try value(allowEmpty: true))
        let token = next()
        if token == .close { break }
        guard token == .comma else {
          throw fail("expected \",\" or \")\" but found \(token.display)")
        }
      }
      if values == [""] { throw fail("a value set needs at least one value", at: tokenStart - 1) }
      return values
    }
  }
}
