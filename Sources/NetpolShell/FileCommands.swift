import Foundation
import NetpolModel

/// Files: `load`, `save`, `emit`.
extension Interpreter {
  mutating func loadCommand(_ arguments: inout Arguments, line: String) throws(ShellError) {
    let paths = arguments.rest()
    guard let first = paths.first else {
      throw ShellError("expected FILE...; usage: load FILE...", at: arguments.endSpan)
    }
    let span = first.span.through(paths[paths.count - 1].span)
    let result = PolicyLoader.load(paths: paths.map { Self.expandingTilde($0.text) })
    if let problem = result.diagnostics.first {
      throw ShellError(
        problem.description, at: span, details: result.diagnostics.dropFirst().map(\.description))
    }
    var next = state
    var parts: [String] = []
    if result.hasInventory {
      next.inventory = result.inventory
      let inventory = result.inventory
      parts.append(
        "cluster of \(inventory.namespaces.count) namespaces, \(inventory.pods.count) pods"
          + (inventory.external.isEmpty ? "" : ", \(inventory.external.count) external"))
    }
    var replaced = 0
    for loaded in result.policies {
      if let index = next.index(of: loaded.resource.qualifiedName) {
        next.policies[index] = loaded.resource
        replaced += 1
      } else {
        next.policies.append(loaded.resource)
      }
    }
    if !result.policies.isEmpty || !result.hasInventory {
      let count = result.policies.count
      parts.append(
        (count == 1 ? "1 policy" : "\(count) policies")
          + (replaced > 0 ? " (\(replaced) replaced)" : ""))
    }
    session.markSaved(result.policies.map(\.resource))
    if result.hasInventory { savedInventory = result.inventory }
    let names = paths.map(\.text).joined(separator: " ")
    commit(line, next, message: "loaded \(names): " + parts.joined(separator: ", "))
  }

  mutating func saveCommand(_ arguments: inout Arguments) throws(ShellError) {
    if arguments.take("--cluster") != nil {
      try saveClusterCommand(&arguments)
      return
    }
    let pathToken = try arguments.next("a FILE to write")
    let force = arguments.take("--force") != nil || arguments.take("-f") != nil
    try arguments.expectEnd("save FILE [--force]")
    guard !state.policies.isEmpty else {
      throw ShellError("no policies to save; create one with `policy NAME`")
    }
    if let empty = state.policies.first(where: PolicyRules.isEmptyCilium) {
      throw ShellError(
        "\(empty.qualifiedName) has no rules and Cilium would reject it; add a rule or rm it")
    }
    try writeSaved(
      YAMLWriter.stream(state.policies), to: pathToken, force: force, retry: "save")
    session.markSaved(state.policies)
    let count = state.policies.count
    print("saved \(count == 1 ? "1 policy" : "\(count) policies") to \(pathToken.text)")
  }

  mutating func emitCommand(_ arguments: inout Arguments) throws(ShellError) {
    let names = arguments.rest()
    var selected: [PolicyResource] = []
    for name in names { selected.append(state.policies[try policyIndex(name)]) }
    if names.isEmpty { selected = state.policies }
    guard !selected.isEmpty else {
      throw ShellError("no policies to emit; create one with `policy NAME`")
    }
    output += YAMLWriter.stream(selected)
  }

  /// `~/x` with the home directory spelled out.
  static func expandingTilde(_ path: String) -> String {
    guard path == "~" || path.hasPrefix("~/") else { return path }
    let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
    return home + path.dropFirst()
  }

  /// The path made absolute against the working directory and standardized.
  static func absolutePath(_ path: String) -> String {
    let base = FileManager.default.currentDirectoryPath
    let url =
      path.hasPrefix("/")
      ? URL(fileURLWithPath: path) : URL(fileURLWithPath: base).appendingPathComponent(path)
    return url.standardizedFileURL.path
  }
}

extension Interpreter {
  /// Writes `text` atomically to the file `pathToken` names, for `save` and `save --cluster`:
  /// an existing file is replaced only when this session wrote it or with `--force` (`retry` is
  /// the command that says how), and never when it is a directory.
  mutating func writeSaved(_ text: String, to pathToken: Token, force: Bool, retry: String)
    throws(ShellError)
  {
    let path = Self.absolutePath(Self.expandingTilde(pathToken.text))
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      if isDirectory.boolValue {
        throw ShellError("\(pathToken.text) is a directory", at: pathToken)
      }
      if !force && !session.writtenFiles.contains(path) {
        throw ShellError(
          "\(pathToken.text) exists and this session did not write it; "
            + "`\(retry) \(pathToken.text) --force` replaces it", at: pathToken)
      }
    }
    do {
      try AtomicFile.replace(path, with: text)
    } catch {
      throw ShellError("cannot write \(pathToken.text): \(error)", at: pathToken)
    }
    session.markWritten(path)
  }
}
