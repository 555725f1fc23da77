import NetpolModel
import Yams

/// Renders one recipe: checks the values, substitutes them, and reads the result back through
/// the policy loader and validator so that only valid policies come out.
struct RecipeRenderer {
  /// The recipe to render.
  var recipe: Recipe

  /// The rendered policies of `kind` (default: the recipe's first kind).
  func render(
    parameters given: [String: String], namespace: String?, policyName: String?,
    kind: PolicyKindChoice?
  ) throws(RecipeError) -> [PolicyResource] {
    let kind = kind ?? recipe.kinds[0]
    guard let templates = recipe.bodies[kind] else {
      throw .unsupportedKind(recipe: recipe.name, kind: kind, available: recipe.kinds)
    }
    let namespace = namespace ?? "default"
    if let problem = Validation.dns1123Label(namespace) {
      throw .invalidName(field: "namespace", value: namespace, reason: problem)
    }
    // the BaselineAdminNetworkPolicy is a singleton the API requires to be named `default`
    let name = policyName ?? (kind == .banp ? "default" : recipe.policyName)
    if let problem = Validation.dns1123Subdomain(name) {
      throw .invalidName(field: "policy name", value: name, reason: problem)
    }
    let values = try values(given, kind: kind, name: name, namespace: namespace)
    let text = try yaml(
      templates, values: values, kind: kind, name: name,
      namespace: kind.isNamespaced ? namespace : nil)
    return try load(text, count: templates.count, kind: kind)
  }

  /// The YAML stream of `templates` with `values` substituted and metadata set.
  func yaml(
    _ templates: [Template], values: [String: ParameterValue], kind: PolicyKindChoice,
    name: String, namespace: String?
  ) throws(RecipeError) -> String {
    let renderer = TemplateRenderer(recipe: recipe.name, values: values)
    var nodes: [Node] = []
    for template in templates {
      let suffix = template.value(at: "metadata")?.literal(at: "name")
      let fullName = suffix.map { "\(name)-\($0)" } ?? name
      if let problem = Validation.dns1123Subdomain(fullName) {
        throw .invalidName(field: "policy name", value: fullName, reason: problem)
      }
      let document = try renderer.document(template)
      nodes.append(Self.settingMetadata(document, name: fullName, namespace: namespace))
    }
    do {
      return try Yams.serialize(nodes: nodes, explicitStart: true)
    } catch {
      throw .invalidResult(
        recipe: recipe.name, kind: kind,
        [Diagnostic(location: nil, path: "", message: "cannot write YAML: \(error)")])
    }
  }

  /// The typed value of every parameter that has one, plus `name` and `namespace`.
  private func values(
    _ given: [String: String], kind: PolicyKindChoice, name: String, namespace: String
  ) throws(RecipeError) -> [String: ParameterValue] {
    for key in given.keys.sorted() where recipe.parameter(named: key) == nil {
      throw .unknownParameter(
        recipe: recipe.name, parameter: key, known: recipe.parameters.map(\.name))
    }
    let used = Set(recipe.parameters(usedBy: kind).map(\.name))
    var values: [String: ParameterValue] = [
      "name": .text(name), "namespace": .text(namespace),
    ]
    for parameter in recipe.parameters {
      guard let text = given[parameter.name] ?? parameter.defaultValue else {
        if parameter.required && used.contains(parameter.name) {
          throw .missingParameter(
            recipe: recipe.name, parameter: parameter.name, accepts: parameter.accepts)
        }
        continue
      }
      values[parameter.name] = try parameter.parse(text, recipe: recipe.name)
    }
    return values
  }

  /// The document with `metadata.name` (and `metadata.namespace`) set, first in `metadata`.
  static func settingMetadata(_ document: Node, name: String, namespace: String?) -> Node {
    var metadata: [(Node, Node)] = [
      (TemplateRenderer.key("name"), TemplateRenderer.string(name))
    ]
    if let namespace {
      metadata.append((TemplateRenderer.key("namespace"), TemplateRenderer.string(namespace)))
    }
    var pairs: [(Node, Node)] = []
    var placed = false
    for (key, value) in document.mapping ?? [:] {
      if key.string == "metadata" {
        for (metaKey, metaValue) in value.mapping ?? [:]
        where metaKey.string != "name" && metaKey.string != "namespace" {
          metadata.append((metaKey, metaValue))
        }
        pairs.append((key, Node(metadata)))
        placed = true
      } else {
        pairs.append((key, value))
        if key.string == "kind" && document.mapping?["metadata"] == nil {
          pairs.append((TemplateRenderer.key("metadata"), Node(metadata)))
          placed = true
        }
      }
    }
    if !placed { pairs.append((TemplateRenderer.key("metadata"), Node(metadata))) }
    return Node(pairs)
  }

  /// Reads the rendered YAML with the policy loader and validates the policies.
  private func load(_ text: String, count: Int, kind: PolicyKindChoice) throws(RecipeError)
    -> [PolicyResource]
  {
    let file = "recipe \(recipe.name) (\(kind.rawValue))"
    let result = PolicyLoader.load(text: text, file: file)
    let problems = result.diagnostics.map {
      Diagnostic(location: nil, path: $0.path, message: $0.message)
    }
    if !problems.isEmpty { throw .invalidResult(recipe: recipe.name, kind: kind, problems) }
    guard result.policies.count == count else {
      throw .invalidResult(
        recipe: recipe.name, kind: kind,
        [
          Diagnostic(
            location: nil, path: "",
            message: "expected \(count) policies, read \(result.policies.count)")
        ])
    }
    let resources = result.policies.map(\.resource)
    let invalid = resources.flatMap(PolicyValidator.validate)
    if !invalid.isEmpty { throw .invalidResult(recipe: recipe.name, kind: kind, invalid) }
    return resources
  }
}
