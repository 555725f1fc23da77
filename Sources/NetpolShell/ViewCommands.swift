import Foundation
import NetpolEngine
import NetpolModel
import NetpolViews

/// Views of verdicts: `matrix`, `explain`, `diff`.
extension Interpreter {
  mutating func matrixCommand(_ arguments: inout Arguments) throws(ShellError) {
    let text = try matrixView(
      &arguments, format: .table, command: "matrix",
      usage: "matrix [--port PORT/PROTO] [--from PATTERN] [--to PATTERN] [-n NS | -A] "
        + "[--group-by pod|workload|namespace]")
    print(String(text.dropLast()))
  }

  /// `report FILE [matrix options]`: the matrices as one self-contained HTML page.
  mutating func reportCommand(_ arguments: inout Arguments) throws(ShellError) {
    let pathToken = try arguments.next("FILE (the HTML page to write)")
    let text = try matrixView(
      &arguments, format: .html, command: "report",
      usage: "report FILE [--port PORT/PROTO] [--from PATTERN] [--to PATTERN] [-n NS | -A] "
        + "[--group-by pod|workload|namespace]")
    let path = Self.absolutePath(Self.expandingTilde(pathToken.text))
    do {
      try AtomicFile.replace(path, with: text)
    } catch {
      throw ShellError("cannot write \(pathToken.text): \(error)", at: pathToken)
    }
    print("wrote the verdict matrices to \(pathToken.text)")
  }

  /// Reads the options of `matrix` and renders the matrices of the current state in `format`.
  mutating func matrixView(
    _ arguments: inout Arguments, format: MatrixFormat, command: String, usage: String
  ) throws(ShellError) -> String {
    var ports: [(FlowProtocol, Int)] = []
    var options = MatrixViewOptions(
      format: format, width: settings.width, color: settings.colour && format == .table)
    var grouping: Grouping?
    let scope = ViewScope(state.inventory)
    while let option = arguments.peek {
      if option.isKeyword("--port") || option.isKeyword("-p") {
        _ = try arguments.next(option.text)
        let value = try arguments.next("PORT[/PROTO] after --port")
        ports.append(try Self.flowPort(value))
      } else if option.isKeyword("--from") || option.isKeyword("--to") {
        _ = try arguments.next(option.text)
        let token = try arguments.next("a selector, NS/NAME, a workload or a glob")
        let pattern: EndpointPattern
        do {
          pattern = try EndpointPattern.parse(token.text, scope: scope)
        } catch {
          throw ShellError(error.description, at: token)
        }
        if option.isKeyword("--from") {
          options.from.append(pattern)
        } else {
          options.to.append(pattern)
        }
      } else if option.isKeyword("-n") || option.isKeyword("--namespace") {
        _ = try arguments.next(option.text)
        let token = try arguments.next("a namespace after -n")
        guard scope.namespaces.contains(token.text) else {
          throw ShellError("no namespace `\(token.text)` in the cluster", at: token)
        }
        options.namespace = token.text
      } else if option.isKeyword("-A") || option.isKeyword("--all-namespaces") {
        _ = try arguments.next(option.text)
        options.namespace = nil
      } else if option.isKeyword("--group-by") {
        _ = try arguments.next(option.text)
        let token = try arguments.next("pod, workload or namespace after --group-by")
        guard let parsed = Grouping(rawValue: token.text) else {
          throw ShellError(
            "unknown grouping `\(token.text)`: use pod, workload or namespace", at: token)
        }
        grouping = parsed
      } else {
        throw ShellError("unexpected `\(option.text)`; usage: \(usage)", at: option)
      }
    }
    let engine = cachedEngine(for: state)
    if ports.isEmpty { ports = engine.defaultPorts() }
    guard !ports.isEmpty else {
      throw ShellError("the cluster declares no container ports; give --port PORT/PROTO")
    }
    options.grouping = grouping ?? options.format.defaultGrouping(scope)
    var matrices: [any MatrixRows] = []
    let cancellation = self.cancellation
    do {
      try computeClassMatrices(for: state, ports)
      for (proto, port) in ports {
        try cancellation.checkpoint()
        matrices.append(try self.matrix(for: state, proto, port))
      }
    } catch {
      throw .interrupted
    }
    options.stop = { cancellation.isCancelled }
    let text = MatrixRenderer.string(
      matrices, context: MatrixContext(engine: engine, scope: scope), options: options)
    if cancellation.isCancelled { throw .interrupted }
    return text
  }

  mutating func explainCommand(_ arguments: inout Arguments) throws(ShellError) {
    let usage = "explain SRC DST PORT[/PROTO] [--json|--hubble]"
    let sourceToken = try arguments.next("SRC (NS/POD, a workload, IP or external name)")
    let destinationToken = try arguments.next("DST (NS/POD, a workload, IP or external name)")
    let portToken = try arguments.next("PORT[/PROTO] or a port name, e.g. 80/TCP or http")
    var format = "text"
    if arguments.take("--json") != nil { format = "json" }
    if arguments.take("--hubble") != nil { format = "hubble" }
    try arguments.expectEnd(usage)
    let engine = engine(for: state)
    let scope = ViewScope(state.inventory)
    let sourceChoice = scope.choose(sourceToken.text)
    let destinationChoice = scope.choose(destinationToken.text)
    var notes = [sourceChoice.note, destinationChoice.note].compactMap { $0 }
    let source: Endpoint
    let destination: Endpoint
    do {
      source = try engine.resolve(sourceChoice.id)
    } catch {
      throw ShellError(error.description, at: sourceToken)
    }
    do {
      destination = try engine.resolve(destinationChoice.id)
    } catch {
      throw ShellError(error.description, at: destinationToken)
    }
    let proto: FlowProtocol
    let port: Int
    if let named = scope.namedPort(portToken.text, on: destinationChoice.id) {
      (proto, port) = (named.0, named.1)
      notes.append(named.2)
    } else {
      (proto, port) = try Self.flowPort(portToken)
    }
    if format == "text" { for note in notes { print("note: \(note)") } }
    let flow = Flow(source: source, destination: destination, protocol: proto, port: port)
    let explanation = engine.explain(flow)
    switch format {
    case "json": print(explanation.json())
    case "hubble":
      print(
        DisplayText.escapedText(
          HubbleRenderer(engine: engine).lines(for: explanation).joined(separator: "\n")))
    default: print(DisplayText.escapedText(explanation.text()))
    }
  }

  mutating func diffCommand(_ arguments: inout Arguments) throws(ShellError) {
    try arguments.expectEnd("diff")
    guard let step = session.lastStep else { throw ShellError("nothing changed yet") }
    var lines = ["last step: \(step.command)"]
    lines += StateDiff.describe(from: step.before, to: step.after)
    let changes: [FlowChange]
    do {
      changes = Self.ordered(try flowChanges(from: step.before, to: step.after))
    } catch {
      throw .interrupted
    }
    if changes.isEmpty {
      lines.append("no flow changed")
    } else {
      let style = Style(enabled: settings.colour)
      for change in changes {
        let word = change.new == .deny ? style.red("now denied ") : style.green("now allowed")
        lines.append("  \(word)  \(change.text)")
      }
    }
    print(lines.joined(separator: "\n"))
  }

  /// Reads `80`, `80/TCP`, `53/udp` into a flow protocol and port.
  static func flowPort(_ token: Token) throws(ShellError) -> (FlowProtocol, Int) {
    let parts = token.text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count <= 2, let port = Int(parts[0]), (1...65535).contains(port) else {
      throw ShellError("expected PORT[/PROTO] with PORT 1-65535, got `\(token.text)`", at: token)
    }
    var proto = FlowProtocol.tcp
    if parts.count == 2 {
      guard let parsed = FlowProtocol(name: String(parts[1])), parsed != .icmp else {
        throw ShellError("unknown protocol `\(parts[1])` (TCP, UDP or SCTP)", at: token)
      }
      proto = parsed
    }
    return (proto, port)
  }
}
