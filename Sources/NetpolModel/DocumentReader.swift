/// A node budget shared by the documents of one file: composing shares aliased nodes, so a
/// walk could visit exponentially many; the walk stops when the budget is spent.
final class NodeBudget {
  var remaining: Int
  var exhausted = false

  init(remaining: Int) { self.remaining = remaining }
}

/// The fields of a mapping by name; null values read as absent (as JSON null does).
struct Fields {
  struct Field {
    let name: String
    let key: YAMLNode
    let value: YAMLNode
    let path: String
  }

  var byName: [String: Field] = [:]

  /// The field if written with a non-null value.
  subscript(name: String) -> Field? {
    guard let field = byName[name], !DocumentReader.isNull(field.value) else { return nil }
    return field
  }

  /// Whether the field was written at all (even as null).
  func has(_ name: String) -> Bool { byName[name] != nil }
}

/// Reads one object (a document or a `List` item) from composed YAML nodes, collecting
/// diagnostics and the location of every field it reads.
final class DocumentReader {
  let source: SourceText
  /// Prepended to diagnostic paths (e.g. `items[2]`) for objects inside a List.
  let prefix: String
  let budget: NodeBudget
  var diagnostics: [Diagnostic] = []
  var locations: [String: SourceLocation] = [:]

  init(source: SourceText, prefix: String, budget: NodeBudget) {
    self.source = source
    self.prefix = prefix
    self.budget = budget
  }

  static func isNull(_ node: YAMLNode) -> Bool {
    if case .scalar(let scalar) = node { return ScalarValue.resolve(scalar) == .null }
    return false
  }

  static func join(_ base: String, _ name: String) -> String {
    base.isEmpty ? name : (name.isEmpty ? base : "\(base).\(name)")
  }

  /// Whether the walk may go on; spends one node of the budget.
  func visit(_ node: YAMLNode) -> Bool {
    if budget.exhausted { return false }
    budget.remaining -= 1
    if budget.remaining < 0 {
      budget.exhausted = true
      error(
        node, "",
        "the document is too large after alias expansion; aliases may not expand it beyond "
          + "the size of the file")
      return false
    }
    return true
  }

  func location(_ node: YAMLNode) -> SourceLocation? {
    let mark = node.mark
    return source.location(line: mark.line, column: mark.column)
  }

  func error(_ node: YAMLNode?, _ path: String, _ message: String) {
    let fullPath = DocumentReader.join(prefix, path)
    if let mark = node?.mark {
      diagnostics.append(
        source.diagnostic(line: mark.line, column: mark.column, path: fullPath, message: message))
    } else {
      diagnostics.append(Diagnostic(location: nil, path: fullPath, message: message))
    }
  }

  /// The recorded location of `path`, or of its nearest recorded ancestor.
  func nearestLocation(of path: String) -> SourceLocation? {
    var current = Substring(path)
    while true {
      if let found = locations[String(current)] { return found }
      guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else {
        return locations[""]
      }
      current = current[..<cut]
    }
  }

  func record(_ path: String, _ node: YAMLNode) {
    if let location = location(node) { locations[path] = location }
  }

  /// What a node is, for "expected X, found Y" messages.
  static func describe(_ node: YAMLNode) -> String {
    switch node {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .scalar(let scalar): return ScalarValue.resolve(scalar)?.typeName ?? "a tagged value"
    }
  }

  /// The fields of a mapping. Unknown names are errors when `strict`; names in `unsupported`
  /// are errors with the given explanation. Locations are recorded for every field.
  func fields(
    _ node: YAMLNode, at path: String, known: Set<String>, strict: Bool = true,
    unsupported: [String: String] = [:]
  ) -> Fields? {
    guard visit(node) else { return nil }
    guard case .mapping(let mapping) = node else {
      error(node, path, "expected a mapping, found \(DocumentReader.describe(node))")
      return nil
    }
    var result = Fields()
    for index in mapping.startIndex..<mapping.endIndex {
      let (key, value) = mapping[index]
      guard case .scalar(let keyScalar) = key, !DocumentReader.isNull(key) else {
        error(key, path, "field names must be strings, found \(DocumentReader.describe(key))")
        continue
      }
      let name = keyScalar.string
      let fieldPath = DocumentReader.join(path, name)
      if name == "<<" {
        error(key, fieldPath, "merge keys (<<) are not supported")
        continue
      }
      if let reason = unsupported[name] {
        error(key, fieldPath, reason)
        continue
      }
      guard known.contains(name) else {
        if strict { error(key, fieldPath, DocumentReader.unknownField(name, known: known)) }
        continue
      }
      if case .scalar = value, !DocumentReader.isNull(value) {
        record(fieldPath, value)
      } else {
        record(fieldPath, key)
      }
      result.byName[name] = Fields.Field(name: name, key: key, value: value, path: fieldPath)
    }
    return result
  }

  static func unknownField(_ name: String, known: Set<String>) -> String {
    let suggestion = known.sorted().min { editDistance($0, name) < editDistance($1, name) }
    if let suggestion, editDistance(suggestion, name) <= max(1, min(3, name.count / 3)) {
      return "unknown field \(quoted(name)) (did you mean \(quoted(suggestion))?)"
    }
    return "unknown field \(quoted(name))"
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased())
    let b = Array(b.lowercased())
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }

  /// The items of a list with their paths; each item's location is recorded.
  func items(_ node: YAMLNode, at path: String) -> [(path: String, node: YAMLNode)]? {
    guard visit(node) else { return nil }
    guard case .sequence(let sequence) = node else {
      error(node, path, "expected a list, found \(DocumentReader.describe(node))")
      return nil
    }
    var result: [(String, YAMLNode)] = []
    result.reserveCapacity(sequence.count)
    for (index, item) in sequence.enumerated() {
      let itemPath = "\(path)[\(index)]"
      record(itemPath, item)
      result.append((itemPath, item))
    }
    return result
  }

  /// A string scalar; numbers, booleans and null are errors (quote them).
  func string(_ node: YAMLNode, at path: String) -> String? {
    guard visit(node) else { return nil }
    guard case .scalar(let scalar) = node, let value = ScalarValue.resolve(scalar) else {
      error(node, path, "expected a string, found \(DocumentReader.describe(node))")
      return nil
    }
    if case .string(let text) = value { return text }
    let hint = value == .null ? "" : " (quote it: \(quoted(scalar.string)))"
    error(node, path, "expected a string, found \(value.typeName)\(hint)")
    return nil
  }

  /// An integer scalar.
  func int(_ node: YAMLNode, at path: String) -> Int? {
    guard visit(node) else { return nil }
    guard case .scalar(let scalar) = node, let value = ScalarValue.resolve(scalar) else {
      error(node, path, "expected an integer, found \(DocumentReader.describe(node))")
      return nil
    }
    switch value {
    case .int(let number): return number
    case .bigInt: error(node, path, "the number \(scalar.string) is too large")
    case .float: error(node, path, "expected an integer, found \(quoted(scalar.string))")
    default: error(node, path, "expected an integer, found \(value.typeName)")
    }
    return nil
  }

  /// A boolean scalar.
  func bool(_ node: YAMLNode, at path: String) -> Bool? {
    guard visit(node) else { return nil }
    if case .scalar(let scalar) = node, case .bool(let value) = ScalarValue.resolve(scalar) {
      return value
    }
    error(node, path, "expected a boolean (true or false), found \(DocumentReader.describe(node))")
    return nil
  }

  /// A list of strings.
  func strings(_ node: YAMLNode, at path: String) -> [String]? {
    guard let items = items(node, at: path) else { return nil }
    var result: [String] = []
    var ok = true
    for item in items {
      if let text = string(item.node, at: item.path) { result.append(text) } else { ok = false }
    }
    return ok ? result : nil
  }

  /// A mapping of strings to strings (labels, annotations); each key's location is recorded.
  func stringMap(_ node: YAMLNode, at path: String) -> [String: String]? {
    guard visit(node) else { return nil }
    guard case .mapping(let mapping) = node else {
      error(node, path, "expected a mapping, found \(DocumentReader.describe(node))")
      return nil
    }
    var result: [String: String] = [:]
    var ok = true
    for index in mapping.startIndex..<mapping.endIndex {
      let (key, value) = mapping[index]
      guard case .scalar(let keyScalar) = key, !DocumentReader.isNull(key) else {
        error(key, path, "keys must be strings, found \(DocumentReader.describe(key))")
        ok = false
        continue
      }
      let entryPath = DocumentReader.join(path, keyScalar.string)
      record(entryPath, key)
      if let text = string(value, at: entryPath) {
        result[keyScalar.string] = text
      } else {
        ok = false
      }
    }
    return ok ? result : nil
  }

  /// A string that must be one of `allowed`.
  func choice(_ node: YAMLNode, at path: String, allowed: [String]) -> String? {
    guard let text = string(node, at: path) else { return nil }
    guard allowed.contains(text) else {
      let list = allowed.map { quoted($0) }.joined(separator: ", ")
      error(node, path, "unsupported value \(quoted(text)): supported values: \(list)")
      return nil
    }
    return text
  }

  /// Reports a required field that is missing.
  func requireField(_ fields: Fields, _ name: String, in node: YAMLNode, at path: String) -> Bool {
    if fields[name] != nil { return true }
    error(node, path, "missing required field \(quoted(name))")
    return false
  }
}
