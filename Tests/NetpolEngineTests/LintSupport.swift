import NetpolEngine
import NetpolModel
import Testing

/// Loading lint inputs from YAML text, as `netpol lint -f` would.
enum LintSupport {
  /// Lints one YAML text (policies and optionally an inventory) on a dataplane.
  static func lint(
    _ yaml: String, file: String = "test.yaml", dataplane: Dataplane? = nil,
    ciliumVersion: String? = nil
  ) -> (findings: [LintFinding], diagnostics: [Diagnostic]) {
    let loaded = PolicyLoader.load(text: yaml, file: file)
    var options = EngineOptions()
    if let text = ciliumVersion, let version = CiliumVersion(text) {
      options.ciliumVersion = version
    }
    let context = LintContext(
      policies: loaded.policies, inventory: loaded.hasInventory ? loaded.inventory : nil,
      dataplane: dataplane, options: options)
    return (Linter.lint(context), loaded.diagnostics)
  }

  /// Lints a rule's example.
  static func lint(_ example: LintExample, file: String) -> (
    findings: [LintFinding], diagnostics: [Diagnostic]
  ) {
    lint(
      example.cleanYAML, file: file, dataplane: example.dataplane,
      ciliumVersion: example.ciliumVersion)
  }

  /// Lints the files of the repository, e.g. `examples/demo`.
  static func lint(paths: [String], dataplane: Dataplane? = nil) -> [LintFinding] {
    let root = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
    let loaded = PolicyLoader.load(paths: paths.map { "/" + root + "/" + $0 })
    let context = LintContext(
      policies: loaded.policies, inventory: loaded.hasInventory ? loaded.inventory : nil,
      dataplane: dataplane)
    return Linter.lint(context)
  }
}
