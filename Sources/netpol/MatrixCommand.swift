import ArgumentParser
import Foundation
import NetpolEngine
import NetpolModel
import NetpolViews

/// Inputs shared by `matrix`, `explain` and `isolation`: the inventory, the policies, the
/// dataplane and the engine options.
struct EngineInputOptions: ParsableArguments {
  @Option(
    name: .customLong("cluster"),
    help: ArgumentHelp(
      "The inventory: an inventory file or `kubectl get -o yaml` output (namespaces, pods, workloads).",
      valueName: "path"))
  var cluster: String

  @Option(
    name: [.customShort("f"), .customLong("filename")], parsing: .upToNextOption,
    help: ArgumentHelp(
      "Policy files, directories (their *.yaml, *.yml, *.json) or - for standard input. "
        + "Repeat -f or list several paths after it. Inventory content in them is ignored "
        + "(the inventory comes from --cluster). Without -f, the policies of the --cluster file apply.",
      valueName: "path"))
  var paths: [String] = []

  @Option(
    name: .customLong("dataplane"),
    help: ArgumentHelp(
      "Whose semantics to apply: \(Dataplane.allCases.map(\.rawValue).joined(separator: ", ")). "
        + "Default: cilium if any Cilium object is loaded, else kubernetes.",
      valueName: "name"))
  var dataplane: String?

  @OptionGroup var ciliumVersion: CiliumVersionOption

  @Flag(
    name: .customLong("warm-fqdn-cache"),
    help: ArgumentHelp(
      "Let flows to raw addresses use every FQDN of the inventory as already learned "
        + "(default: each flow starts with an empty FQDN cache)."))
  var warmFQDNCache = false

  /// The parsed dataplane, or a usage error.
  func parsedDataplane() throws -> Dataplane? {
    guard let dataplane else { return nil }
    guard let parsed = Dataplane(name: dataplane) else {
      throw ValidationError(
        "unknown dataplane '\(dataplane)': use one of \(Dataplane.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    return parsed
  }

  /// Loads the inventory (from `--cluster`) and the policies (from `-f`; without `-f`, those
  /// of the `--cluster` file) and builds the engine; problems end the command (exit 1).
  func engine(command: String) throws -> PolicyEngine {
    let dataplane = try parsedDataplane()
    let clusterResult = PolicyLoader.load(paths: [cluster])
    let policyResult = paths.isEmpty ? clusterResult : PolicyLoader.load(paths: paths)
    var diagnostics = clusterResult.diagnostics
    if !paths.isEmpty { diagnostics += policyResult.diagnostics }
    if !diagnostics.isEmpty {
      CLIOutput.report(diagnostics)
      CLIOutput.error(
        "netpol \(command): "
          + CLIOutput.count(Diagnostic.problemCount(diagnostics), "problem", "problems")
          + " found")
      throw ExitStatus.badInput
    }
    let duplicates = clusterResult.duplicates + (paths.isEmpty ? [] : policyResult.duplicates)
    for duplicate in duplicates { CLIOutput.error("warning: " + duplicate) }
    guard clusterResult.hasInventory else {
      CLIOutput.error(
        "netpol \(command): \(cluster): no inventory found (namespaces, pods or an inventory file)")
      throw ExitStatus.badInput
    }
    return PolicyEngine(
      inventory: clusterResult.inventory, policies: policyResult.policies.map(\.resource),
      dataplane: dataplane, options: ciliumVersion.options(warmFQDNCache: warmFQDNCache))
  }
}

/// `netpol matrix`: the verdict for every pod to every pod and external endpoint.
struct MatrixCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "matrix",
    abstract: "Print who can reach whom: one verdict matrix per port and protocol.",
    discussion: """
      Rows are sources, columns are destinations then the inventory's external endpoints: \
      one per pod, workload or namespace (--group-by). `.` is allowed, `X` denied and `#` a \
      pod talking to itself (implementation-defined, kubernetes/kubernetes#95879), as in the \
      upstream e2e truth tables; a grouped cell that is neither shows how many of its pod \
      pairs are allowed (`3/4`). Every matrix is titled with its port, protocol and dataplane. \
      Without --port, one matrix per distinct container port of the inventory. --port and \
      --protocol may repeat: one protocol applies to every port, or give one protocol per port.

      Output formats: table (aligned, fitted to the terminal width or --width: short column \
      keys and a legend, columns paged into blocks; the default on a terminal), wide (the \
      aligned table at full width), tsv (tab-separated; the default when stdout is not a \
      terminal), json (see docs/json.md), csv (protocol,port,source,destination,verdict,self), \
      markdown, dot (allowed edges), html (one self-contained page with a heatmap per matrix). \
      Rows are written as soon as they are computed.

      Exit status: 0, or 1 when an input file has a problem, 64 for a wrong command line.

      Examples:
        netpol matrix --cluster examples/demo/cluster.yaml -f examples/demo/s1-demo-policy.yaml
        netpol matrix --cluster cluster.yaml -f policies/ --port 80 --port 443 -o json
        netpol matrix --cluster cluster.yaml -f policies/ --port 8080 --group-by namespace
        netpol matrix --cluster cluster.yaml -f policies/ --port 8080 --from 'web-prod/*' --to shop/api
        netpol matrix --cluster cluster.yaml -f cnp.yaml --dataplane kubernetes --port 53 --protocol UDP
        netpol matrix --cluster cluster.yaml -f cnp.yaml --cilium-version 1.18 --port 443
      """)

  @OptionGroup var inputs: EngineInputOptions

  @Option(
    name: .customLong("port"), help: ArgumentHelp("Destination port (repeatable).", valueName: "n"))
  var ports: [Int] = []

  @Option(
    name: .customLong("protocol"),
    help: ArgumentHelp("TCP, UDP or SCTP (repeatable; default TCP).", valueName: "proto"))
  var protocols: [String] = []

  @Option(
    name: [.customShort("o"), .customLong("output")],
    help: ArgumentHelp(
      "table, wide, tsv, json, csv, markdown, dot or html (default: table on a terminal, else tsv).",
      valueName: "format"))
  var output: String?

  @OptionGroup var view: ViewFilterOptions

  @Option(
    name: .customLong("width"),
    help: ArgumentHelp(
      "Fit the table to this many columns (default: $COLUMNS or the terminal's width; 0: no limit).",
      valueName: "n"))
  var width: Int?

  func validate() throws {
    if let output, MatrixFormat(rawValue: output) == nil {
      throw ValidationError(
        "unknown output format '\(output)': use table, wide, tsv, json, csv, markdown, dot or html")
    }
    try view.validateSyntax()
    if let width, width < 0 { throw ValidationError("--width must be 0 or more, got \(width)") }
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
    let engine = try inputs.engine(command: "matrix")
    let pairs = try selectedPorts(engine)
    let format =
      output.flatMap(MatrixFormat.init(rawValue:)) ?? (CLIOutput.isTerminal ? .table : .tsv)
    let context = MatrixContext(engine: engine)
    var options = try view.options(format: format, scope: context.scope, command: "matrix")
    if let width {
      options.width = width > 0 ? width : nil
    } else if CLIOutput.isTerminal || ProcessInfo.processInfo.environment["COLUMNS"] != nil {
      options.width = CLIOutput.terminalWidth
    }
    options.color = CLIOutput.coloursWanted(on: STDOUT_FILENO)
    let matrices: [any MatrixRows] = pairs.map { engine.matrixRows(protocol: $0.0, port: $0.1) }
    if format != .table && format != .wide {
      var notes: [String] = []
      for note in matrices.flatMap(\.notes) where !notes.contains(note) { notes.append(note) }
      for note in notes { CLIOutput.error("note: " + DisplayText.escapedText(note)) }
    }
    let sink = CLIOutput.standardOutputSink()
    MatrixRenderer.render(matrices, context: context, options: options, to: sink)
    sink.drain()
  }

  /// The (protocol, port) pairs to compute.
  func selectedPorts(_ engine: PolicyEngine) throws -> [(FlowProtocol, Int)] {
    let parsed = protocols.compactMap { FlowProtocol(name: $0) }
    if ports.isEmpty {
      var defaults = engine.defaultPorts().filter { $0.0 != .icmp }
      if !parsed.isEmpty { defaults = defaults.filter { parsed.contains($0.0) } }
      guard !defaults.isEmpty else {
        CLIOutput.error(
          "netpol matrix: the inventory's pods declare no container ports\(parsed.isEmpty ? "" : " of that protocol"); give --port"
        )
        throw ExitStatus.badInput
      }
      return defaults
    }
    return ports.enumerated().map { index, port in
      let proto = parsed.isEmpty ? .tcp : (parsed.count == 1 ? parsed[0] : parsed[index])
      return (proto, port)
    }
  }
}
