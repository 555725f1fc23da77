import ArgumentParser
import Foundation
import NetpolEngine
import NetpolModel
import NetpolViews

/// `netpol diff`: every flow whose verdict differs between two policy sets.
struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Print every flow whose verdict differs between two policy sets.",
    discussion: """
      Compares BEFORE and AFTER (policy files or directories) on the --cluster inventory, or, \
      with --base REV, the policies under each PATH at git revision REV (read with git, no \
      checkout) with the same paths in the working tree. Each change names the policies and \
      rules that decide the flow on both sides. Without --port, the ports are the container \
      ports of the inventory, as for `matrix`. Self traffic is left out.

      --check equivalent|subset|superset asks whether AFTER allows the same flows as BEFORE, \
      only flows BEFORE allows, or at least those; it prints yes or no with the first \
      counter-examples.

      Output formats: text, json \
      ({"dataplane":..,"changes":[{"source","destination","port","protocol","before","after",..}]}), \
      markdown (a summary line, then tables of newly allowed and newly denied flows).

      Exit status: 0; 1 with --exit-code when any flow changed, or with --check when the \
      relation does not hold; 2 when an input has a problem; 64 for a wrong command line.

      Examples:
        netpol diff --cluster cluster.yaml old/ new/
        netpol diff --cluster cluster.yaml --base origin/main policies/ -o markdown
        netpol diff --cluster cluster.yaml a.yaml b.yaml --check equivalent
      """)

  @Option(
    name: .customLong("cluster"),
    help: ArgumentHelp(
      "The inventory: an inventory file or `kubectl get -o yaml` output.", valueName: "path"))
  var cluster: String

  @Argument(
    help: ArgumentHelp(
      "BEFORE and AFTER (files or directories), or with --base the paths to compare.",
      valueName: "path"))
  var paths: [String] = []

  @Option(
    name: .customLong("base"),
    help: ArgumentHelp(
      "A git revision: compare the policies under each path at it with the working tree.",
      valueName: "rev"))
  var base: String?

  @Option(
    name: .customLong("port"), help: ArgumentHelp("Destination port (repeatable).", valueName: "n"))
  var ports: [Int] = []

  @Option(
    name: .customLong("protocol"),
    help: ArgumentHelp("TCP, UDP or SCTP (repeatable; default TCP).", valueName: "proto"))
  var protocols: [String] = []

  @Option(
    name: .customLong("dataplane"),
    help: ArgumentHelp(
      "Whose semantics to apply: \(Dataplane.allCases.map(\.rawValue).joined(separator: ", ")). "
        + "Default: cilium if either set holds a Cilium object, else kubernetes.",
      valueName: "name"))
  var dataplane: String?

  @OptionGroup var ciliumVersion: CiliumVersionOption

  @Option(
    name: [.customShort("o"), .customLong("output")],
    help: ArgumentHelp("text, json or markdown.", valueName: "format"))
  var output: String = "text"

  @Flag(name: .customLong("exit-code"), help: "Exit with status 1 when any flow changed.")
  var exitCode = false

  @Option(
    name: .customLong("check"),
    help: ArgumentHelp(
      "equivalent, subset or superset: whether AFTER allows the same, only, or at least the "
        + "flows BEFORE allows (exit status 1 when not).", valueName: "relation"))
  var check: String?

  func validate() throws {
    guard PolicySetDiffFormat(rawValue: output) != nil else {
      throw ValidationError("unknown output format '\(output)': use text, json or markdown")
    }
    if let check, PolicySetRelation(rawValue: check) == nil {
      throw ValidationError("unknown --check '\(check)': use equivalent, subset or superset")
    }
    if let dataplane, Dataplane(name: dataplane) == nil {
      throw ValidationError(
        "unknown dataplane '\(dataplane)': use one of \(Dataplane.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    if base == nil && paths.count != 2 {
      throw ValidationError("give BEFORE and AFTER (two paths), or --base REV and paths")
    }
    if base != nil && paths.isEmpty { throw ValidationError("--base needs at least one path") }
    for port in ports where !(1...65535).contains(port) {
      throw ValidationError("port \(port) is out of range (1-65535)")
    }
    for name in protocols {
      guard let proto = FlowProtocol(name: name), proto != .icmp else {
        throw ValidationError("unknown protocol '\(name)': use TCP, UDP or SCTP")
      }
    }
    if !ports.isEmpty && protocols.count > 1 && protocols.count != ports.count {
      throw ValidationError(
        "give one --protocol for all ports or one per --port (\(ports.count) ports, \(protocols.count) protocols)"
      )
    }
  }

  func run() throws {
    let inputProblem = ExitCode(2)
    let clusterResult = PolicyLoader.load(paths: [cluster])
    let beforeResult: LoadResult
    let afterResult: LoadResult
    if let base {
      do {
        beforeResult = try GitRevisionReader.load(revision: base, paths: paths)
      } catch {
        CLIOutput.error("netpol diff: \(error.description)")
        throw inputProblem
      }
      afterResult = PolicyLoader.load(paths: paths)
    } else {
      beforeResult = PolicyLoader.load(paths: [paths[0]])
      afterResult = PolicyLoader.load(paths: [paths[1]])
    }
    let diagnostics =
      clusterResult.diagnostics + beforeResult.diagnostics + afterResult.diagnostics
    if !diagnostics.isEmpty {
      CLIOutput.report(diagnostics)
      CLIOutput.error(
        "netpol diff: " + CLIOutput.count(diagnostics.count, "problem", "problems") + " found")
      throw inputProblem
    }
    guard clusterResult.hasInventory else {
      CLIOutput.error(
        "netpol diff: \(cluster): no inventory found (namespaces, pods or an inventory file)")
      throw inputProblem
    }
    let beforePolicies = beforeResult.policies.map(\.resource)
    let afterPolicies = afterResult.policies.map(\.resource)
    let isCilium: (PolicyResource) -> Bool = {
      if case .cilium = $0 { return true } else { return false }
    }
    let chosen =
      dataplane.flatMap { Dataplane(name: $0) }
      ?? ((beforePolicies + afterPolicies).contains(where: isCilium) ? .cilium : .kubernetes)
    let options = ciliumVersion.options()
    let before = PolicyEngine(
      inventory: clusterResult.inventory, policies: beforePolicies, dataplane: chosen,
      options: options)
    let after = PolicyEngine(
      inventory: clusterResult.inventory, policies: afterPolicies, dataplane: chosen,
      options: options)
    let selected = selectedPorts(PolicySetDiff.defaultPorts(before, after))
    guard !selected.isEmpty else {
      CLIOutput.error("netpol diff: the inventory's pods declare no container ports; give --port")
      throw inputProblem
    }
    let diff = PolicySetDiff(before: before, after: after, ports: selected)
    if let check, let relation = PolicySetRelation(rawValue: check) {
      CLIOutput.write(diff.checkText(relation))
      if !diff.counterExamples(to: relation).isEmpty { throw ExitCode(1) }
      return
    }
    CLIOutput.write(diff.rendered(PolicySetDiffFormat(rawValue: output) ?? .text))
    if exitCode && !diff.changes.isEmpty { throw ExitCode(1) }
  }

  /// The (protocol, port) pairs to compare: the given ones, or `defaults` filtered by protocol.
  func selectedPorts(_ defaults: [(FlowProtocol, Int)]) -> [(FlowProtocol, Int)] {
    let parsed = protocols.compactMap { FlowProtocol(name: $0) }
    if ports.isEmpty {
      return parsed.isEmpty ? defaults : defaults.filter { parsed.contains($0.0) }
    }
    return ports.enumerated().map { index, port in
      let proto = parsed.isEmpty ? .tcp : (parsed.count == 1 ? parsed[0] : parsed[index])
      return (proto, port)
    }
  }
}
