import NetpolModel

/// Reads the `body` of a recipe: per kind, one policy document or a list of them.
struct BodyParser {
  /// The recipe file.
  var file: String
  /// The recipe's parameters.
  var parameters: [RecipeParameter]

  /// The compiled documents of every kind; the kinds of `body` must be exactly `kinds`.
  func parse(_ tree: YAMLTree, kinds: [PolicyKindChoice], reader: FieldReader) throws(Diagnostic)
    -> [PolicyKindChoice: [Template]]
  {
    guard let body = tree["body"] else {
      throw reader.problem(tree, "body", "missing field 'body' (one document per kind)")
    }
    guard let entries = body.entries else {
      throw reader.problem(body, "body", "body is a mapping from kind to policy document")
    }
    var scope = TemplateCompiler.builtIns
    var itemTypes: [String: ParameterType] = [:]
    for parameter in parameters {
      scope[parameter.name] = parameter.type
      if let itemType = parameter.itemType { itemTypes[parameter.name] = itemType }
    }
    let compiler = TemplateCompiler(file: file, scope: scope, listItemTypes: itemTypes)
    var bodies: [PolicyKindChoice: [Template]] = [:]
    for entry in entries {
      guard let kind = PolicyKindChoice(rawValue: entry.key), kinds.contains(kind) else {
        throw reader.problem(
          entry, "body.\(entry.key)",
          "not one of this recipe's kinds (" + kinds.map(\.rawValue).joined(separator: ", ") + ")")
      }
      let documents = entry.value.items ?? [entry.value]
      var names = Set<String>()
      var templates: [Template] = []
      for (index, document) in documents.enumerated() {
        let path =
          entry.value.items == nil ? "body.\(kind.rawValue)" : "body.\(kind.rawValue)[\(index)]"
        try checkDocument(document, kind: kind, path: path, reader: reader)
        let suffix = document["metadata"]?["name"]?.scalar ?? ""
        if !names.insert(suffix).inserted {
          throw reader.problem(
            document, path,
            "two documents get the same name: give each a different metadata.name suffix")
        }
        templates.append(try compiler.compile(document, path: path))
      }
      bodies[kind] = templates
    }
    if let missing = kinds.first(where: { bodies[$0] == nil }) {
      throw reader.problem(body, "body", "no body for kind \(missing.rawValue)")
    }
    return bodies
  }

  /// Checks the fixed parts of a document: apiVersion, kind and metadata.
  private func checkDocument(
    _ document: YAMLTree, kind: PolicyKindChoice, path: String, reader: FieldReader
  ) throws(Diagnostic) {
    guard document.entries != nil else {
      throw reader.problem(document, path, "a policy document is a mapping")
    }
    for (key, expected) in [("apiVersion", kind.apiVersion), ("kind", kind.kindName)] {
      guard let node = document[key] else {
        throw reader.problem(document, "\(path).\(key)", "missing \(key): \(expected)")
      }
      guard node.scalar == expected else {
        throw reader.problem(
          node, "\(path).\(key)", "a \(kind.rawValue) body has \(key): \(expected)")
      }
    }
    guard let metadata = document["metadata"] else { return }
    guard metadata.entries != nil else {
      throw reader.problem(metadata, "\(path).metadata", "metadata is a mapping")
    }
    if let namespace = metadata["namespace"] {
      throw reader.problem(
        namespace, "\(path).metadata.namespace",
        "netpol sets the namespace from -n (use $namespace elsewhere); remove this field")
    }
    if let name = metadata["name"] {
      guard let suffix = name.scalar, Validation.dns1123Label(suffix) == nil else {
        throw reader.problem(
          name, "\(path).metadata.name",
          "a name suffix is a lower-case name; the policy is named NAME-SUFFIX")
      }
    }
  }
}
