import ArgumentParser
import Foundation
import NetpolEngine
import NetpolModel
import NetpolViews

/// `netpol lint`: finds policies that do not do what their authors evidently meant.
struct LintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lint",
    abstract:
      "Find policy mistakes: DNS cut off, Cilium `{}` rules, wildcard FQDNs, dataplane gaps.",
    discussion: """
      Reads policies (and, with --cluster or inventory content in -f files, the cluster) and \
      reports each finding with a stable ID (NP001...), a severity, the FILE:LINE:COL of the \
      offending field, an explanation and a concrete fix (a recipe or a YAML snippet). \
      docs/lint.md lists every rule with examples.

      Output formats: text (default), json (an array of findings), sarif (SARIF 2.1.0, for \
      code-scanning services).

      Exit status: 0 when no finding is at or above --fail-on (default error), 1 when one is \
      or when an input file has a problem, 64 for a wrong command line.

      Examples:
        netpol lint -f examples/lint/s3-allow-specific-pod.yaml
        netpol lint -f policies/ --cluster cluster.yaml --dataplane azure-cilium
        netpol lint -f cnp.yaml --dataplane cilium --cilium-version 1.18 --fail-on warning
        netpol lint -f policies/ -o sarif > netpol.sarif
      """)

  @OptionGroup var input: InputOptions

  @Option(
    name: .customLong("cluster"),
    help: ArgumentHelp(
      "An inventory (inventory file or `kubectl get -o yaml` output) for the rules that need pods "
        + "(repeatable).", valueName: "path"))
  var clusters: [String] = []

  @Option(
    name: .customLong("dataplane"),
    help: ArgumentHelp(
      "The dataplane to check support against: \(Dataplane.allCases.map(\.rawValue).joined(separator: ", ")). "
        + "Default: cilium if any Cilium object is loaded, else kubernetes.",
      valueName: "name"))
  var dataplane: String?

  @OptionGroup var ciliumVersion: CiliumVersionOption

  @Option(
    name: .customLong("fail-on"),
    help: ArgumentHelp(
      "Exit 1 on a finding of this severity or above: error, warning or info.",
      valueName: "severity"))
  var failOn: String = "error"

  @Option(
    name: [.customShort("o"), .customLong("output")],
    help: ArgumentHelp("text, json or sarif.", valueName: "format"))
  var output: String = "text"

  func validate() throws {
    if let dataplane, Dataplane(name: dataplane) == nil {
      throw ValidationError(
        "unknown dataplane '\(dataplane)': use one of \(Dataplane.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    if LintSeverity(name: failOn) == nil {
      throw ValidationError("unknown severity '\(failOn)': use error, warning or info")
    }
    if !["text", "json", "sarif"].contains(output) {
      throw ValidationError("unknown output format '\(output)': use text, json or sarif")
    }
  }

  func run() throws {
    let loaded = PolicyLoader.load(paths: input.paths)
    let cluster = clusters.isEmpty ? nil : PolicyLoader.load(paths: clusters)
    let diagnostics = loaded.diagnostics + (cluster?.diagnostics ?? [])
    if !diagnostics.isEmpty {
      CLIOutput.report(diagnostics)
      CLIOutput.error(
        "netpol lint: "
          + CLIOutput.count(Diagnostic.problemCount(diagnostics), "problem", "problems") + " found")
      throw ExitStatus.badInput
    }
    for duplicate in loaded.duplicates { CLIOutput.error("warning: " + duplicate) }
    if let cluster, !cluster.hasInventory {
      CLIOutput.error(
        "netpol lint: \(clusters.joined(separator: ", ")): no inventory found (namespaces, pods or an inventory file)"
      )
      throw ExitStatus.badInput
    }
    var inventory: Inventory?
    if let cluster {
      inventory = cluster.inventory
    } else if loaded.hasInventory {
      inventory = loaded.inventory
    }
    let context = LintContext(
      policies: loaded.policies, inventory: inventory,
      dataplane: dataplane.flatMap(Dataplane.init(name:)), options: ciliumVersion.options())
    let findings = Linter.lint(context)
    switch output {
    case "json": CLIOutput.write(LintReport.json(findings))
    case "sarif": CLIOutput.write(LintReport.sarif(findings))
    default: CLIOutput.write(DisplayText.escapedText(LintReport.text(findings)))
    }
    let threshold = LintSeverity(name: failOn) ?? .error
    if findings.contains(where: { $0.severity >= threshold }) {
      throw ExitStatus.badInput
    }
  }
}
