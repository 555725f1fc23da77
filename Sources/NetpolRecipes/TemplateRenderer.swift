import NetpolModel
import Yams

/// Substitutes typed parameter values into a template, producing a Yams node.
struct TemplateRenderer {
  /// The result of rendering one template.
  enum Output {
    /// One node.
    case node(Node)
    /// The items of a list value: a sequence as a mapping value, spliced into a sequence.
    case items([Node])
    /// Nothing: the parameter has no value, so the entry or item is left out.
    case absent
  }

  /// The recipe, for messages.
  var recipe: String
  /// The value of every parameter that has one (including `name` and `namespace`).
  var values: [String: ParameterValue]

  /// Renders a whole document, which must come out as a mapping.
  func document(_ template: Template) throws(RecipeError) -> Node {
    guard case .node(let node) = try render(template), node.mapping != nil else {
      throw RecipeError.invalidResult(
        recipe: recipe, kind: .networkpolicy,
        [Diagnostic(location: nil, path: "", message: "the document is not a mapping")])
    }
    return node
  }

  /// Renders `template`.
  func render(_ template: Template) throws(RecipeError) -> Output {
    switch template {
    case .literal(let text, let style, let tag):
      let nodeTag = tag.map { Tag(Tag.Name(rawValue: $0)) } ?? .implicit
      return .node(
        Node(
          text, style == .quoted ? Tag(.str) : nodeTag, style == .quoted ? .doubleQuoted : .plain))
    case .mapping(let entries):
      var pairs: [(Node, Node)] = []
      for entry in entries {
        switch try render(entry.value) {
        case .node(let node): pairs.append((Self.key(entry.key), node))
        case .items(let items): pairs.append((Self.key(entry.key), Node(items)))
        case .absent: break
        }
      }
      return .node(Node(pairs))
    case .sequence(let items):
      var nodes: [Node] = []
      for item in items {
        switch try render(item) {
        case .node(let node): nodes.append(node)
        case .items(let spliced): nodes += spliced
        case .absent: break
        }
      }
      return .node(Node(nodes))
    case .conditional(let parameter, let then):
      return values[parameter] == nil ? .absent : try render(then)
    case .reference(let reference):
      guard let value = values[reference.parameter] else {
        if let with = reference.with { return try render(with) }
        return .absent
      }
      return try output(value, reference)
    }
  }

  /// The output for a parameter value used by `reference`.
  private func output(_ value: ParameterValue, _ reference: Reference) throws(RecipeError)
    -> Output
  {
    switch value {
    case .list(let items):
      var nodes: [Node] = []
      for item in items {
        if let each = reference.each {
          var inner = self
          inner.values["item"] = item
          switch try inner.render(each) {
          case .node(let node): nodes.append(node)
          case .items(let spliced): nodes += spliced
          case .absent: break
          }
        } else {
          nodes.append(scalarNode(item, asString: reference.asString))
        }
      }
      return .items(nodes)
    case .selector(let selector):
      return .node(try selectorNode(selector, reference))
    default:
      return .node(scalarNode(value, asString: reference.asString))
    }
  }

  /// The node of a non-list, non-selector value.
  private func scalarNode(_ value: ParameterValue, asString: Bool) -> Node {
    switch value {
    case .text(let text): return Self.string(text)
    case .port(.number(let number)):
      return asString ? Self.string(String(number)) : Node(String(number), Tag(.int), .plain)
    case .port(.name(let name)): return Self.string(name)
    case .fqdn(let name):
      if asString { return Self.string(name) }
      let key = name.contains("*") ? "matchPattern" : "matchName"
      return Node([(Self.key(key), Self.string(name))])
    case .selector(let selector):
      return Self.string(SelectorSyntax.format(selector))
    case .list(let items):
      return Node(items.map { scalarNode($0, asString: asString) })
    }
  }

  /// A selector mapping: the `with` part (from the recipe) ANDed with the value.
  private func selectorNode(_ selector: LabelSelector, _ reference: Reference)
    throws(RecipeError) -> Node
  {
    var labels: [(Node, Node)] = []
    var expressions: [Node] = []
    var seen = Set<String>()
    if let with = reference.with, case .node(let node) = try render(with) {
      for (key, value) in node.mapping?["matchLabels"]?.mapping ?? [:] {
        labels.append((key, value))
        seen.insert(key.string ?? "")
      }
      expressions += node.mapping?["matchExpressions"]?.sequence.map(Array.init) ?? []
    }
    let prefix = reference.keyPrefix ?? ""
    for key in selector.matchLabels.keys.sorted() {
      let full = prefix + key
      guard seen.insert(full).inserted else {
        throw RecipeError.invalidParameter(
          recipe: recipe, parameter: reference.parameter, value: SelectorSyntax.format(selector),
          reason: "sets label \(key), which the recipe already sets",
          accepts: "a selector on other labels than \(key)")
      }
      labels.append((Self.key(full), Self.string(selector.matchLabels[key]!)))
    }
    for requirement in selector.matchExpressions {
      var pairs: [(Node, Node)] = [
        (Self.key("key"), Self.string(prefix + requirement.key)),
        (Self.key("operator"), Self.string(requirement.operator.rawValue)),
      ]
      if !requirement.values.isEmpty {
        pairs.append((Self.key("values"), Node(requirement.values.map(Self.string))))
      }
      expressions.append(Node(pairs))
    }
    var pairs: [(Node, Node)] = []
    if !labels.isEmpty { pairs.append((Self.key("matchLabels"), Node(labels))) }
    if !expressions.isEmpty { pairs.append((Self.key("matchExpressions"), Node(expressions))) }
    return Node(pairs)
  }

  /// A mapping key.
  static func key(_ text: String) -> Node { Node(text, Tag(.str), .any) }

  /// A string scalar, double-quoted so that no content can be read as YAML structure.
  static func string(_ text: String) -> Node { Node(text, Tag(.str), .doubleQuoted) }
}
