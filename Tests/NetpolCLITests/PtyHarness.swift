import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The built binary on a pseudo-terminal: spawned without fork (`posix_spawn`) in its own
/// session with the pty as controlling terminal and SIGINT unblocked (engineering.md §2.2-2.3).
final class PseudoTerminal {
  /// Why a pty test could not go on.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The master side of the pty.
  let master: Int32
  /// The child's process id.
  let pid: pid_t
  /// All output so far with escape sequences, carriage returns and bells removed.
  private(set) var transcript = ""
  /// All output so far, as received.
  private(set) var raw = ""
  private var unread = ""
  private var carry = ""
  private var exitStatus: Int32?

  /// Spawns `path` with `arguments` on a new 80x24 pty.
  init(_ path: String, arguments: [String] = [], environment: [String: String]) throws {
    var master: Int32 = -1
    var slave: Int32 = -1
    var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&master, &slave, nil, nil, &size) == 0 else {
      throw Failure(description: "openpty failed: errno \(errno)")
    }
    _ = fcntl(master, F_SETFD, FD_CLOEXEC)
    _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
    var name = [CChar](repeating: 0, count: 128)
    guard ttyname_r(slave, &name, name.count) == 0 else {
      close(master)
      close(slave)
      throw Failure(description: "ttyname_r failed")
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // Opened after setsid, the tty becomes the child's controlling terminal.
    posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    // POSIX_SPAWN_SETSID is 0x80 in glibc; the test threads block SIGINT, so reset the mask.
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK) | 0x80)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var child: pid_t = 0
    let status = posix_spawn(&child, path, &actions, &attributes, argv, envp)
    close(slave)
    guard status == 0 else {
      close(master)
      throw Failure(description: "posix_spawn failed: \(status)")
    }
    self.master = master
    self.pid = child
  }

  deinit {
    if exitStatus == nil {
      kill(pid, SIGKILL)
      var status: Int32 = 0
      waitpid(pid, &status, 0)
    }
    close(master)
  }

  /// Types `text` (use `\r` for Enter, `\u{03}` for Ctrl-C, `\u{04}` for Ctrl-D).
  func send(_ text: String) {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(master, buffer.baseAddress! + offset, buffer.count - offset)
        if written <= 0 { break }
        offset += written
      }
    }
  }

  /// Waits until `needle` appears in the cleaned output not yet consumed; consumes through it
  /// and returns the consumed text.
  @discardableResult
  func expect(_ needle: String, timeout: Double = 15) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      if let range = unread.range(of: needle) {
        let consumed = String(unread[..<range.upperBound])
        unread = String(unread[range.upperBound...])
        return consumed
      }
      guard Date() < deadline else {
        throw Failure(
          description:
            "timed out waiting for \(needle.debugDescription); output: \(transcript.debugDescription)"
        )
      }
      if !readAvailable(timeoutMilliseconds: 50), exitStatus != nil {
        throw Failure(
          description:
            "the shell exited before printing \(needle.debugDescription); output: \(transcript.debugDescription)"
        )
      }
    }
  }

  /// Waits until the line editor has switched the terminal to raw mode (ICANON off), so that
  /// keys typed now reach libedit rather than the kernel's line discipline.
  func waitUntilRaw(timeout: Double = 15) throws {
    let deadline = Date().addingTimeInterval(timeout)
    var attributes = termios()
    while Date() < deadline {
      if tcgetattr(master, &attributes) == 0, attributes.c_lflag & tcflag_t(ICANON) == 0 {
        return
      }
      _ = readAvailable(timeoutMilliseconds: 10)
    }
    throw Failure(
      description: "the terminal never switched to raw mode; output: \(transcript.debugDescription)"
    )
  }

  /// `expect(prompt)` then `waitUntilRaw()`.
  func expectPrompt(_ prompt: String) throws {
    try expect(prompt)
    try waitUntilRaw()
  }

  /// Waits for the child to exit; returns its exit status, or `nil` on timeout.
  func waitForExit(timeout: Double = 15) -> Int32? {
    let deadline = Date().addingTimeInterval(timeout)
    while exitStatus == nil && Date() < deadline {
      _ = readAvailable(timeoutMilliseconds: 20)
      reap()
    }
    return exitStatus
  }

  private func reap() {
    guard exitStatus == nil else { return }
    var status: Int32 = 0
    if waitpid(pid, &status, WNOHANG) == pid {
      // WIFEXITED / WEXITSTATUS, spelled out (the macros do not import).
      exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
  }

  /// Reads what is available within the timeout; returns whether anything was read.
  private func readAvailable(timeoutMilliseconds: Int32) -> Bool {
    var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
    guard poll(&descriptor, 1, timeoutMilliseconds) > 0 else {
      reap()
      return false
    }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = read(master, &buffer, buffer.count)
    guard count > 0 else {
      reap()
      return false
    }
    let text = String(decoding: buffer[0..<count], as: UTF8.self)
    raw += text
    let (cleaned, rest) = Self.clean(carry + text)
    carry = rest
    transcript += cleaned
    unread += cleaned
    return true
  }

  /// The text without ANSI escape sequences, carriage returns and bells, and an unfinished
  /// escape sequence at the end (kept for the next chunk).
  static func clean(_ text: String) -> (String, String) {
    var result = ""
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "\u{1B}" {
        var end = index + 1
        guard end < scalars.count else { break }
        if scalars[end] == "[" {
          end += 1
          while end < scalars.count, !(0x40...0x7E).contains(scalars[end].value) { end += 1 }
          guard end < scalars.count else { break }
        }
        index = end + 1
        continue
      }
      if scalar != "\r" && scalar != "\u{07}" { result.unicodeScalars.append(scalar) }
      index += 1
    }
    var rest = ""
    for scalar in scalars[index...] { rest.unicodeScalars.append(scalar) }
    return (result, rest)
  }
}
