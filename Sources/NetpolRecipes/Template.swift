import NetpolModel

/// A policy document of a recipe with its placeholders resolved to parameter references.
///
/// Values are only ever put into whole nodes: a placeholder stands for a node (or, for lists,
/// a run of sequence items), never for text inside a scalar, so no value can change the
/// document's structure.
indirect enum Template: Sendable, Hashable {
  /// A scalar written in the recipe, kept with its style (plain scalars are typed by YAML).
  case literal(String, YAMLTree.ScalarStyle, tag: String?)
  /// A mapping written in the recipe.
  case mapping([TemplateEntry])
  /// A sequence written in the recipe.
  case sequence([Template])
  /// `$name` or `{$param: name, ...}`: the value of a parameter.
  case reference(Reference)
  /// `{$if: name, then: ...}`: the template when the parameter has a value, else nothing.
  case conditional(parameter: String, then: Template)

  /// Adds the names of every parameter the template refers to.
  func collectReferences(into names: inout Set<String>) {
    switch self {
    case .literal: break
    case .mapping(let entries): for entry in entries { entry.value.collectReferences(into: &names) }
    case .sequence(let items): for item in items { item.collectReferences(into: &names) }
    case .reference(let reference):
      names.insert(reference.parameter)
      reference.with?.collectReferences(into: &names)
      reference.each?.collectReferences(into: &names)
    case .conditional(let parameter, let then):
      names.insert(parameter)
      then.collectReferences(into: &names)
    }
  }

  /// The written scalar under `key`, for mapping templates.
  func literal(at key: String) -> String? {
    guard case .mapping(let entries) = self,
      case .literal(let text, _, _)? = entries.first(where: { $0.key == key })?.value
    else { return nil }
    return text
  }

  /// The template under `key`, for mapping templates.
  func value(at key: String) -> Template? {
    guard case .mapping(let entries) = self else { return nil }
    return entries.first { $0.key == key }?.value
  }
}

/// One `key: value` pair of a mapping template.
struct TemplateEntry: Sendable, Hashable {
  /// The key, as written.
  var key: String
  /// The value.
  var value: Template
}

/// A use of a parameter's value, with the options of the `{$param: ...}` form.
struct Reference: Sendable, Hashable {
  /// The parameter (or `name`, `namespace`, `item`).
  var parameter: String
  /// `as: string`: write a port or name as a quoted string (Cilium ports are strings).
  var asString = false
  /// `with:` (selectors): a selector written in the recipe that is ANDed with the value.
  var with: Template?
  /// `keyPrefix:` (selectors): a prefix added to each label key of the value, e.g. `k8s:`.
  var keyPrefix: String?
  /// `each:` (lists): the template repeated for every item, with `$item` bound to it.
  var each: Template?
}

/// Turns the YAML of a recipe body into a template, checking every placeholder.
struct TemplateCompiler {
  /// The recipe file, for diagnostics.
  var file: String
  /// The type of every name a placeholder may use.
  var scope: [String: ParameterType]
  /// The item type of every list parameter.
  var listItemTypes: [String: ParameterType] = [:]

  /// Names every recipe can use without declaring them.
  static let builtIns: [String: ParameterType] = ["name": .string, "namespace": .namespace]

  /// Compiles `tree`, whose field path is `path`.
  func compile(_ tree: YAMLTree, path: String) throws(Diagnostic) -> Template {
    switch tree.content {
    case .scalar(let text, let style, let tag):
      if style == .plain && tag == nil && text.hasPrefix("$") {
        let name = String(text.dropFirst())
        _ = try type(of: name, at: tree, path: path)
        return .reference(Reference(parameter: name))
      }
      return .literal(text, style, tag: tag)
    case .sequence(let items):
      var compiled: [Template] = []
      for (index, item) in items.enumerated() {
        compiled.append(try compile(item, path: "\(path)[\(index)]"))
      }
      return .sequence(compiled)
    case .mapping(let entries):
      if entries.contains(where: { $0.keyIsPlain && $0.key.hasPrefix("$") }) {
        return try compileDirective(tree, entries: entries, path: path)
      }
      var compiled: [TemplateEntry] = []
      for entry in entries {
        let childPath = path.isEmpty ? entry.key : "\(path).\(entry.key)"
        compiled.append(
          TemplateEntry(key: entry.key, value: try compile(entry.value, path: childPath)))
      }
      return .mapping(compiled)
    }
  }

  /// Compiles `{$param: ...}` and `{$if: ...}` mappings.
  private func compileDirective(
    _ tree: YAMLTree, entries: [YAMLTree.Entry], path: String
  ) throws(Diagnostic) -> Template {
    let keys = Set(entries.map(\.key))
    if keys.contains("$if") {
      try expectKeys(keys, allowed: ["$if", "then"], required: ["$if", "then"], tree, path)
      let name = try parameterName(tree["$if"]!, path: path + ".$if")
      _ = try type(of: name, at: tree, path: path)
      return .conditional(parameter: name, then: try compile(tree["then"]!, path: path + ".then"))
    }
    guard keys.contains("$param") else {
      let key = entries.first { $0.keyIsPlain && $0.key.hasPrefix("$") }!.key
      throw diagnostic(
        tree, path,
        "'\(key)' is not a placeholder form: use {$param: NAME, ...} or {$if: NAME, then: ...}"
          + " (quote a key to write a literal $)")
    }
    try expectKeys(
      keys, allowed: ["$param", "as", "with", "keyPrefix", "each"], required: ["$param"], tree,
      path)
    let name = try parameterName(tree["$param"]!, path: path + ".$param")
    let type = try type(of: name, at: tree, path: path)
    var reference = Reference(parameter: name)
    if let asNode = tree["as"] {
      guard asNode.scalar == "string" else {
        throw diagnostic(asNode, path + ".as", "the only form is 'as: string'")
      }
      guard type != .selector && type != .list else {
        throw diagnostic(asNode, path + ".as", "'as: string' does not apply to a \(type.rawValue)")
      }
      reference.asString = true
    }
    if let withNode = tree["with"] {
      guard type == .selector else {
        throw diagnostic(withNode, path + ".with", "'with' applies only to selector parameters")
      }
      guard withNode.entries != nil else {
        throw diagnostic(withNode, path + ".with", "'with' must be a selector mapping")
      }
      reference.with = try compile(withNode, path: path + ".with")
    }
    if let prefixNode = tree["keyPrefix"] {
      guard type == .selector, let prefix = prefixNode.scalar else {
        throw diagnostic(
          prefixNode, path + ".keyPrefix", "'keyPrefix' is text and applies only to selectors")
      }
      reference.keyPrefix = prefix
    }
    if let eachNode = tree["each"] {
      guard type == .list, let declared = scopeParameterItemType(name) else {
        throw diagnostic(eachNode, path + ".each", "'each' applies only to list parameters")
      }
      var inner = self
      inner.scope["item"] = declared
      reference.each = try inner.compile(eachNode, path: path + ".each")
    }
    return .reference(reference)
  }

  private func scopeParameterItemType(_ name: String) -> ParameterType? {
    listItemTypes[name] ?? (scope[name] == .list ? .string : nil)
  }

  private func parameterName(_ node: YAMLTree, path: String) throws(Diagnostic) -> String {
    guard let name = node.scalar, !name.isEmpty else {
      throw diagnostic(node, path, "expected a parameter name")
    }
    return name.hasPrefix("$") ? String(name.dropFirst()) : name
  }

  private func type(
    of name: String, at tree: YAMLTree, path: String
  ) throws(Diagnostic) -> ParameterType {
    if let type = scope[name] { return type }
    let known = scope.keys.filter { $0 != "item" }.sorted().joined(separator: ", ")
    let hint = name == "item" ? " ($item is only defined inside 'each')" : ""
    throw diagnostic(
      tree, path,
      "$\(name) names no parameter\(hint); declared: \(known) (quote text that starts with $)")
  }

  private func expectKeys(
    _ keys: Set<String>, allowed: Set<String>, required: Set<String>, _ tree: YAMLTree,
    _ path: String
  ) throws(Diagnostic) {
    if let extra = keys.subtracting(allowed).sorted().first {
      throw diagnostic(
        tree, path,
        "unknown key '\(extra)' in a placeholder; allowed: "
          + allowed.sorted().joined(separator: ", "))
    }
    if let missing = required.subtracting(keys).sorted().first {
      throw diagnostic(tree, path, "the placeholder needs '\(missing)'")
    }
  }

  private func diagnostic(_ tree: YAMLTree, _ path: String, _ message: String) -> Diagnostic {
    Diagnostic(
      location: SourceLocation(file: file, line: tree.line, column: tree.column), path: path,
      message: message)
  }
}
