import NetpolEngine
import NetpolModel

/// Views of verdicts: `matrix`, `explain`, `diff`.
extension Interpreter {
  mutating func matrixCommand(_ arguments: inout Arguments) throws(ShellError) {
    var ports: [(FlowProtocol, Int)] = []
    var from: EndpointFilter?
    var to: EndpointFilter?
    while let option = arguments.peek {
      if option.isKeyword("--port") || option.isKeyword("-p") {
        _ = try arguments.next(option.text)
        let value = try arguments.next("PORT[/PROTO] after --port")
        ports.append(try Self.flowPort(value))
      } else if option.isKeyword("--from") || option.isKeyword("--to") {
        _ = try arguments.next(option.text)
        let filter = try EndpointFilter.parse(&arguments, inventory: state.inventory)
        if option.isKeyword("--from") { from = filter } else { to = filter }
      } else {
        throw ShellError(
          "unexpected `\(option.text)`; usage: matrix [--port PORT/PROTO] [--from SEL] [--to SEL]",
          at: option)
      }
    }
    let engine = cachedEngine(for: state)
    if ports.isEmpty { ports = engine.defaultPorts() }
    guard !ports.isEmpty else {
      throw ShellError("the cluster declares no container ports; give --port PORT/PROTO")
    }
    do {
      try computeClassMatrices(for: state, ports)
    } catch {
      throw .interrupted
    }
    let style = Style(enabled: settings.colour)
    var blocks: [String] = []
    var notes: [String] = []
    for (proto, port) in ports {
      do {
        let matrix = try self.matrix(for: state, proto, port)
        for note in matrix.notes where !notes.contains(note) { notes.append(note) }
        blocks.append(
          try MatrixRenderer.render(
            matrix, title: "\(Self.portKey(proto, port)) on \(Self.dataplaneTitle(engine))",
            rows: from, columns: to, inventory: state.inventory, style: style,
            cancellation: cancellation))
      } catch {
        throw .interrupted
      }
    }
    if !notes.isEmpty {
      blocks.append("notes:\n" + notes.map { "  - " + $0 }.joined(separator: "\n"))
    }
    print(blocks.joined(separator: "\n\n"))
  }

  mutating func explainCommand(_ arguments: inout Arguments) throws(ShellError) {
    let usage = "explain SRC DST PORT[/PROTO] [--json|--hubble]"
    let sourceToken = try arguments.next("SRC (NS/POD, IP or external name)")
    let destinationToken = try arguments.next("DST (NS/POD, IP or external name)")
    let portToken = try arguments.next("PORT[/PROTO], e.g. 80/TCP")
    var format = "text"
    if arguments.take("--json") != nil { format = "json" }
    if arguments.take("--hubble") != nil { format = "hubble" }
    try arguments.expectEnd(usage)
    let engine = engine(for: state)
    let source: Endpoint
    let destination: Endpoint
    do {
      source = try engine.resolve(sourceToken.text)
    } catch {
      throw ShellError(error.description, at: sourceToken)
    }
    do {
      destination = try engine.resolve(destinationToken.text)
    } catch {
      throw ShellError(error.description, at: destinationToken)
    }
    let (proto, port) = try Self.flowPort(portToken)
    let flow = Flow(source: source, destination: destination, protocol: proto, port: port)
    let explanation = engine.explain(flow)
    switch format {
    case "json": print(explanation.json())
    case "hubble": print(explanation.hubble().joined(separator: "\n"))
    default: print(explanation.text())
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

/// Which rows or columns of a matrix to show: a pod, a namespace, or pods by selector.
enum EndpointFilter {
  case pod(String)
  case namespace(String)
  case selector(LabelSelector)

  static func parse(_ arguments: inout Arguments, inventory: Inventory) throws(ShellError)
    -> EndpointFilter
  {
    guard let token = arguments.peek else {
      throw ShellError("expected NS/POD, a namespace or a selector", at: arguments.endSpan)
    }
    if token.text.contains("/"), !token.text.contains("=") {
      _ = try arguments.next("NS/POD")
      guard inventory.pod(id: token.text) != nil else {
        throw ShellError("no pod `\(token.text)` in the cluster", at: token)
      }
      return .pod(token.text)
    }
    if inventory.namespace(named: token.text) != nil {
      _ = try arguments.next("a namespace")
      return .namespace(token.text)
    }
    let (selector, _) = try PeerParser.readSelector(&arguments, what: "a selector")
    return .selector(selector)
  }

  func matches(_ id: String, inventory: Inventory) -> Bool {
    switch self {
    case .pod(let pod): return id == pod
    case .namespace(let namespace): return id.hasPrefix(namespace + "/")
    case .selector(let selector):
      guard let pod = inventory.pod(id: id) else { return false }
      return selector.matches(pod.labels)
    }
  }
}
