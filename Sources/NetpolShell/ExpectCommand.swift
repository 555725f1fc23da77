import NetpolEngine
import NetpolModel

/// The result of an `expect` line: whether the flow's verdict was the one expected, and why.
public struct ExpectationResult: Sendable, Equatable {
  /// The verdict the line expected.
  public var expected: Verdict
  /// The verdict the engine gave.
  public var actual: Verdict
  /// The flow, e.g. `demo/client -> demo/server 80/TCP`.
  public var flow: String
  /// The one-line reason naming the policies and rules that decide the flow.
  public var reason: String

  /// Whether the expectation holds.
  public var passed: Bool { expected == actual }

  /// `expected allow, got deny: REASON`.
  public var failureMessage: String {
    "expected \(expected.rawValue), got \(actual.rawValue): \(reason)"
  }

  /// The line the interactive shell prints: `PASS: ...` or `FAIL: ...`.
  public var summary: String {
    passed
      ? "PASS: \(expected.rawValue) \(flow): \(reason)"
      : "FAIL: \(flow): \(failureMessage)"
  }
}

extension Interpreter {
  /// `expect allow|deny SRC DST PORT[/PROTO]`: checks a flow's verdict.
  mutating func expectCommand(_ arguments: inout Arguments) throws(ShellError) -> ExpectationResult
  {
    let usage = "expect allow|deny SRC DST PORT[/PROTO]"
    let verdictToken = try arguments.next("allow or deny")
    guard let expected = Verdict(rawValue: verdictToken.text.lowercased()) else {
      throw ShellError(
        "expected `allow` or `deny`, got `\(verdictToken.text)` (usage: \(usage))",
        at: verdictToken)
    }
    let sourceToken = try arguments.next("SRC (NS/POD, IP or external name)")
    let destinationToken = try arguments.next("DST (NS/POD, IP or external name)")
    let portToken = try arguments.next("PORT[/PROTO], e.g. 80/TCP")
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
    let (proto, port) = try Self.expectedPort(portToken, destination: destination)
    let flow = Flow(source: source, destination: destination, protocol: proto, port: port)
    let explanation = engine.explain(flow)
    let result = ExpectationResult(
      expected: expected, actual: explanation.verdict, flow: flow.summary,
      reason: FlowReason(explanation).line)
    print(result.summary)
    return result
  }

  /// A port as `explain` takes it, or the name of a container port of the destination pod
  /// (`http`, `dns/UDP`).
  static func expectedPort(_ token: Token, destination: Endpoint) throws(ShellError) -> (
    FlowProtocol, Int
  ) {
    let parts = token.text.split(separator: "/", omittingEmptySubsequences: false)
    if let name = parts.first, Int(name) == nil, parts.count <= 2,
      case .pod(let pod) = destination
    {
      let wanted = parts.count == 2 ? FlowProtocol(name: String(parts[1])) : nil
      if let match = pod.ports.first(where: {
        $0.name == String(name)
          && (wanted == nil || FlowProtocol(name: $0.protocol.rawValue) == wanted)
      }), let proto = FlowProtocol(name: match.protocol.rawValue) {
        return (proto, match.port)
      }
      throw ShellError("\(pod.id) has no container port named `\(token.text)`", at: token)
    }
    return try flowPort(token)
  }
}
