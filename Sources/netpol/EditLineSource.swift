import CLibedit
import Foundation
import NetpolShell

/// A line source backed by libedit: prompt, emacs keys, history file, Tab completion, Ctrl-C as
/// a key that cancels the line, Ctrl-R search. Exists only when stdin and stdout are terminals.
final class EditLineSource: LineSource {
  /// Always true: a person is typing.
  var isInteractive: Bool { true }
  /// Completes the text left of the cursor; replaced before every read.
  var completer: Completer

  private let editLine: OpaquePointer
  private let history: OpaquePointer
  private let historyPath: String?
  private var promptCString: UnsafeMutablePointer<CChar>?
  private var interrupted = false

  /// Opens the editor on the terminal; `nil` when stdin or stdout is not a terminal.
  init?(programName: String, historyPath: String?, completer: Completer) {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return nil }
    if setlocale(LC_CTYPE, "") == nil || cel_mb_cur_max() == 1 {
      setlocale(LC_CTYPE, "C.UTF-8")
    }
    guard let editLine = el_init(programName, cel_stdin(), cel_stdout(), cel_stderr()) else {
      return nil
    }
    guard let history = history_init() else {
      el_end(editLine)
      return nil
    }
    self.editLine = editLine
    self.history = history
    self.historyPath = historyPath
    self.completer = completer
    configure()
  }

  deinit {
    el_end(editLine)
    history_end(history)
    free(promptCString)
  }

  private func configure() {
    cel_history_setsize(history, 1000)
    cel_history_setunique(history, 1)
    if let historyPath, Self.isHistoryFile(historyPath) {
      _ = cel_history_load(history, historyPath)
    }
    cel_set_history(editLine, history)
    cel_set_editor(editLine, "emacs")
    cel_set_signal(editLine, 1)
    cel_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
    cel_set_prompt(editLine) { el in EditLineSource.from(el)?.promptCString }
    cel_add_function(editLine, "netpol-complete", "Complete the word") { el, _ in
      guard let el, let source = EditLineSource.from(el) else { return UInt8(CC_ERROR) }
      return source.complete(el)
    }
    cel_bind(editLine, "^I", "netpol-complete")
    // While editing, ^C is a key rather than a signal: deterministic (libedit `editrc(5)`,
    // `setty`).
    cel_setty(editLine, "-isig")
    cel_add_function(editLine, "netpol-interrupt", "Cancel the line") { el, _ in
      EditLineSource.from(el)?.interrupted = true
      fputs("^C", cel_stdout())
      return UInt8(CC_NEWLINE)
    }
    cel_bind(editLine, "^C", "netpol-interrupt")
    cel_add_function(editLine, "netpol-suspend", "Suspend") { _, _ in
      kill(0, SIGTSTP)
      return UInt8(CC_REDISPLAY)
    }
    cel_bind(editLine, "^Z", "netpol-suspend")
    cel_bind(editLine, "^R", "em-inc-search-prev")
    // ^C while a command runs (the terminal is cooked again) must not kill the shell: it asks
    // the running computation to stop (`Interrupt.cancellation`).
    Interrupt.reset()
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in Interrupt.flag.pointee = 1 }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
  }

  /// Reads one line with libedit.
  func read(prompt: String) -> LineRead {
    free(promptCString)
    promptCString = strdup(prompt)
    var count: Int32 = 0
    interrupted = false
    let raw = el_gets(editLine, &count)
    Interrupt.reset()
    if interrupted {
      fputs("\n", cel_stdout())
      return .interrupted
    }
    guard let raw else {
      fputs("\n", cel_stdout())
      return .endOfInput
    }
    var line = String(cString: raw)
    if line.hasSuffix("\n") { line.removeLast() }
    return .line(line)
  }

  /// Adds the entry to the history and saves the history file at once.
  func remember(_ entry: String) {
    var trimmed = entry
    while trimmed.last == " " { trimmed.removeLast() }
    guard !trimmed.isEmpty else { return }
    cel_history_enter(history, trimmed)
    if let historyPath, Self.isHistoryFile(historyPath) {
      _ = cel_history_save(history, historyPath)
    }
  }

  /// Replaces the completer (the session state changes between reads).
  func prepare(completer: Completer) {
    self.completer = completer
  }

  private static func from(_ el: OpaquePointer?) -> EditLineSource? {
    guard let el, let data = cel_get_clientdata(el) else { return nil }
    return Unmanaged<EditLineSource>.fromOpaque(data).takeUnretainedValue()
  }

  private func complete(_ el: OpaquePointer) -> UInt8 {
    guard let info = el_line(el)?.pointee, let buffer = info.buffer else {
      return UInt8(CC_ERROR)
    }
    let length = info.cursor - buffer
    let bytes = UnsafeBufferPointer(start: buffer, count: length).map { UInt8(bitPattern: $0) }
    let line = String(decoding: bytes, as: UTF8.self)
    let completion = completer.complete(line)
    let candidates = completion.candidates
    guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
    let word = completion.word
    if candidates.count == 1, let only = candidates.first {
      var insert = String(only.dropFirst(word.count))
      if !only.hasSuffix("/") && !only.hasSuffix("=") { insert += " " }
      el_insertstr(el, insert)
      return UInt8(CC_REFRESH)
    }
    let prefix = completion.commonPrefix
    if prefix.count > word.count {
      el_insertstr(el, String(prefix.dropFirst(word.count)))
      return UInt8(CC_REFRESH)
    }
    fputs("\n" + Self.columns(candidates) + "\n", cel_stdout())
    return UInt8(CC_REDISPLAY)
  }

  /// Candidates laid out in columns for an 80-column terminal.
  static func columns(_ words: [String]) -> String {
    let width = (words.map(\.count).max() ?? 0) + 2
    let perLine = max(1, 80 / max(width, 1))
    var lines: [String] = []
    var index = 0
    while index < words.count {
      let row = words[index..<min(index + perLine, words.count)]
      var line = ""
      for (offset, word) in row.enumerated() {
        line += word
        if offset < row.count - 1 { line += String(repeating: " ", count: width - word.count) }
      }
      lines.append(line)
      index += perLine
    }
    return lines.joined(separator: "\n")
  }

  /// Whether `path` may hold the history: a regular file (or a link to one), or nothing yet. A
  /// FIFO would block the shell before its prompt and a device would be read without end, so
  /// anything else is neither read nor written.
  static func isHistoryFile(_ path: String) -> Bool {
    var info = stat()
    if stat(path, &info) != 0 { return errno == ENOENT }
    return (info.st_mode & S_IFMT) == S_IFREG
  }

  /// `$XDG_STATE_HOME/netpol/history` (default `~/.local/state/netpol/history`), its directory
  /// created; `nil` if it cannot be created.
  static func defaultHistoryPath() -> String? {
    let environment = ProcessInfo.processInfo.environment
    let base: String
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      base = state
    } else {
      let home = environment["HOME"] ?? NSHomeDirectory()
      base = home + "/.local/state"
    }
    let directory = base + "/netpol"
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
    } catch {
      return nil
    }
    return directory + "/history"
  }
}
