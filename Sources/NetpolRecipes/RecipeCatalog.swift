import Foundation
import NetpolModel

/// The recipes netpol knows: the built-in ones, possibly overridden or extended by the user's.
public struct RecipeCatalog: Sendable {
  /// Every recipe, sorted by name.
  public var recipes: [Recipe]

  /// Creates a catalogue of these recipes.
  public init(recipes: [Recipe]) {
    self.recipes = recipes.sorted { $0.name < $1.name }
  }

  /// The recipes shipped with netpol (the files under `recipes/`).
  public static func builtIn() throws(RecipeError) -> RecipeCatalog {
    try builtInResult.get()
  }

  private static let builtInResult: Result<RecipeCatalog, RecipeError> = Result {
    () throws(RecipeError) -> RecipeCatalog in
    let files = embeddedRecipeFiles.map { name, text in
      (
        text: Result<String, Diagnostic>.success(text), shown: "recipes/\(name)",
        origin: RecipeOrigin.builtIn(name)
      )
    }
    return RecipeCatalog(recipes: try parse(files: files))
  }

  /// `$XDG_CONFIG_HOME/netpol/recipes`, or `~/.config/netpol/recipes` when the variable is unset.
  public static func defaultUserDirectory(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String {
    if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
      return config + "/netpol/recipes"
    }
    let home = environment["HOME"] ?? NSHomeDirectory()
    return home + "/.config/netpol/recipes"
  }

  /// The catalogue every netpol command uses: the built-in recipes, then those of the default
  /// user directory (`defaultUserDirectory`, when it exists), then those of `extraDirectories`
  /// (e.g. `--recipes DIR`), each replacing recipes of the same name with a notice.
  public static func standard(
    extraDirectories: [String] = [],
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(RecipeError) -> (RecipeCatalog, notices: [String]) {
    var directories: [String] = []
    let user = defaultUserDirectory(environment: environment)
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: user, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      directories.append(user)
    }
    return try load(userDirectories: directories + extraDirectories)
  }

  /// The built-in recipes plus those of `userDirectories` (later ones win); a user recipe with a
  /// built-in's name replaces it, and each replacement is reported in `notices`.
  public static func load(userDirectories: [String]) throws(RecipeError) -> (
    RecipeCatalog, notices: [String]
  ) {
    var recipes = try builtIn().recipes
    var notices: [String] = []
    var problems: [Diagnostic] = []
    for directory in userDirectories {
      let found: [Recipe]
      do {
        found = try read(directory: directory, builtIn: false)
      } catch {
        if case .invalidRecipeFile(let diagnostics) = error { problems += diagnostics }
        continue
      }
      for recipe in found {
        if let index = recipes.firstIndex(where: { $0.name == recipe.name }) {
          notices.append(
            "recipe \(recipe.name) from \(recipe.origin.path) replaces the one from "
              + recipes[index].origin.path)
          recipes[index] = recipe
        } else {
          recipes.append(recipe)
        }
      }
    }
    if !problems.isEmpty { throw .invalidRecipeFile(problems) }
    return (RecipeCatalog(recipes: recipes), notices)
  }

  /// Reads every `*.yaml`/`*.yml` file of `directory`; all broken files are reported together.
  public static func read(directory: String, builtIn: Bool = false) throws(RecipeError)
    -> [Recipe]
  {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory)
    } catch {
      throw .invalidRecipeFile([
        Diagnostic(location: nil, path: "", message: "\(directory): not a readable directory")
      ])
    }
    let files = names.sorted().filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.map {
      name in
      let path = (directory as NSString).appendingPathComponent(name)
      let text = InputFile.text(path: path)
      return (
        text: text, shown: builtIn ? "recipes/\(name)" : path,
        origin: builtIn ? RecipeOrigin.builtIn(name) : .file(path)
      )
    }
    return try parse(files: files)
  }

  /// Parses recipe files given as (text or the problem reading it, name shown in diagnostics,
  /// origin). All broken files are reported together.
  static func parse(
    files: [(text: Result<String, Diagnostic>, shown: String, origin: RecipeOrigin)]
  )
    throws(RecipeError) -> [Recipe]
  {
    var recipes: [Recipe] = []
    var problems: [Diagnostic] = []
    for file in files {
      let text: String
      switch file.text {
      case .success(let value): text = value
      case .failure(let problem):
        problems.append(problem)
        continue
      }
      do {
        let recipe = try RecipeFileParser.parse(text, file: file.shown, origin: file.origin)
        if let other = recipes.first(where: { $0.name == recipe.name }) {
          problems.append(
            Diagnostic(
              location: SourceLocation(file: file.shown, line: 1, column: 1), path: "name",
              message: "recipe \(recipe.name) is also defined in \(other.origin.path)"))
          continue
        }
        recipes.append(recipe)
      } catch {
        problems.append(error)
      }
    }
    if !problems.isEmpty { throw .invalidRecipeFile(problems) }
    return recipes
  }

  /// The recipe with this name, else the first whose aliases include it.
  public func recipe(named name: String) -> Recipe? {
    recipes.first { $0.name == name } ?? recipes.first { $0.aliases.contains(name) }
  }

  /// The recipe with this name or alias, or an error suggesting a close name.
  public func lookup(_ name: String) throws(RecipeError) -> Recipe {
    if let recipe = recipe(named: name) { return recipe }
    let candidates = recipes.flatMap { [$0.name] + $0.aliases }
    let suggestion = EditDistance.closest(
      to: name, among: candidates, within: max(2, name.count / 3))
    throw .unknownRecipe(name, suggestion: suggestion)
  }

  /// Renders a recipe: values are checked against the parameters, substituted into the parsed
  /// documents of `kind` (default: the recipe's first kind), read back as policies and validated.
  /// `namespace` defaults to `default`, `policyName` to the recipe's `policyName`.
  public func render(
    _ name: String, parameters: [String: String], namespace: String?, policyName: String?,
    kind: PolicyKindChoice?
  ) throws(RecipeError) -> [PolicyResource] {
    let recipe = try lookup(name)
    return try RecipeRenderer(recipe: recipe).render(
      parameters: parameters, namespace: namespace, policyName: policyName, kind: kind)
  }
}
