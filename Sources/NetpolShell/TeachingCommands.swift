import NetpolEngine
import NetpolModel

/// What the teaching commands remember between command lines.
public struct TeachingState: Sendable, Equatable {
  /// The last connections tried with `connect`, oldest first (at most `limit`).
  public var connections: [ConnectionRecord] = []
  /// The lesson being followed, if any.
  public var lesson: ActiveLesson?
  /// How many connections `observe` keeps.
  public static let limit = 10

  /// Creates an empty state.
  public init() {}
}

/// One simulated connection: the flow and how the engine explained it.
public struct ConnectionRecord: Sendable, Equatable {
  /// The command line's flow.
  public var flow: Flow
  /// The explanation (its Hubble lines feed `observe`).
  public var explanation: Explanation
}

/// The commands of the Teaching group, for `help`.
enum TeachingCatalog {
  static let commands: [CommandSpec] = [
    CommandSpec(
      name: "connect", aliases: [], group: "Teaching",
      usage: ["connect SRC DST:PORT[/PROTO] [--explain]"],
      summary: "simulate `agnhost connect` from a pod: connected, TIMEOUT or a failed DNS lookup",
      details: """
        SRC is NS/POD; DST is NS/POD, an IP address or an external name (looked up through
        kube-dns first, as a pod would). --explain prints why; observe prints the Hubble lines.
        """,
      examples: [
        "connect demo/client demo/server:80", "connect demo/curl github.com:443 --explain",
      ],
      subcommands: []),
    CommandSpec(
      name: "observe", aliases: [], group: "Teaching", usage: ["observe"],
      summary: "print the `hubble observe` lines of the last connections",
      details: "Lines follow Hubble's compact format (policy-verdict and drop events).",
      examples: ["observe"], subcommands: []),
    CommandSpec(
      name: "isolation", aliases: [], group: "Teaching", usage: ["isolation"],
      summary: "show which pods are isolated for ingress and egress, and by which policies",
      details: "Every change also says when a pod becomes (or stops being) isolated.",
      examples: ["isolation"], subcommands: []),
    CommandSpec(
      name: "lesson", aliases: [], group: "Teaching",
      usage: ["lesson", "lesson NAME", "lesson run NAME", "lesson stop"],
      summary: "list the guided lessons, follow one step by step, or run one unattended",
      details: """
        A lesson prints a step and the command to try; when that command's outcome passes the
        step's check, the next step follows. `lesson run NAME` runs every step itself.
        """,
      examples: ["lesson", "lesson label-the-client", "lesson run and-vs-or-selectors"],
      subcommands: ["run", "stop"]),
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
    teaching.connections.append(ConnectionRecord(flow: flow, explanation: explanation))
    if teaching.connections.count > TeachingState.limit { teaching.connections.removeFirst() }
    let address = destination.address ?? target
    print(
      "\(pod.id)$ agnhost connect \(target):\(port) --timeout=3s --protocol=\(proto.rawValue.lowercased())"
    )
    if let lookup = explanation.lookup, lookup.outcome == .blocked || lookup.outcome == .refused {
      let why =
        lookup.outcome == .blocked ? "the lookup to kube-dns is denied" : "REFUSED by the DNS proxy"
      print("DNS lookup of \(target) failed (\(why))")
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
    try arguments.expectEnd("observe")
    guard !teaching.connections.isEmpty else {
      throw ShellError("no connections yet: try connect SRC DST:PORT first")
    }
    for record in teaching.connections {
      let lines = record.explanation.hubble()
      if lines.isEmpty {
        print("# \(record.flow.summary): no Hubble event (no policy decision on either side)")
      } else {
        print(lines.joined(separator: "\n"))
      }
    }
  }

  /// `isolation`: per pod, ingress and egress isolation and the isolating policies.
  mutating func isolationCommand(_ arguments: inout Arguments) throws(ShellError) {
    try arguments.expectEnd("isolation")
    let engine = engine(for: state)
    let pods = state.inventory.pods.sorted { $0.id < $1.id }
    guard !pods.isEmpty else { throw ShellError("the cluster has no pods (pod add NS/NAME)") }
    let width = max(3, pods.map(\.id.count).max() ?? 0)
    func pad(_ text: String, _ size: Int) -> String {
      text + String(repeating: " ", count: max(0, size - text.count))
    }
    var lines = [pad("POD", width) + "  INGRESS                  EGRESS"]
    for pod in pods {
      let isolation = engine.isolation(of: pod)
      let ingress =
        isolation.ingress
        ? "isolated by " + isolation.ingressPolicies.joined(separator: ", ") : "open"
      let egress =
        isolation.egress
        ? "isolated by " + isolation.egressPolicies.joined(separator: ", ") : "open"
      lines.append(pad(pod.id, width) + "  " + pad(ingress, 23) + "  " + egress)
    }
    print(lines.joined(separator: "\n"))
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
    var notices: [String] = []
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
        if isIsolated {
          let denied = flipped
          notices.append(
            "\(pod.id) is now isolated for \(direction) by \(policies.joined(separator: ", ")): "
              + "\(denied == 1 ? "1 flow that was" : "\(denied) flows that were") allowed by default "
              + "\(denied == 1 ? "is" : "are") now denied")
        } else {
          notices.append(
            "\(pod.id) is no longer isolated for \(direction): "
              + "\(flipped == 1 ? "1 flow is" : "\(flipped) flows are") allowed by default again")
        }
      }
    }
    return notices
  }
}
