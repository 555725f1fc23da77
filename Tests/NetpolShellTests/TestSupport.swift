import NetpolEngine
import NetpolModel
import Testing

@testable import NetpolShell

/// The S1 cluster (scenarios.md S1): namespace demo, server (app=server, http 80/TCP), client
/// (no labels).
func s1Inventory() -> Inventory {
  Inventory(
    namespaces: [Namespace(name: "demo")],
    pods: [
      Pod(
        namespace: "demo", name: "server", labels: ["app": "server"], ip: "10.0.0.2",
        ports: [ContainerPort(name: "http", port: 80, protocol: .tcp)]),
      Pod(namespace: "demo", name: "client", ip: "10.0.0.1"),
    ])
}

/// An interpreter driven one line at a time, recording failures as test issues.
struct TestShell {
  var interpreter: Interpreter

  init(inventory: Inventory = s1Inventory(), policies: [PolicyResource] = []) {
    interpreter = Interpreter(state: SessionState(inventory: inventory, policies: policies))
  }

  var state: SessionState { interpreter.state }

  /// Runs a line that must succeed; returns its output.
  @discardableResult
  mutating func ok(_ line: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
    -> String
  {
    let outcome = interpreter.execute(line)
    if let error = outcome.error {
      Issue.record("`\(line)` failed: \(error.message)", sourceLocation: sourceLocation)
    }
    return outcome.output
  }

  /// Runs a line that must fail; returns the error (and checks that nothing changed).
  mutating func fail(_ line: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
    -> ShellError
  {
    let before = interpreter.state
    let outcome = interpreter.execute(line)
    #expect(
      interpreter.state == before, "a failed command changed the state",
      sourceLocation: sourceLocation)
    guard let error = outcome.error else {
      Issue.record("`\(line)` did not fail: \(outcome.output)", sourceLocation: sourceLocation)
      return ShellError("")
    }
    return error
  }

  /// The text under the error's caret in `line`.
  static func underlined(_ error: ShellError, in line: String) -> String {
    guard let span = error.span else { return "" }
    let characters = Array(line)
    let end = min(characters.count, span.start + span.length)
    guard span.start < end else { return "" }
    return String(characters[span.start..<end])
  }

  /// The draft policy.
  var draft: PolicyResource? { state.draftPolicy }
}
