import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A shell on a pty with a private state directory; `variables` added to the environment.
private func shell(state: URL, _ variables: [String: String] = [:]) throws -> PseudoTerminal {
  let environment = [
    "TERM": "xterm", "LANG": "C.UTF-8", "HOME": state.path, "XDG_STATE_HOME": state.path,
    "XDG_CONFIG_HOME": state.path, "NO_COLOR": "1",
    "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
  ].merging(variables) { $1 }
  return try PseudoTerminal(
    try CLIRunner.binary().path, arguments: ["shell"], environment: environment)
}

@Suite("The shell on a terminal is safe with odd terminals and history files", .serialized)
struct ShellTerminalSafetyTests {
  @Test("TERM=dumb gets no colour even without NO_COLOR")
  func dumbTerminal() throws {
    let state = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    var variables = ["TERM": "dumb"]
    variables["NO_COLOR"] = ""
    let tty = try shell(state: state, variables)
    try tty.expectPrompt("netpol> ")
    tty.send("policy p -n demo\r")
    try tty.expect("now denied")
    try tty.expectPrompt("netpol demo/p> ")
    #expect(!tty.raw.contains("\u{1B}[31m"))
    tty.send("quit --force\r")
    #expect(tty.waitForExit() == 0)
  }

  @Test("a history file that is a FIFO is neither read nor written: the prompt comes at once")
  func fifoHistory() throws {
    let state = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    try FileManager.default.createDirectory(
      at: state.appendingPathComponent("netpol"), withIntermediateDirectories: true)
    let history = state.appendingPathComponent("netpol/history").path
    #expect(mkfifo(history, 0o600) == 0)
    let tty = try shell(state: state)
    try tty.expectPrompt("netpol> ")
    tty.send("ns add extra\r")
    try tty.expect("added namespace extra")
    try tty.expectPrompt("netpol> ")
    // The namespace is an unsaved cluster edit: Ctrl-D asks first.
    tty.send("\u{04}")
    try tty.expect("quit anyway? [y/N] ")
    tty.send("y\r")
    #expect(tty.waitForExit() == 0)
    var info = stat()
    #expect(lstat(history, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
  }

  @Test("a history file that is a character device is neither read nor changed")
  func deviceHistory() throws {
    let state = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    try FileManager.default.createDirectory(
      at: state.appendingPathComponent("netpol"), withIntermediateDirectories: true)
    let history = state.appendingPathComponent("netpol/history").path
    try FileManager.default.createSymbolicLink(atPath: history, withDestinationPath: "/dev/zero")
    let tty = try shell(state: state)
    try tty.expectPrompt("netpol> ")
    tty.send("ns add extra\r")
    try tty.expect("added namespace extra")
    try tty.expectPrompt("netpol> ")
    // The namespace is an unsaved cluster edit: Ctrl-D asks first.
    tty.send("\u{04}")
    try tty.expect("quit anyway? [y/N] ")
    tty.send("y\r")
    #expect(tty.waitForExit() == 0)
    var info = stat()
    #expect(lstat(history, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
  }

  @Test("at `quit anyway? [y/N]` a second Ctrl-D means no and keeps the unsaved policy")
  func secondCtrlD() throws {
    let state = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: state) }
    let tty = try shell(state: state)
    try tty.expectPrompt("netpol> ")
    tty.send("policy p -n demo\r")
    try tty.expectPrompt("netpol demo/p> ")
    tty.send("\u{04}")
    try tty.expectPrompt("quit anyway? [y/N] ")
    tty.send("\u{04}")
    try tty.expect("not quitting")
    try tty.expectPrompt("netpol demo/p> ")
    tty.send("show\r")
    try tty.expect("demo/p")
    tty.send("quit --force\r")
    #expect(tty.waitForExit() == 0)
  }
}
