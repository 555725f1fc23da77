import ArgumentParser
import Foundation
import NetpolModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `netpol fmt`: prints policies (or the inventory) as canonical YAML, or rewrites files.
struct FmtCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fmt",
    abstract: "Print policies as canonical YAML, or rewrite files with it.",
    discussion: """
      Canonical YAML is what `kubectl get -o yaml` prints, in the API's key order: apiVersion, \
      kind, metadata (labels and annotations sorted), then spec with the selector first; \
      two-space indentation, `---` between documents, strings quoted wherever a YAML reader \
      would take them for something else ("y", "no", "53", "*.example.com"), Cilium ports as \
      strings. The same policies always give the same bytes. Input is validated first: if any \
      problem is found, it is reported as by `netpol validate` and nothing is printed or written.

      Examples:
        netpol fmt -f policy.yaml
        netpol fmt -f examples/demo > all-demo-policies.yaml
        kubectl get cnp -A -o json | netpol fmt -f -
        netpol fmt --in-place -f policies/
        kubectl get ns,pods -A -o yaml | netpol fmt --inventory -f - > cluster.yaml
      """)

  @OptionGroup var input: InputOptions

  @Flag(
    name: .long,
    help: ArgumentHelp(
      "Rewrite each file with its canonical YAML instead of printing it (example: netpol fmt "
        + "--in-place -f policy.yaml). Each file is replaced atomically, and only if it holds "
        + "policies and nothing else; comments are not kept. Files already canonical are left "
        + "untouched."))
  var inPlace = false

  @Flag(
    name: .long,
    help: ArgumentHelp(
      "Print the inventory (namespaces, pods, external endpoints) in the inventory file format "
        + "instead of the policies (example: kubectl get namespaces,pods -A -o yaml | netpol fmt "
        + "--inventory -f -)."))
  var inventory = false

  func validate() throws {
    if inPlace && inventory {
      throw ValidationError("--in-place and --inventory cannot be combined")
    }
    if inPlace && input.paths.contains("-") {
      throw ValidationError("--in-place cannot rewrite standard input (-)")
    }
  }

  func run() throws {
    if inPlace { return try rewriteFiles() }
    let result = PolicyLoader.load(paths: input.paths)
    if !result.diagnostics.isEmpty {
      CLIOutput.report(result.diagnostics)
      throw ExitStatus.badInput
    }
    if inventory {
      guard result.hasInventory else {
        CLIOutput.error("netpol fmt: the input holds no inventory (namespaces, pods or workloads)")
        throw ExitStatus.badInput
      }
      CLIOutput.write(YAMLWriter.inventory(result.inventory))
      return
    }
    if result.hasInventory {
      CLIOutput.error("netpol fmt: inventory content not printed; add --inventory to print it")
    }
    CLIOutput.write(YAMLWriter.stream(result.policies.map(\.resource)))
  }

  /// `--in-place`: checks every file first, then rewrites those whose text changes.
  private func rewriteFiles() throws {
    let expanded = PolicyFiles.expand(input.paths)
    let files = expanded.files
    var problems = expanded.problems
    var diagnostics: [Diagnostic] = []
    var planned: [(path: String, text: String)] = []
    for file in files {
      if file.lowercased().hasSuffix(".json") {
        problems.append(
          "\(file): --in-place writes YAML and does not rewrite JSON files; "
            + "print the YAML with `netpol fmt -f \(file)` instead")
        continue
      }
      let result = PolicyLoader.load(paths: [file])
      diagnostics += result.diagnostics
      if result.hasInventory {
        problems.append(
          "\(file): holds inventory content, and --in-place only rewrites files of policies; "
            + "print the canonical inventory with `netpol fmt --inventory -f \(file)`")
      } else if !result.policies.isEmpty {
        planned.append((file, YAMLWriter.stream(result.policies.map(\.resource))))
      }
    }
    if !diagnostics.isEmpty || !problems.isEmpty {
      CLIOutput.report(diagnostics)
      problems.forEach(CLIOutput.error)
      CLIOutput.error("netpol fmt: no file was changed")
      throw ExitStatus.badInput
    }
    var changed = 0
    for (path, text) in planned {
      do {
        if try PolicyFiles.replace(path, with: text) { changed += 1 }
      } catch {
        CLIOutput.error("\(path): \(error.description)")
        throw ExitStatus.badInput
      }
    }
    CLIOutput.error(
      "netpol fmt: " + CLIOutput.count(changed, "file", "files") + " reformatted, "
        + "\(files.count - changed) unchanged")
  }
}

/// The files `--in-place` works on, and their atomic replacement.
enum PolicyFiles {
  /// Why a file could not be replaced.
  struct WriteError: Error, CustomStringConvertible {
    /// What failed, e.g. `cannot create a temporary file next to it`.
    var action: String
    /// The system's error number.
    var code: Int32

    var description: String { "\(action): \(String(cString: strerror(code)))" }
  }

  /// The files named by `paths`: a file as is, a directory as its `*.yaml`, `*.yml` and
  /// `*.json` files (sorted, not recursive), each once; plus a message for each path that does
  /// not exist.
  static func expand(_ paths: [String]) -> (files: [String], problems: [String]) {
    var files: [String] = []
    var problems: [String] = []
    let manager = FileManager.default
    for path in paths {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
        problems.append("\(path): no such file or directory")
        continue
      }
      guard isDirectory.boolValue else {
        files.append(path)
        continue
      }
      let names = (try? manager.contentsOfDirectory(atPath: path)) ?? []
      let base = path.hasSuffix("/") ? path : path + "/"
      for name in names.sorted() {
        let lower = name.lowercased()
        guard lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json")
        else { continue }
        var nested: ObjCBool = false
        if manager.fileExists(atPath: base + name, isDirectory: &nested), !nested.boolValue {
          files.append(base + name)
        }
      }
    }
    var seen = Set<String>()
    return (files.filter { seen.insert($0).inserted }, problems)
  }

  /// Replaces the file at `path` (following symbolic links) with `text` by writing a temporary
  /// file in the same directory and renaming it over the original, keeping its permissions.
  /// Returns false, writing nothing, when the file already holds exactly `text`.
  static func replace(_ path: String, with text: String) throws(WriteError) -> Bool {
    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    if let old = FileManager.default.contents(atPath: target), old == Data(text.utf8) {
      return false
    }
    let directory = URL(fileURLWithPath: target).deletingLastPathComponent().path
    let name = URL(fileURLWithPath: target).lastPathComponent
    var template = Array("\(directory)/.\(name).netpol-XXXXXX".utf8CString)
    let descriptor = mkstemp(&template)
    guard descriptor >= 0 else {
      throw WriteError(action: "cannot create a temporary file next to it", code: errno)
    }
    let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    var info = stat()
    if stat(target, &info) == 0 { _ = fchmod(descriptor, info.st_mode & 0o7777) }
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
      let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        let code = errno
        close(descriptor)
        unlink(temporary)
        throw WriteError(action: "cannot write the new text", code: code)
      }
      written += count
    }
    _ = fsync(descriptor)
    close(descriptor)
    guard rename(temporary, target) == 0 else {
      let code = errno
      unlink(temporary)
      throw WriteError(action: "cannot replace the file", code: code)
    }
    return true
  }
}
