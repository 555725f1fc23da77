import NetpolRecipes
import NetpolViews

/// `recipe show NAME` and the shell's wording of recipe lookups.
extension Interpreter {
  /// The recipe `token` names; an unknown name gets the shell's own hint.
  static func lookup(_ catalog: RecipeCatalog, _ token: Token) throws(ShellError) -> Recipe {
    do {
      return try catalog.lookup(token.text)
    } catch {
      guard case .unknownRecipe(let name, let suggestion) = error else {
        throw ShellError(error.description, at: token)
      }
      let hint = suggestion.map { "; did you mean `recipe \($0)`?" } ?? ""
      throw ShellError(
        "no recipe named '\(name)'\(hint) (`recipe` lists them, `recipe show NAME` describes one)",
        at: token)
    }
  }

  /// What a recipe does, its kinds and parameters, and how to apply it in the shell.
  static func recipePage(_ catalog: RecipeCatalog, _ token: Token) throws(ShellError) -> String {
    let recipe = try lookup(catalog, token)
    var lines = [
      "\(recipe.name): \(recipe.summary)",
      "kinds: \(recipe.kinds.map(\.rawValue).joined(separator: ", ")) (--kind KIND)", "",
      recipe.description.trimmingBlanks(),
    ]
    if !recipe.parameters.isEmpty {
      lines += ["", "parameters (KEY=VALUE):"]
      var table = TextTable()
      for parameter in recipe.parameters {
        let value =
          parameter.required
          ? "required"
          : parameter.defaultValue.map { "default: \($0.isEmpty ? "(empty)" : $0)" } ?? "optional"
        table.add(["  " + parameter.name, parameter.typeDescription, value, parameter.help])
      }
      lines.append(table.render())
    }
    let example = recipe.example.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    lines += ["", "example: " + (["recipe", recipe.name] + example).joined(separator: " ")]
    return lines.joined(separator: "\n")
  }
}
