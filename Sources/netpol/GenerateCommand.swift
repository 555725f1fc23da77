import ArgumentParser
import Foundation
import NetpolModel
import NetpolRecipes

/// `netpol generate`: renders a recipe, or a plan of recipes whose verdicts are checked first.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Print kubectl-ready policies from a recipe, or from a plan file that checks them.",
    discussion: """
      With a RECIPE, prints its policy (see `netpol recipes` for the list and `netpol recipes \
      show RECIPE` for its parameters). Missing or invalid parameters are reported with what \
      they accept, and the command exits 1.

      With -f PLAN.yaml, renders every recipe the plan applies, then checks the plan's expected \
      verdicts with the policy engine on the plan's inventory. If any expectation fails, each \
      failure is printed with the engine's explanation, nothing is written, and the command exits \
      1. The plan format is in docs/recipes.md.

      Examples:
        netpol generate default-deny-all -n demo
        netpol generate allow-dns --kind cnp -n demo
        netpol generate frontend-backend --set selector=app=api --set from=app=web --set ports=8080
        netpol generate allow-egress-fqdn --set names=api.github.com,github.com -o fqdn.yaml
        netpol generate -f examples/plans/demo-zero-trust.yaml --out-dir policies/
      """)

  @Argument(help: "The recipe's name or alias (or use -f PLAN.yaml).")
  var recipe: String?

  @Option(
    name: .customLong("set"),
    help: ArgumentHelp(
      "A parameter value, KEY=VALUE; repeatable. Lists are comma-separated (or repeat the key).",
      valueName: "key=value"))
  var settings: [String] = []

  @Option(name: [.short, .customLong("namespace")], help: "The namespace (default: default).")
  var namespace: String?

  @Option(name: .long, help: "The policy's metadata.name (default: the recipe's).")
  var name: String?

  @Option(name: .long, help: "networkpolicy, cnp or ccnp (default: the recipe's first kind).")
  var kind: String?

  @Option(
    name: [.customShort("f"), .customLong("filename")],
    help: ArgumentHelp("A plan file instead of a recipe.", valueName: "plan.yaml"))
  var plan: String?

  @Option(
    name: [.short, .customLong("output")],
    help: ArgumentHelp(
      "Write the YAML to this file (atomically) instead of printing it.", valueName: "file"))
  var output: String?

  @Option(
    name: .customLong("out-dir"),
    help: ArgumentHelp(
      "With -f: write one file per policy into this directory, named NAMESPACE.NAME.KIND.yaml "
        + "(NAME.ccnp.yaml for clusterwide policies).", valueName: "dir"))
  var outDir: String?

  @Flag(
    help: ArgumentHelp(
      "With --out-dir: delete the files an earlier generate of the same plan wrote there that "
        + "this run no longer produces (recognised by their first line); no other file."))
  var prune = false

  @OptionGroup var sources: RecipeSourceOptions

  func validate() throws {
    if (recipe == nil) == (plan == nil) {
      throw ValidationError("give either a RECIPE or -f PLAN.yaml")
    }
    if plan != nil && (!settings.isEmpty || namespace != nil || name != nil || kind != nil) {
      throw ValidationError("--set, -n, --name and --kind belong in the plan file when -f is used")
    }
    if outDir != nil && plan == nil { throw ValidationError("--out-dir needs -f PLAN.yaml") }
    if outDir != nil && output != nil { throw ValidationError("give -o or --out-dir, not both") }
    if prune && outDir == nil { throw ValidationError("--prune needs --out-dir") }
    _ = try Self.parseKind(kind)
    for setting in settings
    where setting.firstIndex(of: "=").map({ $0 == setting.startIndex }) ?? true {
      throw ValidationError("--set expects KEY=VALUE, not '\(setting)'")
    }
  }

  /// The kind named on the command line.
  static func parseKind(_ text: String?) throws -> PolicyKindChoice? {
    guard let text else { return nil }
    guard let kind = PolicyKindChoice(name: text) else {
      throw ValidationError("--kind must be networkpolicy, cnp or ccnp, not '\(text)'")
    }
    return kind
  }

  func run() throws {
    let catalog = try sources.catalog()
    if let plan { return try runPlan(plan, catalog: catalog) }
    let policies: [PolicyResource]
    do {
      let recipe = try catalog.lookup(self.recipe ?? "")
      policies = try catalog.render(
        recipe.name, parameters: try parameters(for: recipe), namespace: namespace,
        policyName: name, kind: try Self.parseKind(kind))
    } catch let error as RecipeError {
      CLIOutput.error("netpol generate: \(error.description)")
      throw ExitStatus.badInput
    }
    for notice in RecipeNotices.review(policies) { CLIOutput.error("notice: \(notice)") }
    try emit(YAMLWriter.stream(policies))
  }

  /// The `--set` values as a dictionary; a list parameter given twice collects both values.
  private func parameters(for recipe: Recipe) throws -> [String: String] {
    var values: [String: String] = [:]
    for setting in settings {
      guard let equals = setting.firstIndex(of: "=") else { continue }
      let key = String(setting[..<equals])
      let value = String(setting[setting.index(after: equals)...])
      if let previous = values[key] {
        guard recipe.parameter(named: key)?.type == .list else {
          CLIOutput.error(
            "netpol generate: --set \(key) is given twice; parameter '\(key)' of \(recipe.name) "
              + "takes one value")
          throw ExitStatus.usage
        }
        values[key] = previous + "," + value
      } else {
        values[key] = value
      }
    }
    return values
  }

  /// `-f PLAN`: render, check, then write only if every expectation holds.
  private func runPlan(_ path: String, catalog: RecipeCatalog) throws {
    let outcome: PlanOutcome
    do {
      outcome = try Plan.load(path: path).run(catalog: catalog)
    } catch {
      CLIOutput.error(error.description)
      throw ExitStatus.badInput
    }
    for notice in outcome.notices { CLIOutput.error("notice: \(notice)") }
    if !outcome.passed {
      for failure in outcome.failures { CLIOutput.error(failure.description) }
      CLIOutput.error(
        "netpol generate: \(outcome.failures.count) of "
          + CLIOutput.count(outcome.checked, "expectation", "expectations")
          + " failed; nothing was written")
      throw ExitStatus.badInput
    }
    if let outDir {
      let header = OutputFiles.header(plan: path)
      let written = try writeDirectory(outDir, outcome.policies, header: header)
      if prune { try OutputFiles.prune(outDir, header: header, keeping: written) }
    } else {
      try emit(YAMLWriter.stream(outcome.policies))
    }
    CLIOutput.error(
      "netpol generate: " + CLIOutput.count(outcome.policies.count, "policy", "policies")
        + ", " + CLIOutput.count(outcome.checked, "expectation", "expectations") + " hold")
  }

  /// Prints `text`, or writes it to `-o`.
  private func emit(_ text: String) throws {
    guard let output else { return CLIOutput.write(text) }
    try OutputFiles.write(text, to: output)
  }

  /// Writes one file per policy into `directory`, each starting with `header`; returns the
  /// file names.
  private func writeDirectory(_ directory: String, _ policies: [PolicyResource], header: String)
    throws -> Set<String>
  {
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
    } catch {
      CLIOutput.error("\(directory): cannot create the directory")
      throw ExitStatus.badInput
    }
    var names = Set<String>()
    for policy in policies {
      let name = OutputFiles.name(for: policy)
      names.insert(name)
      try OutputFiles.write(
        header + YAMLWriter.document(policy),
        to: (directory as NSString).appendingPathComponent(name))
    }
    return names
  }
}

/// Files written by `netpol generate`.
enum OutputFiles {
  /// `NAMESPACE.NAME.KIND.yaml`, or `NAME.ccnp.yaml` for a clusterwide policy; namespaces have
  /// no dots, so no two policies share a file name.
  static func name(for policy: PolicyResource) -> String {
    switch policy {
    case .networkPolicy(let policy):
      return "\(policy.metadata.namespace ?? "default").\(policy.metadata.name).networkpolicy.yaml"
    case .cilium(let policy):
      if policy.kind == .clusterwideNetworkPolicy { return "\(policy.metadata.name).ccnp.yaml" }
      return "\(policy.metadata.namespace ?? "default").\(policy.metadata.name).cnp.yaml"
    case .admin(let policy):
      return "\(policy.metadata.name).\(policy.kind.rawValue.lowercased()).yaml"
    }
  }

  /// The first line of every file `--out-dir` writes for the plan at `plan`: it names the plan
  /// (by file name, so that moving the checkout keeps it), and `--prune` deletes only files
  /// that start with it.
  static func header(plan: String) -> String {
    let name = (plan as NSString).lastPathComponent.unicodeScalars.map {
      $0.properties.generalCategory == .control ? "?" : String($0)
    }.joined()
    return "# Generated by netpol generate from plan \(name); --prune may delete this file.\n"
  }

  /// Deletes the `*.yaml` files of `directory` that start with `header` and are not in
  /// `keeping`; every other file stays.
  static func prune(_ directory: String, header: String, keeping: Set<String>) throws {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    let marker = Data(header.utf8)
    for name in names.sorted() where name.hasSuffix(".yaml") && !keeping.contains(name) {
      let path = (directory as NSString).appendingPathComponent(name)
      guard let handle = FileHandle(forReadingAtPath: path) else { continue }
      let start = try? handle.read(upToCount: marker.count)
      try? handle.close()
      guard start == marker else { continue }
      do {
        try FileManager.default.removeItem(atPath: path)
        CLIOutput.error("netpol generate: removed \(path) (no longer produced by the plan)")
      } catch {
        CLIOutput.error("\(path): cannot remove the file: \(error.localizedDescription)")
        throw ExitStatus.badInput
      }
    }
  }

  /// Replaces `path` with `text` atomically (see ``AtomicFile``): through symbolic links, and
  /// never over anything but a regular file.
  static func write(_ text: String, to path: String) throws {
    do {
      try AtomicFile.replace(path, with: text)
    } catch {
      CLIOutput.error("\(path): \(error)")
      throw ExitStatus.badInput
    }
  }
}
