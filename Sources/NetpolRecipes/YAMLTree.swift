import NetpolModel

/// A parsed YAML node of a recipe or plan file, with the position it was read from.
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

  /// Converts a parsed node; non-scalar keys are reported.
  static func from(_ node: YAMLNode, file: String, path: String) throws(Diagnostic) -> YAMLTree {
    let line = node.mark.line
    let column = node.mark.column
    switch node {
    case .scalar(let scalar):
      let isPlain = scalar.style == .plain && scalar.tag != YAMLScalar.stringTag
      return YAMLTree(
        content: .scalar(
          scalar.string, isPlain ? .plain : .quoted, tag: isPlain ? scalar.tag : nil),
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
            key: keyScalar.string, keyLine: key.mark.line, keyColumn: key.mark.column,
            keyIsPlain: keyScalar.style == .plain,
            value: try from(value, file: file, path: childPath)))
      }
      return YAMLTree(content: .mapping(entries), line: line, column: column)
    case .sequence(let sequence):
      var items: [YAMLTree] = []
      for (index, item) in sequence.enumerated() {
        items.append(try from(item, file: file, path: "\(path)[\(index)]"))
      }
      return YAMLTree(content: .sequence(items), line: line, column: column)
    }
  }

  /// Parses one YAML document through the guarded reader (aliases refused); syntax errors
  /// become a diagnostic at their position.
  static func parse(_ text: String, file: String) throws(Diagnostic) -> YAMLTree {
    switch YAMLInput.parseSingle(text: text, file: file, options: .init(aliasesAllowed: false)) {
    case .success(let node): return try from(node, file: file, path: "")
    case .failure(let problem): throw problem
    }
  }
}
