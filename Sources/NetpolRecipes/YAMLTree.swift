import NetpolModel
import Yams

/// A parsed YAML node that can be kept in `Sendable` values (Yams's `Node` cannot), with the
/// position it was read from.
struct YAMLTree: Sendable, Hashable {
  /// How a scalar was written.
  enum ScalarStyle: Sendable, Hashable {
    /// Unquoted: YAML decides the type (`80` is a number, `true` a boolean).
    case plain
    /// Quoted or a block scalar: always a string.
    case quoted
  }

  /// One `key: value` pair of a mapping.
  struct Entry: Sendable, Hashable {
    /// The key (recipe files only use scalar keys).
    var key: String
    /// Where the key is.
    var keyLine: Int
    /// Where the key is.
    var keyColumn: Int
    /// Whether the key was written unquoted (only unquoted keys can be placeholders).
    var keyIsPlain = true
    /// The value.
    var value: YAMLTree
  }

  /// The node's content.
  enum Content: Sendable, Hashable {
    /// A scalar, with its text and style; `tag` is an explicit tag such as `!!str`.
    case scalar(String, ScalarStyle, tag: String?)
    /// A mapping, in file order.
    case mapping([Entry])
    /// A sequence.
    case sequence([YAMLTree])
  }

  /// The content.
  var content: Content
  /// The 1-based line of the node.
  var line: Int
  /// The 1-based column of the node.
  var column: Int

  /// The scalar text, for scalars.
  var scalar: String? {
    if case .scalar(let text, _, _) = content { return text }
    return nil
  }

  /// The entries, for mappings.
  var entries: [Entry]? {
    if case .mapping(let entries) = content { return entries }
    return nil
  }

  /// The items, for sequences.
  var items: [YAMLTree]? {
    if case .sequence(let items) = content { return items }
    return nil
  }

  /// Whether this is a plain scalar that YAML reads as null (`~`, `null`, or nothing).
  var isNull: Bool {
    if case .scalar(let text, .plain, nil) = content {
      return ["", "~", "null", "Null", "NULL"].contains(text)
    }
    return false
  }

  /// The value under `key`, for mappings.
  subscript(key: String) -> YAMLTree? {
    entries?.first { $0.key == key }?.value
  }

  /// A short name of the node's shape for messages: `a mapping`, `a list`, `text`.
  var shapeName: String {
    switch content {
    case .scalar: return "a scalar"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    }
  }

  /// Converts a composed Yams node; aliases and non-scalar keys are reported.
  static func from(_ node: Node, file: String, path: String) throws(Diagnostic) -> YAMLTree {
    let line = node.mark?.line ?? 1
    let column = node.mark?.column ?? 1
    switch node {
    case .scalar(let scalar):
      let tag = scalar.tag.rawValue
      let isPlain = (scalar.style == .plain || scalar.style == .any) && tag != Tag.Name.str.rawValue
      return YAMLTree(
        content: .scalar(
          scalar.string, isPlain ? .plain : .quoted, tag: isPlain && !tag.isEmpty ? tag : nil),
        line: line, column: column)
    case .mapping(let mapping):
      var entries: [Entry] = []
      for (key, value) in mapping {
        guard case .scalar(let keyScalar) = key else {
          throw Diagnostic(
            location: SourceLocation(file: file, line: line, column: column), path: path,
            message: "mapping keys must be plain text")
        }
        let childPath = path.isEmpty ? keyScalar.string : "\(path).\(keyScalar.string)"
        entries.append(
          Entry(
            key: keyScalar.string, keyLine: key.mark?.line ?? line,
            keyColumn: key.mark?.column ?? column,
            keyIsPlain: keyScalar.style == .plain || keyScalar.style == .any,
            value: try from(value, file: file, path: childPath)))
      }
      return YAMLTree(content: .mapping(entries), line: line, column: column)
    case .sequence(let sequence):
      var items: [YAMLTree] = []
      for (index, item) in sequence.enumerated() {
        items.append(try from(item, file: file, path: "\(path)[\(index)]"))
      }
      return YAMLTree(content: .sequence(items), line: line, column: column)
    case .alias:
      throw Diagnostic(
        location: SourceLocation(file: file, line: line, column: column), path: path,
        message: "YAML aliases (*name) are not supported in recipe files")
    }
  }

  /// Parses one YAML document; syntax errors become a diagnostic at their position.
  static func parse(_ text: String, file: String) throws(Diagnostic) -> YAMLTree {
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw syntaxDiagnostic(error, file: file)
    } catch {
      throw Diagnostic(
        location: SourceLocation(file: file, line: 1, column: 1), path: "",
        message: "cannot parse YAML: \(error)")
    }
    guard let node else {
      throw Diagnostic(
        location: SourceLocation(file: file, line: 1, column: 1), path: "",
        message: "the file is empty")
    }
    return try from(node, file: file, path: "")
  }

  /// A one-line diagnostic for a Yams syntax error.
  private static func syntaxDiagnostic(_ error: YamlError, file: String) -> Diagnostic {
    var line = 1
    var column = 1
    var message = "\(error)"
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      line = mark.line
      column = mark.column
      message = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }
        .joined(separator: " ")
    case .duplicatedKeysInMapping(let duplicates, let context):
      line = context.mark.line
      column = context.mark.column
      message = "duplicate key(s) " + duplicates.map { "'\($0)'" }.joined(separator: ", ")
    default:
      break
    }
    let oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    return Diagnostic(
      location: SourceLocation(file: file, line: line, column: column), path: "",
      message: "YAML syntax error: \(oneLine)")
  }
}
