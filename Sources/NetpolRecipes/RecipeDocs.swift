import Foundation
import NetpolModel

/// The catalogue section of docs/recipes.md, generated from the recipe files so that it cannot
/// drift from them.
public enum RecipeDocs {
  /// The line that starts the generated section.
  public static let beginMarker =
    "<!-- BEGIN GENERATED CATALOGUE: `netpol recipes docs --update docs/recipes.md` "
    + "rewrites this part -->"
  /// The line that ends the generated section.
  public static let endMarker = "<!-- END GENERATED CATALOGUE -->"

  /// The generated section, markers included: an index table, then for each recipe its summary,
  /// aliases, kinds, description, parameters and the example in every kind.
  public static func catalogue(_ catalog: RecipeCatalog) -> String {
    var lines = [beginMarker, "", "| recipe | kinds | summary |", "| --- | --- | --- |"]
    for recipe in catalog.recipes {
      let kinds = recipe.kinds.map(\.rawValue).joined(separator: ", ")
      lines.append("| [\(recipe.name)](#\(recipe.name)) | \(kinds) | \(cell(recipe.summary)) |")
    }
    for recipe in catalog.recipes {
      lines += [""] + section(recipe, catalog: catalog)
    }
    lines += ["", endMarker]
    return lines.joined(separator: "\n") + "\n"
  }

  /// The documentation of one recipe.
  static func section(_ recipe: Recipe, catalog: RecipeCatalog) -> [String] {
    var lines = ["### \(recipe.name)", "", recipe.summary, ""]
    let kinds = recipe.kinds.map { "`\($0.rawValue)`" }.joined(separator: ", ")
    lines.append(
      "Kinds: \(kinds) (the first is the default). Default policy name: `\(recipe.policyName)`.")
    if !recipe.aliases.isEmpty {
      lines += ["", "Aliases: " + recipe.aliases.map { "`\($0)`" }.joined(separator: ", ") + "."]
    }
    lines +=
      [""]
      + recipe.description.split(separator: "\n", omittingEmptySubsequences: false)
      .map(String.init)
    while lines.last == "" { lines.removeLast() }
    if !recipe.parameters.isEmpty {
      lines += ["", "| parameter | type | default | meaning |", "| --- | --- | --- | --- |"]
      for parameter in recipe.parameters {
        let value =
          parameter.required
          ? "required"
          : parameter.defaultValue.map { $0.isEmpty ? "(empty)" : "`\($0)`" } ?? "(unset)"
        lines.append(
          "| `\(parameter.name)` | \(parameter.typeDescription) | \(value) | "
            + "\(cell(parameter.help)) |"
        )
      }
    }
    for kind in recipe.kinds {
      lines += ["", "```sh", "$ " + recipe.exampleCommand(kind: kind)]
      lines += example(recipe, kind: kind, catalog: catalog)
        .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
      lines.append("```")
    }
    return lines
  }

  /// The YAML of the recipe's example in `kind` (in namespace `demo`), or the error it gives.
  public static func example(_ recipe: Recipe, kind: PolicyKindChoice, catalog: RecipeCatalog)
    -> String
  {
    do {
      let policies = try RecipeRenderer(recipe: recipe).render(
        parameters: recipe.example, namespace: "demo", policyName: nil, kind: kind)
      return YAMLWriter.stream(policies)
    } catch {
      return "# the example does not render: \(error.description)\n"
    }
  }

  /// `document` with its generated section replaced by `catalogue`, or nil when the markers are
  /// missing.
  public static func updating(_ document: String, with catalogue: String) -> String? {
    guard let begin = document.range(of: beginMarker),
      let end = document.range(of: endMarker, range: begin.upperBound..<document.endIndex)
    else { return nil }
    var tail = document[end.upperBound...]
    if tail.hasPrefix("\n") { tail = tail.dropFirst() }
    return String(document[..<begin.lowerBound]) + catalogue + tail
  }

  /// The generated section currently in `document`, markers included, or nil.
  public static func section(in document: String) -> String? {
    guard let begin = document.range(of: beginMarker),
      let end = document.range(of: endMarker, range: begin.upperBound..<document.endIndex)
    else { return nil }
    var text = String(document[begin.lowerBound..<end.upperBound])
    text += "\n"
    return text
  }

  /// Text safe inside a Markdown table cell.
  private static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
