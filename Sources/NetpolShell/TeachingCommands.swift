import Foundation
import NetpolEngine
import NetpolModel
import NetpolViews

/// What the teaching commands remember between command lines.
public struct TeachingState: Sendable, Equatable {
  /// The last connections tried with `connect`, oldest first (at most `limit`).
  public var connections: [ConnectionRecord] = []
  /// The lesson being followed, if any.
  public var lesson: ActiveLesson?
  /// The user's session, put aside while a lesson runs (and after it ends, until `lesson stop`).
  public var saved: SavedSession?
  /// How many connections `observe` keeps.
  public static let limit = 10
  /// How many connections were tried in this session.
  public var tried = 0

  /// Creates an empty state.
  public init() {}
}

/// One simulated connection: the flow and how the engine explained it.
public struct ConnectionRecord: Sendable, Equatable {
  /// The command line's flow.
  public var flow: Flow
  /// The explanation.
  public var explanation: Explanation
  /// Its Hubble lines, for `observe`.
  public var hubble: [String] = []
  /// The connection's number in the session (1 for the first): its time and source port.
  public var sequence: Int = 0
}

/// The commands of the Teaching group, for `help`.
enum TeachingCatalog {
  static let commands: [CommandSpec] = [
    CommandSpec(
      name: "connect", aliases: [], group: "Teaching",
      usage: ["connect SRC DST:PORT[/PROTO] [--explain]"],
      summary:
        "simulate `agnhost connect` from a pod: connected, TIMEOUT, REFUSED or a failed DNS lookup",
      details: """
        SRC is NS/POD; DST is NS/POD, an IP address or an external name (looked up through
        kube-dns first, as a pod would). --explain prints why; observe prints the Hubble lines.
        """,
      examples: [
        "connect demo/client demo/server:80", "connect demo/curl github.com:443 --explain",
      ],
      subcommands: []),
    CommandSpec(
      name: "observe", aliases: [], group: "Teaching", usage: ["observe", "observe --clear"],
      summary: "print the `hubble observe` lines of the last connections (--clear forgets them)",
      details: """
        Lines follow Hubble's compact format (policy-verdict and drop events); each connection
        has its own time and source port.
        """,
      examples: ["observe", "observe --clear"], subcommands: []),
    CommandSpec(
      name: "isolation", aliases: [], group: "Teaching",
      usage: ["isolation [--pods PATTERN] [-n NS | -A] [--group-by pod|workload|namespace]"],
      summary: "show which pods are isolated for ingress and egress, and by which policies",
      details:
        "Every change also says when a pod becomes (or stops being) isolated, one line per "
        + "workload.",
      examples: ["isolation", "isolation --group-by namespace"], subcommands: []),
    CommandSpec(
      name: "lesson", aliases: [], group: "Teaching",
      usage: ["lesson", "lesson NAME", "lesson run NAME", "lesson restart", "lesson stop"],
      summary: "list the guided lessons, follow one step by step, or run one unattended",
      details: """
        A lesson runs in a session of its own: your cluster and policies are put aside and
        `lesson stop` gives them back exactly. It prints a step and the command to try; when
        that command's outcome passes the step's check, the next step follows. `lesson` shows
        the current step, `lesson restart` starts it again, `lesson run NAME` runs every step.
        """,
      examples: ["lesson", "lesson label-the-client", "lesson run and-vs-or-selectors"],
      subcommands: ["run", "restart", "stop"]),
  ]
}

extension Interpreter {
  /// `connect SRC DST:PORT[/PROTO] [--explain]`.
  mutating func connectCommand(_ arguments: inout Arguments) throws(ShellError) {
    let usage = "connect SRC DST:PORT[/PROTO] [--explain]"
    let sourceToken = try arguments.next("SRC (NS/POD)")
    let targetToken = try arguments.next("DST:PORT[/PROTO], e.g. demo/server:80")
    let explain = arguments.take("--explain") != nil
    try arguments.expectEnd(usage)
    let engine = engine(for: state)
    let source: Endpoint
    do {
      source = try engine.resolve(sourceToken.text)
    } catch {
      throw ShellError(error.description, at: sourceToken)
    }
    guard let pod = source.pod else {
      throw ShellError("connect starts in a pod: give SRC as NS/POD", at: sourceToken)
    }
    let text = targetToken.text
    guard let colon = text.lastIndex(of: ":"), colon != text.startIndex else {
      throw ShellError("give DST:PORT[/PROTO], e.g. demo/server:80", at: targetToken)
    }
    let target = String(text[..<colon])
    let portText = String(text[text.index(after: colon)...])
    let destination: Endpoint
    do {
      destination = try engine.resolve(target)
    } catch {
      throw ShellError(error.description, at: targetToken)
    }
    let portParts = portText.split(separator: "/", omittingEmptySubsequences: false)
    guard let port = Int(portParts[0]), (1...65535).contains(port) else {
      throw ShellError("invalid port `\(portText)`: a number 1-65535", at: targetToken)
    }
    var proto = FlowProtocol.tcp
    if portParts.count > 1 {
      guard let parsed = FlowProtocol(name: String(portParts[1])), parsed != .icmp else {
        throw ShellError("invalid protocol in `\(portText)`: TCP, UDP or SCTP", at: targetToken)
      }
      proto = parsed
    }
    let flow = Flow(source: source, destination: destination, protocol: proto, port: port)
    let explanation = engine.explain(flow)
    teaching.tried += 1
    teaching.connections.append(
      ConnectionRecord(
        flow: flow, explanation: explanation,
        hubble: HubbleRenderer(engine: engine).lines(for: explanation), sequence: teaching.tried))
    if teaching.connections.count > TeachingState.limit { teaching.connections.removeFirst() }
    let address = destination.address ?? target
    print(
      "\(pod.id)$ agnhost connect \(target):\(port) --timeout=3s --protocol=\(proto.rawValue.lowercased())"
    )
    if let lookup = explanation.lookup, lookup.outcome == .blocked || lookup.outcome == .refused {
      let why =
        lookup.outcome == .blocked ? "the lookup to kube-dns is denied" : "REFUSED by the DNS proxy"
      print("DNS lookup of \(target) failed (\(why))")
    } else if explanation.verdict == .allow, let refusal = Self.refusal(flow) {
      print("REFUSED")
      print(refusal)
    } else if explanation.verdict == .allow {
      print("connected to \(address):\(port)/\(proto.rawValue)")
    } else {
      print("TIMEOUT")
    }
    if explain {
      print(explanation.text())
    } else {
      print("(connect ... --explain says why; observe prints the Hubble lines)")
    }
  }

  /// `observe`: the Hubble lines of the remembered connections.
  mutating func observeCommand(_ arguments: inout Arguments) throws(ShellError) {
    if arguments.take("--clear") != nil {
      try arguments.expectEnd("observe --clear")
      let count = teaching.connections.count
      teaching.connections = []
      print("cleared \(count) \(count == 1 ? "connection" : "connections")")
      return
    }
    try arguments.expectEnd("observe [--clear]")
    guard !teaching.connections.isEmpty else {
      throw ShellError("no connections yet: try connect SRC DST:PORT first")
    }
    for record in teaching.connections {
      if record.explanation.verdict == .allow, let refusal = Self.refusal(record.flow) {
        print("# \(record.flow.summary): REFUSED: \(refusal)")
        continue
      }
      let lines = record.hubble
      if lines.isEmpty {
        print("# \(record.flow.summary): no Hubble event (no policy decision on either side)")
      } else {
        print(lines.map { Self.stamped($0, record.sequence) }.joined(separator: "\n"))
      }
    }
  }

  /// A Hubble line with the connection's own time (one second apart, from the engine's fixed
  /// start) and source port (one per connection, from the engine's 41234).
  static func stamped(_ line: String, _ sequence: Int) -> String {
    guard sequence > 1 else { return line }
    let offset = sequence - 1
    func digits(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    let time =
      "Jan  1 \(digits(offset / 3600, 2)):\(digits(offset / 60 % 60, 2)):"
      + "\(digits(offset % 60, 2)).\(digits(offset * 137 % 1000, 3))"
    return
      line
      .replacingOccurrences(of: "Jan  1 00:00:00.000", with: time)
      .replacingOccurrences(of: ":41234 ", with: ":\(41234 + offset) ")
  }

  /// Why nothing would accept `flow` although policy allows it: the destination pod declares
  /// container ports and none is the flow's port and protocol (what `agnhost connect` reports
  /// as REFUSED when nothing listens). `nil` when a port matches or the pod declares none.
  static func refusal(_ flow: Flow) -> String? {
    guard let pod = flow.destination.pod, !pod.ports.isEmpty, let port = flow.port,
      let proto = L4Protocol(rawValue: flow.protocol.rawValue)
    else { return nil }
    guard !pod.ports.contains(where: { $0.port == port && $0.protocol == proto }) else {
      return nil
    }
    let declared = pod.ports.map { "\($0.port)/\($0.protocol.rawValue)" }.joined(separator: ", ")
    return
      "policy allows it, but \(pod.id) declares only \(declared), not \(port)/\(proto.rawValue); "
      + "container port declarations are informational, so check what the pod listens on"
  }

  /// `isolation`: per pod, ingress and egress isolation and the isolating policies.
  mutating func isolationCommand(_ arguments: inout Arguments) throws(ShellError) {
    let usage = "isolation [--pods PATTERN] [-n NS | -A] [--group-by pod|workload|namespace]"
    let scope = ViewScope(state.inventory)
    var patterns: [EndpointPattern] = []
    var namespace: String?
    var grouping: Grouping?
    while let option = arguments.peek {
      _ = try arguments.next(option.text)
      if option.isKeyword("--pods") {
        let token = try arguments.next("a selector, NS/NAME, a workload or a glob")
        do {
          patterns.append(try EndpointPattern.parse(token.text, scope: scope))
        } catch {
          throw ShellError(error.description, at: token)
        }
      } else if option.isKeyword("-n") || option.isKeyword("--namespace") {
        let token = try arguments.next("a namespace after -n")
        guard scope.namespaces.contains(token.text) else {
          throw ShellError("no namespace `\(token.text)` in the cluster", at: token)
        }
        namespace = token.text
      } else if option.isKeyword("-A") || option.isKeyword("--all-namespaces") {
        namespace = nil
      } else if option.isKeyword("--group-by") {
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
    guard !state.inventory.pods.isEmpty else {
      throw ShellError("the cluster has no pods (pod add NS/NAME)")
    }
    let text = IsolationView.table(
      engine: engine(for: state), scope: scope,
      grouping: grouping ?? (scope.hasWorkloads ? .workload : .pod), pods: patterns,
      namespace: namespace)
    print(String(text.dropLast()))
  }

  /// Lines saying which pods became (or stopped being) isolated between two states, with the
  /// number of their flows whose verdict flipped because of it.
  mutating func isolationNotices(
    from before: SessionState, to after: SessionState, changes: [MatrixChanges]
  ) -> [String] {
    let old = cachedEngine(for: before)
    let new = cachedEngine(for: after)
    let existed = Set(before.inventory.pods.map(\.id))
    // Changed flows per pod and verdict, counted once when first needed.
    var counted: [String: [String: Int]] = [:]
    func flows(_ direction: String, now verdict: Verdict, of pod: String) -> Int {
      let key = direction + " " + verdict.rawValue
      if counted[key] == nil {
        var counts: [String: Int] = [:]
        for port in changes {
          if direction == "ingress" {
            for (column, count) in port.countsByDestination(now: verdict).enumerated()
            where count > 0 {
              counts[port.destinations[column], default: 0] += count
            }
          } else {
            for (row, count) in port.countsBySource(now: verdict).enumerated() where count > 0 {
              counts[port.sources[row], default: 0] += count
            }
          }
        }
        counted[key] = counts
      }
      return counted[key]?[pod] ?? 0
    }
    var shifts: [IsolationChange] = []
    for pod in after.inventory.pods.sorted(by: { $0.id < $1.id }) {
      let was = existed.contains(pod.id) ? old.isolation(of: pod) : nil
      let now = new.isolation(of: pod)
      for (direction, wasIsolated, isIsolated, policies) in [
        ("ingress", was?.ingress ?? false, now.ingress, now.ingressPolicies),
        ("egress", was?.egress ?? false, now.egress, now.egressPolicies),
      ] where wasIsolated != isIsolated {
        let flipped = flows(direction, now: isIsolated ? .deny : .allow, of: pod.id)
        // A pod whose flows did not change (it declares no port) is not worth a line.
        guard flipped > 0 else { continue }
        shifts.append(
          IsolationChange(
            pod: pod, direction: direction, isolated: isIsolated, policies: policies,
            flipped: flipped))
      }
    }
    let notices = ChangeView.isolationLines(shifts, scope: ViewScope(after.inventory))
    return notices
  }
}
