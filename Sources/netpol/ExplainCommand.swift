import ArgumentParser
import NetpolEngine
import NetpolModel
import NetpolViews

/// `netpol explain`: the verdict of one flow, step by step.
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract:
      "Explain the verdict of one connection: lookup, egress at the source, ingress at the destination.",
    discussion: """
      SRC and DST are `namespace/pod`, a workload (`shop/api`, or `api` when only one workload \
      has that name: its first pod by name, named in a note on standard error), an IP address \
      (a pod's IP is that pod, any other address is `world`) or a name from the inventory's \
      external list. A flow to a DNS name first \
      looks the name up through the inventory's kube-dns pod (UDP 53), as Cilium's toFQDNs \
      depends on it.

      Output: text (default), json (an object whose "verdict" is "allow" or "deny"), or hubble \
      (the lines `hubble observe` would print; fixed time and source port, see docs/engine.md).

      Exit status: 0 whatever the verdict; 1 for a bad input file or an unknown endpoint; 64 for \
      a wrong command line.

      Examples:
        netpol explain --cluster examples/demo/cluster.yaml -f examples/demo/s1-demo-policy.yaml \\
          --from demo/client --to demo/server --port 80
        netpol explain --cluster examples/demo/cluster.yaml -f examples/demo \\
          --from demo/curl --to github.com --port 443 -o hubble
        netpol explain --cluster cluster.yaml -f cnp.yaml --cilium-version 1.18 \\
          --from demo/curl --to a.b.example.com --port 443
      """)

  @OptionGroup var inputs: EngineInputOptions

  @Option(
    name: .customLong("from"),
    help: ArgumentHelp(
      "The source: NS/POD, a workload, an IP or an external name.", valueName: "src"))
  var source: String

  @Option(
    name: .customLong("to"),
    help: ArgumentHelp(
      "The destination: NS/POD, a workload, an IP or an external name.", valueName: "dst"))
  var destination: String

  @Option(
    name: .customLong("port"),
    help: ArgumentHelp("Destination port (not for ICMP).", valueName: "n"))
  var port: Int?

  @Option(
    name: .customLong("protocol"),
    help: ArgumentHelp("TCP (default), UDP, SCTP or ICMP.", valueName: "proto"))
  var proto: String = "TCP"

  @Option(
    name: .customLong("icmp-type"),
    help: ArgumentHelp("ICMP type for --protocol ICMP (default 8, echo request).", valueName: "n"))
  var icmpType: Int?

  @Option(
    name: .customLong("http-method"),
    help: ArgumentHelp("An HTTP request method, to check Cilium HTTP rules.", valueName: "method"))
  var httpMethod: String?

  @Option(
    name: .customLong("http-path"),
    help: ArgumentHelp("The HTTP request path (default /).", valueName: "path"))
  var httpPath: String?

  @Option(
    name: [.customShort("o"), .customLong("output")],
    help: ArgumentHelp("text, json or hubble.", valueName: "format"))
  var output: String = "text"

  func validate() throws {
    guard ["text", "json", "hubble"].contains(output) else {
      throw ValidationError("unknown output format '\(output)': use text, json or hubble")
    }
    guard let parsed = FlowProtocol(name: proto) else {
      throw ValidationError("unknown protocol '\(proto)': use TCP, UDP, SCTP or ICMP")
    }
    if parsed == .icmp {
      if port != nil { throw ValidationError("--port does not apply to ICMP; use --icmp-type") }
      if httpMethod != nil { throw ValidationError("--http-method needs TCP") }
    } else {
      guard port != nil else {
        throw ValidationError("missing --port (required for \(parsed.rawValue))")
      }
      if icmpType != nil { throw ValidationError("--icmp-type needs --protocol ICMP") }
    }
    if httpPath != nil && httpMethod == nil {
      throw ValidationError("--http-path needs --http-method")
    }
    if let icmpType, !(0...255).contains(icmpType) {
      throw ValidationError("--icmp-type \(icmpType) is out of range (0-255)")
    }
  }

  func run() throws {
    let engine = try inputs.engine(command: "explain")
    let flowProtocol = FlowProtocol(name: proto) ?? .tcp
    if let port, !(1...65535).contains(port) {
      CLIOutput.error("netpol explain: \(EngineError.portOutOfRange(port))")
      throw ExitStatus.badInput
    }
    let from: Endpoint
    let to: Endpoint
    let scope = ViewScope(engine.inventory)
    let sourceChoice = scope.choose(source)
    let destinationChoice = scope.choose(destination)
    for note in [sourceChoice.note, destinationChoice.note].compactMap({ $0 }) {
      CLIOutput.error("note: \(note)")
    }
    do {
      from = try engine.resolve(sourceChoice.id)
      to = try engine.resolve(destinationChoice.id)
    } catch {
      CLIOutput.error("netpol explain: \(error)")
      throw ExitStatus.badInput
    }
    let flow = Flow(
      source: from, destination: to, protocol: flowProtocol, port: port,
      icmpType: flowProtocol == .icmp ? (icmpType ?? 8) : nil, httpMethod: httpMethod,
      httpPath: httpMethod == nil ? nil : (httpPath ?? "/"))
    let explanation = engine.explain(flow)
    switch output {
    case "json": CLIOutput.write(explanation.json() + "\n")
    case "hubble":
      CLIOutput.write(
        DisplayText.escapedText(
          HubbleRenderer(engine: engine).lines(for: explanation).map { $0 + "\n" }.joined()))
    default: CLIOutput.write(DisplayText.escapedText(explanation.text()))
    }
  }
}
