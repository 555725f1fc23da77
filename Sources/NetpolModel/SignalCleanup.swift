#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Removes the temporary file of an atomic write when SIGINT, SIGTERM or SIGHUP arrives, then
/// lets the signal do what it did before (end the program, or run the program's own handler).
///
/// One write at a time: the handler knows at most one temporary path, kept in a fixed buffer so
/// that the handler only calls `unlink`, `sigaction` and `raise`, which are safe in a handler.
enum SignalCleanup {
  /// The signals that remove the temporary file.
  static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

  /// Whether a signal arrived since the last `prepare()`.
  static var interrupted: Bool { cleanupInterrupted != 0 }

  /// Installs the handler for each signal that is not ignored, remembering the previous action.
  static func prepare() {
    cleanupInterrupted = 0
    cleanupArmed = 0
    guard cleanupInstalled == 0 else { return }
    for signal in signals {
      var previous = sigaction()
      guard sigaction(signal, nil, &previous) == 0 else { continue }
      if isIgnored(previous) { continue }
      cleanupPrevious[Int(signal)] = previous
      cleanupReplaced[Int(signal)] = 1
      var action = sigaction()
      #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = cleanupHandler
      #else
        action.__sigaction_u.__sa_handler = cleanupHandler
      #endif
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      sigaction(signal, &action, nil)
    }
    cleanupInstalled = 1
  }

  /// Creates a temporary file from `template` (ending in `XXXXXX`, as for `mkstemp`) and
  /// remembers it for removal; returns its descriptor and path, or nil with `errno` set. The
  /// name is built in the handler's own buffer, so a signal at any moment finds the right one.
  static func makeTemporary(_ template: String) -> (descriptor: Int32, path: String)? {
    let bytes = Array(template.utf8)
    guard bytes.count < cleanupPathCapacity else {
      errno = ENAMETOOLONG
      return nil
    }
    cleanupArmed = 0
    bytes.withUnsafeBytes { _ = memcpy(cleanupPath, $0.baseAddress!, bytes.count) }
    cleanupPath[bytes.count] = 0
    cleanupArmed = 1
    let descriptor = mkstemp(cleanupPath)
    guard descriptor >= 0 else {
      let code = errno
      cleanupArmed = 0
      errno = code
      return nil
    }
    return (descriptor, String(cString: cleanupPath))
  }

  /// Puts back the actions `prepare()` replaced, so that the program's own handlers (Ctrl-C in
  /// the shell) see the signals between writes.
  static func restore() {
    guard cleanupInstalled != 0 else { return }
    cleanupInstalled = 0
    for signal in signals where cleanupReplaced[Int(signal)] != 0 {
      cleanupReplaced[Int(signal)] = 0
      sigaction(signal, cleanupPrevious + Int(signal), nil)
    }
  }

  /// Forgets the temporary file: it was renamed or removed.
  static func forget() { cleanupArmed = 0 }

  private static func isIgnored(_ action: sigaction) -> Bool {
    #if canImport(Glibc)
      let handler = action.__sigaction_handler.sa_handler
    #else
      let handler = action.__sigaction_u.__sa_handler
    #endif
    guard let handler else { return false }
    return unsafeBitCast(handler, to: Int.self) == 1  // SIG_IGN
  }
}

private let cleanupPathCapacity = 8192
nonisolated(unsafe) private let cleanupPath = UnsafeMutablePointer<CChar>.allocate(
  capacity: cleanupPathCapacity)
nonisolated(unsafe) private var cleanupArmed: sig_atomic_t = 0
nonisolated(unsafe) private var cleanupInterrupted: sig_atomic_t = 0
nonisolated(unsafe) private var cleanupInstalled: sig_atomic_t = 0
nonisolated(unsafe) private let cleanupReplaced: UnsafeMutablePointer<sig_atomic_t> = {
  let flags = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 65)
  flags.initialize(repeating: 0, count: 65)
  return flags
}()
nonisolated(unsafe) private let cleanupPrevious: UnsafeMutablePointer<sigaction> = {
  let actions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
  actions.initialize(repeating: sigaction(), count: 65)
  return actions
}()

/// Removes the temporary file, restores the signal's previous action and raises it again; the
/// signal is blocked while the handler runs, so it takes effect when the handler returns.
private func cleanupHandler(_ signal: Int32) {
  if cleanupArmed != 0 {
    unlink(cleanupPath)
    cleanupArmed = 0
  }
  cleanupInterrupted = 1
  cleanupReplaced[Int(signal)] = 0
  _ = sigaction(signal, cleanupPrevious + Int(signal), nil)
  raise(signal)
}
