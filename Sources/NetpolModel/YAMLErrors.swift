/// Turns parse errors into one-line diagnostics.
enum YAMLErrors {
  static func diagnostic(_ error: YAMLParseError, source: SourceText) -> Diagnostic {
    switch error {
    case .syntax(let problem, let context, let mark):
      return syntax(problem: problem, context: context, mark: mark, source: source)
    case .duplicateKey(let key, let mark, let firstLine):
      return source.diagnostic(
        line: mark.line, column: mark.column, path: "",
        message: "duplicate key \(quoted(key)) (first written at line \(firstLine))")
    case .undefinedAlias(let mark):
      return source.diagnostic(
        line: mark.line, column: mark.column, path: "",
        message: "invalid YAML: found undefined alias")
    case .aliasRefused(let mark):
      return source.diagnostic(
        line: mark.line, column: mark.column, path: "",
        message: "YAML aliases (*name) are not supported in this file")
    case .reader(let problem, let offset):
      let (line, column) = position(ofUTF8Offset: offset, in: source.text)
      return source.diagnostic(
        line: line, column: column, path: "", message: "invalid YAML: \(problem)")
    }
  }

  private static func syntax(
    problem: String, context: (text: String, mark: YAMLMark)?, mark: YAMLMark, source: SourceText
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
