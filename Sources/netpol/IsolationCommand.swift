import ArgumentParser
import Foundation
import NetpolEngine
import NetpolModel
import NetpolViews

/// `netpol isolation`: per pod and direction, whether it is isolated and by which policies.
struct IsolationCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "isolation",
    abstract: "Show which pods are isolated (default-deny) for ingress and egress, and by what.",
    discussion: """
      A pod is isolated for a direction once a policy selecting it covers that direction \
      (NetworkPolicy policyTypes; Cilium: any ingress/egress entry, or enableDefaultDeny). \
      Then only what some policy allows gets through; a pod that is not isolated accepts \
      everything in that direction (see Isolation and combination and Cilium default deny in docs/semantics.md).

      Output formats: table (default; one line per pod, workload or namespace), json \
      ({"grouping":..,"dataplane":..,"rows":[{"name":..,"pods":..,"ingress":{"isolated":..,\
      "policies":[..]},"egress":{..}}],"notes":[..]}; see docs/json.md). --from and --to both \
      choose the pods shown.

      Exit status: 0, or 1 when an input file has a problem, 64 for a wrong command line.

      Examples:
        netpol isolation --cluster examples/demo/cluster.yaml -f examples/demo/s1-demo-policy.yaml
        netpol isolation --cluster cluster.yaml -f policies/ --dataplane calico -o json
      """)

  @OptionGroup var inputs: EngineInputOptions

  @Option(
    name: [.customShort("o"), .customLong("output")],
    help: ArgumentHelp("table or json.", valueName: "format"))
  var output: String = "table"

  @OptionGroup var view: ViewFilterOptions

  func validate() throws {
    if !["table", "json"].contains(output) {
      throw ValidationError("unknown output format '\(output)': use table or json")
    }
    try view.validateSyntax()
  }

  func run() throws {
    let engine = try inputs.engine(command: "isolation")
    let scope = ViewScope(engine.inventory)
    let options = try view.options(
      format: output == "json" ? .json : .table, scope: scope, command: "isolation")
    let pods = options.from + options.to
    if output == "json" {
      CLIOutput.write(
        IsolationView.json(
          engine: engine, scope: scope, grouping: options.grouping, pods: pods,
          namespace: options.namespace))
    } else {
      CLIOutput.write(
        DisplayText.escapedText(
          IsolationView.table(
            engine: engine, scope: scope, grouping: options.grouping, pods: pods,
            namespace: options.namespace)))
    }
  }
}
