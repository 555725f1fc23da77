import Foundation
import NetpolModel
import NetpolRecipes
import NetpolViews

/// `recipe`: lists recipes, or adds the policies of one to the workspace.
extension Interpreter {
  mutating func recipeCommand(_ arguments: inout Arguments, line: String) throws(ShellError) {
    let catalog: RecipeCatalog
    switch recipes.catalog {
    case .success(let value): catalog = value
    case .failure(let error): throw ShellError("cannot read the recipes: \(error.description)")
    }
    guard let nameToken = arguments.peek else {
      var table = TextTable()
      for recipe in catalog.recipes {
        table.add([
          recipe.name, recipe.kinds.map(\.rawValue).joined(separator: ","), recipe.summary,
        ])
      }
      print(table.render() + "\n`recipe NAME KEY=VALUE...` adds one; `help recipe` explains")
      return
    }
    _ = try arguments.next("a recipe name")
    if nameToken.isKeyword("show"), let shown = arguments.peek {
      _ = try arguments.next("a recipe name")
      try arguments.expectEnd("recipe show NAME")
      print(try Self.recipePage(catalog, shown))
      return
    }
    var parameters: [String: String] = [:]
    var parameterTokens: [String: Token] = [:]
    var namespace: String?
    var policyName: String?
    var kind: PolicyKindChoice?
    var repeated: [String: Token] = [:]
    while let token = arguments.peek {
      if token.isKeyword("-n") || token.isKeyword("--namespace") {
        _ = try arguments.next(token.text)
        namespace = try arguments.next("a namespace after \(token.text)").text
      } else if token.isKeyword("--name") {
        _ = try arguments.next(token.text)
        policyName = try arguments.next("a policy name after --name").text
      } else if token.isKeyword("--kind") {
        _ = try arguments.next(token.text)
        let value = try arguments.next("networkpolicy, cnp or ccnp after --kind")
        guard let parsed = PolicyKindChoice(name: value.text) else {
          throw ShellError("unknown kind `\(value.text)` (networkpolicy, cnp or ccnp)", at: value)
        }
        kind = parsed
      } else if let equals = token.text.firstIndex(of: "="), !token.text.hasPrefix("-") {
        _ = try arguments.next("KEY=VALUE")
        let key = String(token.text[..<equals])
        let value = String(token.text[token.text.index(after: equals)...])
        if let previous = parameters[key] {
          repeated[key] = token
          parameters[key] = previous + "," + value
        } else {
          parameters[key] = value
        }
        parameterTokens[key] = token
      } else {
        throw ShellError(
          "unexpected `\(token.text)`; usage: recipe NAME [KEY=VALUE...] [-n NS] [--name NAME] "
            + "[--kind KIND]", at: token)
      }
    }
    let recipe: Recipe
    recipe = try Self.lookup(catalog, nameToken)
    for (key, token) in repeated.sorted(by: { $0.key < $1.key })
    where recipe.parameter(named: key).map({ $0.type != .list }) ?? false {
      throw ShellError(
        "\(key) is given twice; parameter '\(key)' of \(recipe.name) takes one value", at: token)
    }
    let draft = state.draftPolicy
    if kind == nil, let draft {
      let draftKind: PolicyKindChoice?
      switch PolicyKind(of: draft) {
      case .networkPolicy: draftKind = .networkpolicy
      case .cnp: draftKind = .cnp
      case .ccnp: draftKind = .ccnp
      case .admin(.adminNetworkPolicy, _): draftKind = .anp
      case .admin(.baselineAdminNetworkPolicy, _): draftKind = .banp
      case .admin(_, .admin): draftKind = .cnpAdmin
      case .admin(_, .baseline): draftKind = .cnpBaseline
      }
      if let draftKind, recipe.kinds.contains(draftKind) { kind = draftKind }
    }
    let targetNamespace =
      namespace ?? draft.flatMap { $0.isClusterScoped ? nil : $0.metadata.namespace }
      ?? settings.namespace
    let rendered: [PolicyResource]
    do {
      rendered = try catalog.render(
        recipe.name, parameters: parameters, namespace: targetNamespace, policyName: policyName,
        kind: kind)
    } catch {
      var span = nameToken.span
      switch error {
      case .unknownParameter(_, let parameter, _), .invalidParameter(_, let parameter, _, _, _):
        span = parameterTokens[parameter]?.span ?? span
      default: break
      }
      throw ShellError(
        error.description.replacingOccurrences(of: "give --set ", with: "give "), at: span)
    }
    var next = state
    var names: [String] = []
    for policy in rendered {
      if let index = next.index(of: policy.qualifiedName) {
        next.policies[index] = policy
        names.append("replaced \(policy.kind) \(policy.qualifiedName)")
      } else {
        next.policies.append(policy)
        names.append("created \(policy.kind) \(policy.qualifiedName)")
      }
    }
    if let first = rendered.first { next.draft = first.qualifiedName }
    commit(line, next, message: "recipe \(recipe.name): " + names.joined(separator: ", "))
  }
}
