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

  private static let builtInResult: Result<RecipeCatalog, RecipeError> = {
    guard let directory = builtInDirectory else {
      return .failure(
        .invalidRecipeFile([
          Diagnostic(
            location: nil, path: "",
            message:
              "the built-in recipes are missing: netpol_NetpolRecipes.resources must sit next to "
              + "the netpol binary (make install copies it)")
        ]))
    }
    return Result { () throws(RecipeError) -> RecipeCatalog in
      RecipeCatalog(recipes: try read(directory: directory, builtIn: true))
    }
  }()

  /// The directory holding the built-in recipe files: `Recipes` in the `*_NetpolRecipes`
  /// resource bundle next to the executable (where `swift build` and `make install` put it), or
  /// nil when the bundle is missing. (`Bundle.module` would stop the program instead.)
  public static var builtInDirectory: String? {
    var folders = [Bundle.main.bundleURL]
    if let executable = Bundle.main.executableURL {
      folders.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
    }
    let manager = FileManager.default
    for folder in folders {
      let names = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
      for name in names.sorted()
      where name.hasSuffix("_NetpolRecipes.resources") || name.hasSuffix("_NetpolRecipes.bundle") {
        for inner in ["Recipes", "Contents/Resources/Recipes"] {
          let path = folder.appendingPathComponent(name).appendingPathComponent(inner).path
          var isDirectory: ObjCBool = false
          if manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return path
          }
        }
      }
    }
    return nil
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
    var recipes: [Recipe] = []
    var problems: [Diagnostic] = []
    for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
      let path = (directory as NSString).appendingPathComponent(name)
      let shown = builtIn ? "recipes/\(name)" : path
      let text: String
      switch InputFile.text(path: path) {
      case .success(let value): text = value
      case .failure(let problem):
        problems.append(problem)
        continue
      }
      do {
        let recipe = try RecipeFileParser.parse(
          text, file: shown, origin: builtIn ? .builtIn(name) : .file(path))
        if let other = recipes.first(where: { $0.name == recipe.name }) {
          problems.append(
            Diagnostic(
              location: SourceLocation(file: shown, line: 1, column: 1), path: "name",
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
    let suggestion = candidates.min { Self.distance($0, name) < Self.distance($1, name) }
      .flatMap { Self.distance($0, name) <= max(2, name.count / 3) ? $0 : nil }
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

  /// Levenshtein distance, for suggestions.
  static func distance(_ left: String, _ right: String) -> Int {
    let a = Array(left)
    let b = Array(right)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      previous = current
    }
    return previous[b.count]
  }
}
