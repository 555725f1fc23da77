import NetpolModel

/// A problem with a recipe file, a recipe name, or the values given to a recipe.
public enum RecipeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// No recipe has this name or alias; `suggestion` is a close name, if any.
  case unknownRecipe(String, suggestion: String?)
  /// The recipe cannot produce this kind.
  case unsupportedKind(recipe: String, kind: PolicyKindChoice, available: [PolicyKindChoice])
  /// A value was given for a parameter the recipe does not have.
  case unknownParameter(recipe: String, parameter: String, known: [String])
  /// A required parameter was not given.
  case missingParameter(recipe: String, parameter: String, accepts: String)
  /// A value does not fit its parameter.
  case invalidParameter(
    recipe: String, parameter: String, value: String, reason: String, accepts: String)
  /// The policy name or namespace given is not a valid Kubernetes name.
  case invalidName(field: String, value: String, reason: String)
  /// Recipe files (or a recipe directory) have problems; each diagnostic names file, line and
  /// field.
  case invalidRecipeFile([Diagnostic])
  /// The values render a policy the API server would reject (e.g. an `except` outside its `cidr`).
  case invalidResult(recipe: String, kind: PolicyKindChoice, [Diagnostic])

  /// The one-line message shown to users (several lines only for several broken files).
  public var description: String {
    switch self {
    case .unknownRecipe(let name, let suggestion):
      let hint = suggestion.map { "; did you mean \($0)?" } ?? ""
      return "no recipe named '\(name)'\(hint) (netpol recipes lists them)"
    case .unsupportedKind(let recipe, let kind, let available):
      let kinds = available.map(\.rawValue).joined(separator: ", ")
      return "recipe \(recipe) has no \(kind.rawValue) form; it produces \(kinds)"
    case .unknownParameter(let recipe, let parameter, let known):
      let list = known.isEmpty ? "no parameters" : known.joined(separator: ", ")
      return "recipe \(recipe) has no parameter '\(parameter)'; it takes \(list)"
    case .missingParameter(let recipe, let parameter, let accepts):
      return "recipe \(recipe) needs parameter '\(parameter)': give --set \(parameter)=VALUE, "
        + "where VALUE is \(accepts)"
    case .invalidParameter(let recipe, let parameter, let value, let reason, let accepts):
      return "recipe \(recipe): parameter '\(parameter)' = \(Self.show(value)): \(reason); "
        + "it accepts \(accepts)"
    case .invalidName(let field, let value, let reason):
      return "\(field) \(Self.show(value)) is not a valid name: \(reason)"
    case .invalidRecipeFile(let diagnostics):
      return diagnostics.map(\.description).joined(separator: "\n")
    case .invalidResult(let recipe, let kind, let diagnostics):
      let first = diagnostics.first?.description ?? "invalid"
      let more = diagnostics.count > 1 ? " (and \(diagnostics.count - 1) more)" : ""
      return "recipe \(recipe) (\(kind.rawValue)) with these values gives an invalid policy: "
        + first + more
    }
  }

  /// A value in double quotes with control characters escaped, so it stays on one line.
  static func show(_ value: String) -> String {
    var text = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\n": text += "\\n"
      case "\t": text += "\\t"
      case "\r": text += "\\r"
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          text += "\\u{\(String(scalar.value, radix: 16))}"
        } else {
          text.unicodeScalars.append(scalar)
        }
      }
    }
    return text + "\""
  }
}
