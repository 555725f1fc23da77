import ArgumentParser
import Foundation
import NetpolEngine
import NetpolModel

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

      Output formats: table (default; one line per pod), json \
      ([{"pod":..,"ingress":{"isolated":..,"policies":[..]},"egress":{..}}]).

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

  func validate() throws {
    if !["table", "json"].contains(output) {
      throw ValidationError("unknown output format '\(output)': use table or json")
    }
  }

  func run() throws {
    let engine = try inputs.engine(command: "isolation")
    let pods = engine.inventory.pods.sorted { $0.id < $1.id }
    let rows = pods.map { ($0.id, engine.isolation(of: $0)) }
    if output == "json" {
      CLIOutput.write(Self.json(rows))
      return
    }
    var text = ""
    let width = max(3, rows.map(\.0.count).max() ?? 0)
    text += "POD".padding(toLength: width, withPad: " ", startingAt: 0) + "  INGRESS   EGRESS\n"
    for (id, isolation) in rows {
      text +=
        id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
        + Self.cell(isolation.ingress).padding(toLength: 8, withPad: " ", startingAt: 0) + "  "
        + Self.cell(isolation.egress) + "\n"
    }
    var notes: [String] = []
    for (id, isolation) in rows {
      if isolation.ingress {
        notes.append(
          "\(id) is isolated for ingress by \(isolation.ingressPolicies.joined(separator: ", "))")
      }
      if isolation.egress {
        notes.append(
          "\(id) is isolated for egress by \(isolation.egressPolicies.joined(separator: ", "))")
      }
    }
    if !notes.isEmpty { text += "\n" + notes.joined(separator: "\n") + "\n" }
    for rejection in engine.rejections {
      text += "note: \(rejection.policy) is not applied: \(rejection.reason)\n"
    }
    CLIOutput.write(DisplayText.escapedText(text))
  }

  /// `isolated` or `open`.
  static func cell(_ isolated: Bool) -> String { isolated ? "isolated" : "open" }

  /// The JSON form.
  static func json(_ rows: [(String, Isolation)]) -> String {
    func quote(_ text: String) -> String {
      "\""
        + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
          of: "\"", with: "\\\"")
        + "\""
    }
    func side(_ isolated: Bool, _ policies: [String]) -> String {
      "{\"isolated\":\(isolated),\"policies\":[\(policies.map(quote).joined(separator: ","))]}"
    }
    let items = rows.map { id, isolation in
      "{\"pod\":\(quote(id)),\"ingress\":\(side(isolation.ingress, isolation.ingressPolicies)),"
        + "\"egress\":\(side(isolation.egress, isolation.egressPolicies))}"
    }
    return "[" + items.joined(separator: ",") + "]\n"
  }
}
