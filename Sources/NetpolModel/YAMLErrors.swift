import Yams

/// Turns Yams/libyaml errors into one-line diagnostics.
enum YAMLErrors {
  static func diagnostic(_ error: YamlError, source: SourceText) -> Diagnostic {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      return syntax(problem: problem, context: context, mark: mark, source: source)
    case .duplicatedKeysInMapping(let duplicates, let context):
      let key = duplicates.first ?? ""
      let first = context.mark
      if let second = secondOccurrence(of: key, after: first, in: source) {
        return source.diagnostic(
          line: second.line, column: second.column, path: "",
          message: "duplicate key \(quoted(key)) (first written at line \(first.line))")
      }
      return source.diagnostic(
        line: first.line, column: first.column, path: "",
        message: "duplicate key \(quoted(key)) in this mapping")
    case .reader(let problem, let offset, _, _):
      let (line, column) = position(ofUTF8Offset: offset ?? 0, in: source.text)
      return source.diagnostic(
        line: line, column: column, path: "", message: "invalid YAML: \(problem)")
    default:
      return source.diagnostic(
        line: 1, column: 1, path: "", message: "invalid YAML: \(error.localizedDescription)")
    }
  }

  private static func syntax(
    problem: String, context: YamlError.Context?, mark: Mark, source: SourceText
  ) -> Diagnostic {
    var message: String
    if problem.hasPrefix("Maximum nesting level reached") {
      message = "invalid YAML: nesting is deeper than 1000 levels"
    } else {
      message = "invalid YAML: \(problem)"
      if let context {
        let at = context.mark
        let here = at.line == mark.line && at.column == mark.column
        message +=
          " (\(context.text)\(here ? "" : " started at line \(at.line), column \(at.column)"))"
      }
    }
    let line = source.lineText(mark.line)
    let scalars = Array(line.unicodeScalars)
    if mark.column >= 1, mark.column <= scalars.count, scalars[mark.column - 1] == "\t" {
      message += "; indent with spaces, not tabs"
    }
    return source.diagnostic(line: mark.line, column: mark.column, path: "", message: message)
  }

  /// The position of the second `key:` in the block mapping whose first such key is at `first`
  /// (same column, before a line indented less).
  private static func secondOccurrence(of key: String, after first: Mark, in source: SourceText)
    -> (line: Int, column: Int)?
  {
    var line = first.line + 1
    let indent = first.column - 1
    while true {
      let text = source.lineText(line)
      if line > first.line + 100_000 || (text.isEmpty && source.lineText(line + 1).isEmpty) {
        return nil
      }
      line += 1
      let scalars = Array(text.unicodeScalars)
      let leading = scalars.prefix { $0 == " " }.count
      let trimmed = String(String.UnicodeScalarView(scalars.dropFirst(leading)))
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      if leading < indent { return nil }
      if leading > indent { continue }
      for form in [key, "\"\(key)\"", "'\(key)'"] where trimmed.hasPrefix(form) {
        let rest = trimmed.dropFirst(form.count).drop { $0 == " " }
        if rest.hasPrefix(":") { return (line - 1, leading + 1) }
      }
      if trimmed.hasPrefix("- ") { return nil }
    }
  }

  private static func position(ofUTF8Offset offset: Int, in text: String) -> (Int, Int) {
    var line = 1
    var column = 1
    for (index, byte) in text.utf8.enumerated() {
      if index >= offset { break }
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return (line, column)
  }
}
