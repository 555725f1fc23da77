import NetpolEngine
import NetpolModel

/// Renderings of lint findings: text for people, JSON for scripts, SARIF 2.1.0 for code-scanning
/// services.
public enum LintReport {
  /// The findings as text: per finding a headline, the explanation and the fix, indented; then
  /// a count line.
  public static func text(_ findings: [LintFinding]) -> String {
    var output = ""
    for finding in findings {
      output += finding.headline + "\n"
      output += wrap(finding.explanation, indent: "    ") + "\n"
      let fixLines = finding.fix.split(separator: "\n", omittingEmptySubsequences: false)
      output += "    fix: \(fixLines.first ?? "")\n"
      for line in fixLines.dropFirst() { output += "      \(line)\n" }
    }
    output += summary(findings) + "\n"
    return output
  }

  /// `2 errors, 1 warning, 0 infos` or `no findings`.
  public static func summary(_ findings: [LintFinding]) -> String {
    guard !findings.isEmpty else { return "no findings" }
    func count(_ severity: LintSeverity, _ noun: String) -> String {
      let number = findings.filter { $0.severity == severity }.count
      return "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
    return [count(.error, "error"), count(.warning, "warning"), count(.info, "info")].joined(
      separator: ", ")
  }

  /// The findings as a JSON array, one object per finding (keys: `rule`, `name`, `severity`,
  /// `policy`, `path`, `file`, `line`, `column`, `message`, `explanation`, `fix`).
  public static func json(_ findings: [LintFinding]) -> String {
    let values: [JSONValue] = findings.map { finding in
      .object([
        ("rule", .string(finding.ruleID)), ("name", .string(finding.ruleName)),
        ("severity", .string(finding.severity.rawValue)), ("policy", .string(finding.policy)),
        ("path", .string(finding.path)), ("file", .optional(finding.location?.file)),
        ("line", finding.location.map { .int($0.line) } ?? .null),
        ("column", finding.location.map { .int($0.column) } ?? .null),
        ("message", .string(finding.message)), ("explanation", .string(finding.explanation)),
        ("fix", .string(finding.fix)),
      ])
    }
    return JSONValue.array(values).rendered + "\n"
  }

  /// A SARIF 2.1.0 log with one run: every rule of the registry in `tool.driver.rules`, one
  /// result per finding (level `error`, `warning` or `note`), located by file, line and column
  /// and by the policy's field path.
  public static func sarif(_ findings: [LintFinding], toolVersion: String? = nil) -> String {
    let descriptions = Linter.descriptions
    let rules: [JSONValue] = descriptions.map { description in
      .object([
        ("id", .string(description.id)), ("name", .string(description.name)),
        ("shortDescription", .object([("text", .string(description.summary))])),
        ("fullDescription", .object([("text", .string(description.rationale))])),
        ("defaultConfiguration", .object([("level", .string(level(description.severity)))])),
      ])
    }
    let results: [JSONValue] = findings.map { finding in
      var pairs: [(String, JSONValue)] = [
        ("ruleId", .string(finding.ruleID)),
        ("ruleIndex", .int(descriptions.firstIndex { $0.id == finding.ruleID } ?? 0)),
        ("level", .string(level(finding.severity))),
        ("message", .object([("text", .string("\(finding.message). Fix: \(finding.fix)"))])),
      ]
      var location: [(String, JSONValue)] = []
      if let source = finding.location {
        location.append(
          (
            "physicalLocation",
            .object([
              ("artifactLocation", .object([("uri", .string(uri(source.file)))])),
              (
                "region",
                .object([("startLine", .int(source.line)), ("startColumn", .int(source.column))])
              ),
            ])
          ))
      }
      location.append(
        (
          "logicalLocations",
          .array([
            .object([
              ("name", .string(finding.path)),
              ("fullyQualifiedName", .string("\(finding.policy) \(finding.path)")),
              ("kind", .string("member")),
            ])
          ])
        ))
      pairs.append(("locations", .array([.object(location)])))
      pairs.append(
        (
          "properties",
          .object([
            ("policy", .string(finding.policy)), ("explanation", .string(finding.explanation)),
          ])
        ))
      return .object(pairs)
    }
    var driver: [(String, JSONValue)] = [
      ("name", .string("netpol"))
    ]
    if let toolVersion { driver.append(("version", .string(toolVersion))) }
    driver.append(("rules", .array(rules)))
    let log: JSONValue = .object([
      ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
      ("version", .string("2.1.0")),
      (
        "runs",
        .array([
          .object([("tool", .object([("driver", .object(driver))])), ("results", .array(results))])
        ])
      ),
    ])
    return log.rendered + "\n"
  }

  /// The SARIF level of a severity.
  static func level(_ severity: LintSeverity) -> String {
    switch severity {
    case .error: return "error"
    case .warning: return "warning"
    case .info: return "note"
    }
  }

  /// A relative URI reference for a file path: unreserved characters and `/` kept, the rest
  /// percent-encoded.
  static func uri(_ path: String) -> String {
    var output = ""
    for byte in path.utf8 {
      let character = Character(UnicodeScalar(byte))
      if character.isASCII
        && (character.isLetter || character.isNumber || "-._~/".contains(character))
      {
        output.append(character)
      } else {
        output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return output
  }

  /// Breaks a paragraph into lines of at most 96 characters, each prefixed by `indent`.
  static func wrap(_ text: String, indent: String) -> String {
    var lines: [String] = []
    var current = indent
    for word in text.split(separator: " ") {
      if current.count + word.count + 1 > 96 && current != indent {
        lines.append(current)
        current = indent
      }
      current += (current == indent ? "" : " ") + word
    }
    if current != indent { lines.append(current) }
    return lines.joined(separator: "\n")
  }
}

extension String {
  /// The string with leading zeros up to `width` characters.
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
