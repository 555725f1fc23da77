import NetpolModel

/// Reads a recipe file (the format is documented in docs/recipes.md) into a `Recipe`.
enum RecipeFileParser {
  /// The keys a recipe file may have at the top level.
  static let topLevelKeys = [
    "name", "summary", "description", "aliases", "policyName", "parameters", "example", "kinds",
    "body",
  ]
  /// The keys of one parameter.
  static let parameterKeys = ["name", "type", "items", "default", "required", "help", "validation"]
  /// The keys of a parameter's `validation`.
  static let validationKeys = ["enum", "min", "max", "pattern", "minItems", "maxItems"]
  /// Names a recipe cannot give its parameters (they are built in).
  static let reservedNames: Set<String> = ["name", "namespace", "item"]

  /// Parses the text of `file`; the first problem is thrown with its file, line and field.
  static func parse(_ text: String, file: String, origin: RecipeOrigin) throws(Diagnostic)
    -> Recipe
  {
    let tree = try YAMLTree.parse(text, file: file)
    let reader = FieldReader(file: file)
    guard let entries = tree.entries else {
      throw reader.problem(tree, "", "a recipe file is a mapping (name:, summary:, ...)")
    }
    for entry in entries where !topLevelKeys.contains(entry.key) {
      throw reader.problem(
        entry, entry.key,
        "unknown field; a recipe has " + topLevelKeys.joined(separator: ", "))
    }
    let name = try reader.text(tree, "name", required: true)!
    if let problem = Validation.dns1123Label(name) {
      throw reader.problem(tree["name"]!, "name", problem)
    }
    let summary = try reader.text(tree, "summary", required: true)!
    if summary.contains(where: \.isNewline) {
      throw reader.problem(tree["summary"]!, "summary", "the summary is one line")
    }
    let description = try reader.text(tree, "description", required: true)!
    var aliases: [String] = []
    for (index, item) in try reader.list(tree, "aliases").enumerated() {
      guard let alias = item.scalar, Validation.dns1123Label(alias) == nil else {
        throw reader.problem(item, "aliases[\(index)]", "an alias is a lower-case name")
      }
      aliases.append(alias)
    }
    let policyName = try reader.text(tree, "policyName", required: false) ?? name
    if let problem = Validation.dns1123Subdomain(policyName) {
      throw reader.problem(tree["policyName"] ?? tree, "policyName", problem)
    }
    let parameters = try parseParameters(tree, reader: reader, recipe: name)
    let kinds = try parseKinds(tree, reader: reader)
    let bodies = try BodyParser(file: file, parameters: parameters)
      .parse(tree, kinds: kinds, reader: reader)
    var recipe = Recipe(
      name: name, summary: summary, description: description, aliases: aliases,
      parameters: parameters, kinds: kinds, policyName: policyName, example: [:], origin: origin,
      bodies: bodies)
    recipe.example = try parseExample(tree, reader: reader, recipe: recipe)
    return recipe
  }

  private static func parseParameters(
    _ tree: YAMLTree, reader: FieldReader, recipe: String
  ) throws(Diagnostic) -> [RecipeParameter] {
    var parameters: [RecipeParameter] = []
    for (index, node) in try reader.list(tree, "parameters").enumerated() {
      let path = "parameters[\(index)]"
      guard let entries = node.entries else {
        throw reader.problem(node, path, "a parameter is a mapping (name:, type:, help:, ...)")
      }
      for entry in entries where !parameterKeys.contains(entry.key) {
        throw reader.problem(
          entry, "\(path).\(entry.key)",
          "unknown field; a parameter has " + parameterKeys.joined(separator: ", "))
      }
      let name = try reader.text(node, "name", required: true, path: path)!
      let validName =
        name.first.map { $0.isLetter && $0.isLowercase } == true
        && name.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" }
      guard validName, !reservedNames.contains(name) else {
        throw reader.problem(
          node["name"]!, "\(path).name",
          "a parameter name is lower-case letters, digits and '-', and not name, namespace or item"
        )
      }
      if parameters.contains(where: { $0.name == name }) {
        throw reader.problem(node["name"]!, "\(path).name", "a second parameter named '\(name)'")
      }
      let typeText = try reader.text(node, "type", required: true, path: path)!
      guard let type = ParameterType(rawValue: typeText) else {
        throw reader.problem(
          node["type"]!, "\(path).type",
          "unknown type; use one of "
            + ParameterType.allCases.map(\.rawValue).joined(separator: ", "))
      }
      var itemType: ParameterType?
      if let itemsNode = node["items"] {
        let itemTypes: [ParameterType] = [.namespace, .port, .protocol, .cidr, .fqdn, .string]
        guard type == .list, let raw = itemsNode.scalar, let parsed = ParameterType(rawValue: raw),
          itemTypes.contains(parsed)
        else {
          throw reader.problem(
            itemsNode, "\(path).items",
            "'items' is for list parameters: one of "
              + itemTypes.map(\.rawValue).joined(separator: ", "))
        }
        itemType = parsed
      } else if type == .list {
        itemType = .string
      }
      let required = try reader.bool(node, "required", path: path) ?? false
      let help = try reader.text(node, "help", required: true, path: path)!
      let validation = try parseValidation(node, reader: reader, path: path)
      var defaultValue: String?
      if let defaultNode = node["default"], !defaultNode.isNull {
        defaultValue = try reader.value(defaultNode, path: "\(path).default", list: type == .list)
      }
      if required && defaultValue != nil {
        throw reader.problem(
          node["default"]!, "\(path).default", "a required parameter has no default")
      }
      let parameter = RecipeParameter(
        name: name, type: type, itemType: itemType, defaultValue: defaultValue,
        required: required, help: help, validation: validation)
      if let defaultValue {
        do {
          _ = try parameter.parse(defaultValue, recipe: recipe)
        } catch {
          throw reader.problem(node["default"]!, "\(path).default", error.description)
        }
      }
      parameters.append(parameter)
    }
    return parameters
  }

  private static func parseValidation(
    _ node: YAMLTree, reader: FieldReader, path: String
  ) throws(Diagnostic) -> ParameterValidation {
    guard let validationNode = node["validation"] else { return ParameterValidation() }
    let base = "\(path).validation"
    guard let entries = validationNode.entries else {
      throw reader.problem(validationNode, base, "validation is a mapping (enum:, min:, ...)")
    }
    for entry in entries where !validationKeys.contains(entry.key) {
      throw reader.problem(
        entry, "\(base).\(entry.key)",
        "unknown check; use " + validationKeys.joined(separator: ", "))
    }
    var validation = ParameterValidation()
    if validationNode["enum"] != nil {
      validation.allowed = try reader.list(validationNode, "enum", path: base).enumerated().map {
        (index, item) throws(Diagnostic) -> String in
        guard let text = item.scalar else {
          throw reader.problem(item, "\(base).enum[\(index)]", "expected text")
        }
        return text
      }
    }
    validation.minimum = try reader.int(validationNode, "min", path: base)
    validation.maximum = try reader.int(validationNode, "max", path: base)
    validation.minItems = try reader.int(validationNode, "minItems", path: base)
    validation.maxItems = try reader.int(validationNode, "maxItems", path: base)
    validation.pattern = try reader.text(validationNode, "pattern", required: false, path: base)
    return validation
  }

  private static func parseKinds(_ tree: YAMLTree, reader: FieldReader) throws(Diagnostic)
    -> [PolicyKindChoice]
  {
    guard tree["kinds"] != nil else {
      throw reader.problem(tree, "kinds", "missing field 'kinds' (networkpolicy, cnp, ccnp)")
    }
    var kinds: [PolicyKindChoice] = []
    for (index, item) in try reader.list(tree, "kinds").enumerated() {
      guard let raw = item.scalar, let kind = PolicyKindChoice(rawValue: raw),
        !kinds.contains(kind)
      else {
        throw reader.problem(
          item, "kinds[\(index)]", "a kind is networkpolicy, cnp or ccnp, each at most once")
      }
      kinds.append(kind)
    }
    if kinds.isEmpty { throw reader.problem(tree["kinds"]!, "kinds", "list at least one kind") }
    return kinds
  }

  private static func parseExample(
    _ tree: YAMLTree, reader: FieldReader, recipe: Recipe
  ) throws(Diagnostic) -> [String: String] {
    guard let node = tree["example"] else { return [:] }
    guard let entries = node.entries else {
      throw reader.problem(node, "example", "example is a mapping of parameter values")
    }
    var example: [String: String] = [:]
    for entry in entries {
      guard let parameter = recipe.parameter(named: entry.key) else {
        throw reader.problem(entry, "example.\(entry.key)", "the recipe has no such parameter")
      }
      let value = try reader.value(
        entry.value, path: "example.\(entry.key)", list: parameter.type == .list)
      do {
        _ = try parameter.parse(value, recipe: recipe.name)
      } catch {
        throw reader.problem(entry.value, "example.\(entry.key)", error.description)
      }
      example[entry.key] = value
    }
    return example
  }
}
