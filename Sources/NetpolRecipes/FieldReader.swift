import NetpolModel

/// Typed access to the fields of a recipe file, with diagnostics naming file, line and field.
struct FieldReader {
  /// The file being read.
  var file: String

  /// A diagnostic at `tree`.
  func problem(_ tree: YAMLTree, _ path: String, _ message: String) -> Diagnostic {
    Diagnostic(
      location: SourceLocation(file: file, line: tree.line, column: tree.column), path: path,
      message: message)
  }

  /// A diagnostic at the key of `entry`.
  func problem(_ entry: YAMLTree.Entry, _ path: String, _ message: String) -> Diagnostic {
    Diagnostic(
      location: SourceLocation(file: file, line: entry.keyLine, column: entry.keyColumn),
      path: path, message: message)
  }

  private func join(_ path: String, _ key: String) -> String {
    path.isEmpty ? key : "\(path).\(key)"
  }

  /// The scalar under `key`; a missing required field or a non-scalar is reported.
  func text(_ tree: YAMLTree, _ key: String, required: Bool, path: String = "")
    throws(Diagnostic) -> String?
  {
    guard let node = tree[key], !node.isNull else {
      if required { throw problem(tree, join(path, key), "missing field '\(key)'") }
      return nil
    }
    guard let text = node.scalar else {
      throw problem(node, join(path, key), "expected text, found \(node.shapeName)")
    }
    return text
  }

  /// The items of the list under `key` (none when missing).
  func list(_ tree: YAMLTree, _ key: String, path: String = "") throws(Diagnostic) -> [YAMLTree] {
    guard let node = tree[key], !node.isNull else { return [] }
    guard let items = node.items else {
      throw problem(node, join(path, key), "expected a list, found \(node.shapeName)")
    }
    return items
  }

  /// The boolean under `key`.
  func bool(_ tree: YAMLTree, _ key: String, path: String) throws(Diagnostic) -> Bool? {
    guard let node = tree[key] else { return nil }
    switch node.scalar {
    case "true": return true
    case "false": return false
    default: throw problem(node, join(path, key), "expected true or false")
    }
  }

  /// The integer under `key`.
  func int(_ tree: YAMLTree, _ key: String, path: String) throws(Diagnostic) -> Int? {
    guard let node = tree[key] else { return nil }
    guard let text = node.scalar, let value = Int(text) else {
      throw problem(node, join(path, key), "expected a whole number")
    }
    return value
  }

  /// A parameter value as written in a recipe or plan: text, or (for lists) a list of scalars
  /// joined with commas.
  func value(_ node: YAMLTree, path: String, list: Bool) throws(Diagnostic) -> String {
    if node.isNull { return "" }
    if let text = node.scalar { return text }
    if list, let items = node.items {
      var parts: [String] = []
      for (index, item) in items.enumerated() {
        guard let text = item.scalar, !text.contains(",") else {
          throw problem(item, "\(path)[\(index)]", "a list item is text without commas")
        }
        parts.append(text)
      }
      return parts.joined(separator: ",")
    }
    throw problem(
      node, path, "expected \(list ? "text or a list" : "text"), found \(node.shapeName)")
  }
}
