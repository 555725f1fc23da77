import NetpolEngine
import NetpolModel

/// The output formats of a policy-set diff.
public enum PolicySetDiffFormat: String, Sendable, CaseIterable {
  /// Lines for a terminal.
  case text
  /// One JSON object.
  case json
  /// A summary line and tables, for a pull-request comment.
  case markdown
}

extension PolicySetDiff {
  /// The diff in `format`; every line ends in a newline.
  public func rendered(_ format: PolicySetDiffFormat) -> String {
    switch format {
    case .text: return text()
    case .json: return json()
    case .markdown: return markdown()
    }
  }

  /// `N flows changed (A newly allowed, D newly denied) on dataplane X, ports P`.
  public var summary: String {
    let portList = ports.map { "\($0.1)/\($0.0.rawValue)" }.joined(separator: ", ")
    let scope = "dataplane \(dataplane.rawValue), ports \(portList.isEmpty ? "none" : portList)"
    guard !changes.isEmpty else { return "no flow changed (\(scope))" }
    let count = changes.count == 1 ? "1 flow changed" : "\(changes.count) flows changed"
    return
      "\(count) (\(newlyAllowed.count) newly allowed, \(newlyDenied.count) newly denied; \(scope))"
  }

  /// One flow per change with the rules that decide it before and after.
  public func text() -> String {
    var lines = [summary]
    for change in changes { lines += Self.textLines(change) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The lines of one change: the flow, then the reasons on both sides.
  public static func textLines(_ change: PolicySetChange) -> [String] {
    let word = change.flow.new == .allow ? "now allowed" : "now denied "
    return [
      "  \(word)  \(flowText(change.flow))",
      "    before (\(change.flow.old.rawValue)): \(change.before.line)",
      "    after (\(change.flow.new.rawValue)):  \(change.after.line)",
    ]
  }

  /// `{"dataplane":..,"changes":[{"source","destination","port","protocol","before","after",
  /// "beforeRules","afterRules"}]}`.
  public func json() -> String {
    let items: [JSONValue] = changes.map { change in
      .object([
        ("source", .string(change.flow.source)),
        ("destination", .string(change.flow.destination)),
        ("port", .int(change.flow.port)),
        ("protocol", .string(change.flow.protocol.rawValue)),
        ("before", .string(change.flow.old.rawValue)),
        ("after", .string(change.flow.new.rawValue)),
        ("beforeRules", .strings(change.before.sides.map(\.phrase))),
        ("afterRules", .strings(change.after.sides.map(\.phrase))),
      ])
    }
    let object: JSONValue = .object([
      ("dataplane", .string(dataplane.rawValue)), ("changes", .array(items)),
    ])
    return object.rendered + "\n"
  }

  /// A summary line, then a table of newly allowed and a table of newly denied flows.
  public func markdown() -> String {
    var lines = ["**netpol diff**: \(summary)"]
    for (title, rows) in [("Newly allowed", newlyAllowed), ("Newly denied", newlyDenied)]
    where !rows.isEmpty {
      lines += [
        "", "### \(title) (\(rows.count))", "",
        "| source | destination | port | before | after |", "| --- | --- | --- | --- | --- |",
      ]
      for change in rows {
        let cells = [
          change.flow.source, change.flow.destination,
          "\(change.flow.port)/\(change.flow.protocol.rawValue)", change.before.line,
          change.after.line,
        ]
        lines.append("| " + cells.map(Self.markdownCell).joined(separator: " | ") + " |")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The result of `--check RELATION`: whether it holds, and the first counter-examples.
  public func checkText(_ relation: PolicySetRelation, limit: Int = 5) -> String {
    let counter = counterExamples(to: relation)
    let name =
      "the second set is \(relation == .equivalent ? "equivalent to" : "a \(relation.rawValue) of") the first"
    guard !counter.isEmpty else { return "yes: \(name) (\(summary))\n" }
    var lines = ["no: \(name); \(counter.count) counter-example\(counter.count == 1 ? "" : "s")"]
    for change in counter.prefix(limit) { lines += Self.textLines(change) }
    if counter.count > limit { lines.append("  ... and \(counter.count - limit) more") }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func flowText(_ flow: FlowChange) -> String {
    "\(flow.source) -> \(flow.destination) \(flow.port)/\(flow.protocol.rawValue)"
  }

  private static func markdownCell(_ text: String) -> String {
    var cell = ""
    for character in text {
      switch character {
      case "|": cell += "\\|"
      case "\n": cell += " "
      default: cell.append(character)
      }
    }
    return cell
  }
}
