import NetpolShell
import Testing

/// agnhost connect reports REFUSED when the connection reaches a pod where nothing listens.
/// netpol cannot see listeners; when the destination pod declares container ports and none is
/// the one tried, it says REFUSED and that the declarations are informational (Kubernetes API,
/// Container `ports`: "Not specifying a port here DOES NOT prevent that port from being
/// exposed").
@Suite("connect and observe say REFUSED when the pod declares no such port")
struct ConnectRefusedTests {
  private func shell() -> Interpreter {
    var interpreter = Interpreter()
    for command in [
      "pod add monitoring/prometheus-0 app=prometheus --ip 10.244.1.5",
      "pod add payments/gateway-1 app=gateway --ip 10.244.2.7 --port https:443/TCP",
      "pod add payments/worker app=worker --ip 10.244.2.8",
    ] {
      #expect(interpreter.execute(command).error == nil, "\(command)")
    }
    return interpreter
  }

  @Test("no policy, undeclared port: REFUSED with the note, not connected")
  func refused() {
    var interpreter = shell()
    let output = interpreter.execute("connect monitoring/prometheus-0 payments/gateway-1:9999")
      .output
    #expect(output.contains("\nREFUSED\n"))
    #expect(output.contains("declares only 443/TCP"))
    #expect(output.contains("container port declarations are informational"))
    #expect(!output.contains("connected to"))
  }

  @Test("a declared port connects; a pod that declares no ports is assumed to listen")
  func declared() {
    var interpreter = shell()
    #expect(
      interpreter.execute("connect monitoring/prometheus-0 payments/gateway-1:443").output
        .contains("connected to 10.244.2.7:443/TCP"))
    #expect(
      interpreter.execute("connect monitoring/prometheus-0 payments/worker:8080").output
        .contains("connected to 10.244.2.8:8080/TCP"))
    #expect(
      interpreter.execute("connect monitoring/prometheus-0 payments/gateway-1:443/UDP").output
        .contains("REFUSED"))
  }

  @Test("a denied flow still times out: policy decides first")
  func deniedFirst() {
    var interpreter = shell()
    _ = interpreter.execute("policy lock -n payments")
    #expect(
      interpreter.execute("connect monitoring/prometheus-0 payments/gateway-1:9999").output
        .contains("\nTIMEOUT\n"))
  }

  @Test("observe shows the refused connection as such")
  func observe() {
    var interpreter = shell()
    _ = interpreter.execute("connect monitoring/prometheus-0 payments/gateway-1:9999")
    let output = interpreter.execute("observe").output
    #expect(output.contains("REFUSED"))
    #expect(output.contains("declares only 443/TCP"))
  }
}

/// `hubble observe` prints one event per packet, each with its own time and the client's own
/// source port (Hubble compact format, see Hubble lines in docs/semantics.md).
@Suite("observe gives each connection its own time and source port, and --clear forgets them")
struct ObserveTimelineTests {
  @Test("two connections get different times and ports; --clear empties the list")
  func timeline() {
    var interpreter = Interpreter()
    _ = interpreter.execute("pod add demo/a app=a --ip 10.244.0.1")
    _ = interpreter.execute("pod add demo/b app=b --ip 10.244.0.2 --port http:80/TCP")
    _ = interpreter.execute("policy lock -n demo")
    _ = interpreter.execute("connect demo/a demo/b:80")
    _ = interpreter.execute("connect demo/a demo/b:80")
    let lines = interpreter.execute("observe").output.split(separator: "\n").map(String.init)
    let times = Set(lines.map { String($0.prefix(19)) })
    let ports = Set(lines.compactMap { $0.firstMatch(of: /demo\/a:(\d+)/).map { String($0.1) } })
    #expect(times.count == 2, "\(lines)")
    #expect(ports.count == 2, "\(lines)")
    #expect(interpreter.execute("observe --clear").output == "cleared 2 connections\n")
    #expect(interpreter.execute("observe").error != nil)
  }
}
