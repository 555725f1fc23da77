import ArgumentParser
import Foundation
import NetpolModel
import NetpolRecipes

/// Where recipes come from: the built-in ones, `$XDG_CONFIG_HOME/netpol/recipes` and `--recipes`.
struct RecipeSourceOptions: ParsableArguments {
  @Option(
    name: .customLong("recipes"),
    help: ArgumentHelp(
      "A directory of your own recipe files (*.yaml); they add to the built-in recipes and "
        + "replace those of the same name. Repeatable. "
        + "$XDG_CONFIG_HOME/netpol/recipes (~/.config/netpol/recipes) is always read if it exists.",
      valueName: "dir"))
  var directories: [String] = []

  /// The catalogue; override notices go to standard error, broken files end the command.
  func catalog() throws -> RecipeCatalog {
    do {
      let (catalog, notices) = try RecipeCatalog.standard(extraDirectories: directories)
      for notice in notices { CLIOutput.error("notice: \(notice)") }
      return catalog
    } catch {
      CLIOutput.error(error.description)
      throw ExitStatus.badInput
    }
  }
}

/// `netpol recipes`: the catalogue of parameterised policies.
struct RecipesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recipes",
    abstract: "List, show and check recipes: named, parameterised policies.",
    discussion: """
      A recipe is a documented policy with parameters, e.g. allow-dns or default-deny-all, in \
      NetworkPolicy and (where Cilium differs) CiliumNetworkPolicy form. Render one with \
      `netpol generate RECIPE`. The recipe file format is in docs/recipes.md.

      Examples:
        netpol recipes
        netpol recipes show allow-dns
        netpol recipes check ~/.config/netpol/recipes
      """,
    subcommands: [
      ListRecipes.self, ShowRecipe.self, CheckRecipes.self, RecipeDocsCommand.self,
      RecipeExamplesCommand.self,
    ],
    defaultSubcommand: ListRecipes.self)
}

/// `netpol recipes list`: the table of recipes.
struct ListRecipes: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "Print a table of the recipes: name, kinds, summary.")

  @OptionGroup var sources: RecipeSourceOptions

  func run() throws {
    let catalog = try sources.catalog()
    var rows = [["NAME", "KINDS", "SUMMARY"]]
    for recipe in catalog.recipes {
      rows.append([
        recipe.name, recipe.kinds.map(\.rawValue).joined(separator: ","), recipe.summary,
      ])
    }
    CLIOutput.write(RecipeText.table(rows))
  }
}

/// `netpol recipes show NAME`: everything about one recipe and an example.
struct ShowRecipe: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Describe a recipe: what it does, its parameters, an example and its YAML.")

  @Argument(help: "The recipe's name or alias.")
  var name: String

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The kind whose example YAML is shown: networkpolicy, cnp or ccnp (default: the "
        + "recipe's first kind).", valueName: "kind"))
  var kind: String?

  @OptionGroup var sources: RecipeSourceOptions

  func run() throws {
    let catalog = try sources.catalog()
    let recipe: Recipe
    do {
      recipe = try catalog.lookup(name)
    } catch {
      CLIOutput.error("netpol recipes show: \(error.description)")
      throw ExitStatus.badInput
    }
    let kind = try GenerateCommand.parseKind(self.kind) ?? recipe.kinds[0]
    guard recipe.kinds.contains(kind) else {
      CLIOutput.error(
        "netpol recipes show: "
          + RecipeError.unsupportedKind(recipe: recipe.name, kind: kind, available: recipe.kinds)
          .description)
      throw ExitStatus.badInput
    }
    CLIOutput.write(RecipeText.show(recipe, kind: kind, catalog: catalog))
  }
}

/// `netpol recipes check DIR...`: validates recipe files and renders their examples.
struct CheckRecipes: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check recipe files: their format, and that each example renders a valid policy.",
    discussion: """
      Reads every *.yaml and *.yml file of each directory as a recipe and reports each problem \
      as FILE:LINE:COL: field: message. Then renders each recipe's example in each of its kinds \
      and validates the policies. Exits 1 if anything is wrong.
      """)

  @Argument(help: ArgumentHelp("Directories of recipe files.", valueName: "dir"))
  var directories: [String]

  func validate() throws {
    if directories.isEmpty { throw ValidationError("give at least one directory to check") }
  }

  func run() throws {
    var problems: [String] = []
    var checked = 0
    for directory in directories {
      let recipes: [Recipe]
      do {
        recipes = try RecipeCatalog.read(directory: directory)
      } catch {
        problems.append(error.description)
        continue
      }
      let catalog = RecipeCatalog(recipes: recipes)
      for recipe in recipes {
        checked += 1
        for kind in recipe.kinds {
          do {
            _ = try catalog.render(
              recipe.name, parameters: recipe.example, namespace: "demo", policyName: nil,
              kind: kind)
          } catch {
            problems.append("\(recipe.origin.path): example (\(kind.rawValue)): \(error)")
          }
        }
      }
    }
    problems.forEach(CLIOutput.error)
    if !problems.isEmpty { throw ExitStatus.badInput }
    CLIOutput.write("\(CLIOutput.count(checked, "recipe", "recipes")) checked, no problems\n")
  }
}

/// `netpol recipes docs`: prints (or updates) the generated catalogue of docs/recipes.md.
struct RecipeDocsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "docs", abstract: "Print the catalogue section of docs/recipes.md.",
    shouldDisplay: false)

  @Option(
    name: .long, help: ArgumentHelp("Rewrite that file's catalogue section.", valueName: "file"))
  var update: String?

  func run() throws {
    let catalog: RecipeCatalog
    do {
      catalog = try RecipeCatalog.builtIn()
    } catch {
      CLIOutput.error(error.description)
      throw ExitStatus.badInput
    }
    let section = RecipeDocs.catalogue(catalog)
    guard let update else { return CLIOutput.write(section) }
    let text: String
    switch InputFile.text(path: update) {
    case .success(let value): text = value
    case .failure(let problem):
      CLIOutput.error(problem.description)
      throw ExitStatus.badInput
    }
    guard let updated = RecipeDocs.updating(text, with: section) else {
      CLIOutput.error("\(update): it lacks the catalogue markers")
      throw ExitStatus.badInput
    }
    try OutputFiles.write(updated, to: update)
  }
}

/// `netpol recipes examples`: every built-in recipe's example in each kind, as one YAML stream
/// (what `make test` feeds to the schema validators).
struct RecipeExamplesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "examples",
    abstract: "Print the example of every recipe in each of its kinds as one YAML stream.",
    shouldDisplay: false)

  @OptionGroup var sources: RecipeSourceOptions

  func run() throws {
    let catalog = try sources.catalog()
    var documents: [String] = []
    var failed = false
    for recipe in catalog.recipes {
      for kind in recipe.kinds {
        do {
          let policies = try catalog.render(
            recipe.name, parameters: recipe.example, namespace: "demo", policyName: nil,
            kind: kind)
          documents.append(
            "# $ \(recipe.exampleCommand(kind: kind))\n" + YAMLWriter.stream(policies))
        } catch {
          CLIOutput.error("\(recipe.origin.path): example (\(kind.rawValue)): \(error)")
          failed = true
        }
      }
    }
    if failed { throw ExitStatus.badInput }
    CLIOutput.write(documents.joined(separator: "---\n"))
  }
}

/// Text layouts of the recipes commands.
enum RecipeText {
  /// Rows as left-aligned columns separated by two spaces; the last column is not padded.
  static func table(_ rows: [[String]]) -> String {
    let columns = rows.map(\.count).max() ?? 0
    var widths = Array(repeating: 0, count: columns)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    return rows.map { row in
      row.enumerated().map { index, cell in
        index == row.count - 1
          ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }

  /// The `recipes show` page.
  static func show(_ recipe: Recipe, kind: PolicyKindChoice, catalog: RecipeCatalog) -> String {
    var text = "\(recipe.name): \(recipe.summary)\n"
    let kinds = recipe.kinds.enumerated().map { $0 == 0 ? "\($1.rawValue) (default)" : $1.rawValue }
    text += "kinds: \(kinds.joined(separator: ", "))\n"
    if !recipe.aliases.isEmpty { text += "aliases: \(recipe.aliases.joined(separator: ", "))\n" }
    text += "policy name: \(recipe.policyName)\n"
    text += "from: \(recipe.origin.path)\n\n"
    text += recipe.description.hasSuffix("\n") ? recipe.description : recipe.description + "\n"
    if !recipe.parameters.isEmpty {
      text += "\nparameters:\n"
      var rows: [[String]] = []
      for parameter in recipe.parameters {
        let value =
          parameter.required
          ? "required"
          : parameter.defaultValue.map { "default: \($0.isEmpty ? "(empty)" : $0)" } ?? "optional"
        rows.append(["  " + parameter.name, parameter.typeDescription, value, parameter.help])
      }
      text += table(rows)
    }
    text += "\nexample:\n  $ \(recipe.exampleCommand(kind: kind))\n\n"
    text += RecipeDocs.example(recipe, kind: kind, catalog: catalog)
    return text
  }
}
