import ArgumentParser
import Foundation
import NetpolModel

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
        + "--in-place -f policy.yaml). Each policy document is rewritten (its comments are not "
        + "kept); every other document (a Service, a List holding other objects, comments "
        + "between documents) is kept byte for byte. Each file is replaced atomically, through "
        + "symbolic links, and only if it is a regular file that did not change while netpol "
        + "worked. Files already canonical are left untouched."))
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
    for duplicate in result.duplicates { CLIOutput.error("warning: " + duplicate) }
    CLIOutput.write(YAMLWriter.stream(result.policies.map(\.resource)))
  }

  /// `--in-place`: checks every file first, then rewrites those whose text changes.
  private func rewriteFiles() throws {
    let expanded = PolicyFiles.expand(input.paths)
    let files = expanded.files
    var problems = expanded.problems
    var diagnostics: [Diagnostic] = []
    var planned: [(path: String, text: String, read: AtomicFile.Snapshot?)] = []
    for file in files {
      if file.lowercased().hasSuffix(".json") {
        problems.append(
          "\(file): --in-place writes YAML and does not rewrite JSON files; "
            + "print the YAML with `netpol fmt -f \(file)` instead")
        continue
      }
      let before = AtomicFile.Snapshot(path: file)
      let result = PolicyLoader.load(paths: [file])
      diagnostics += result.diagnostics
      if result.hasInventory {
        problems.append(
          "\(file): holds inventory content, and --in-place only rewrites files of policies; "
            + "print the canonical inventory with `netpol fmt --inventory -f \(file)`")
      } else if result.diagnostics.isEmpty, !result.policies.isEmpty {
        guard case .success(let bytes) = InputFile.bytes(path: file),
          let text = String(validating: bytes, as: UTF8.self),
          before == AtomicFile.Snapshot(path: file)
        else {
          problems.append("\(file): changed while netpol read it; run the command again")
          continue
        }
        planned.append((file, PolicyFiles.rewritten(text, file: file), before))
      }
    }
    if !diagnostics.isEmpty || !problems.isEmpty {
      CLIOutput.report(diagnostics)
      problems.forEach(CLIOutput.error)
      CLIOutput.error("netpol fmt: no file was changed")
      throw ExitStatus.badInput
    }
    var changed = 0
    for (path, text, read) in planned {
      do {
        if try AtomicFile.replace(path, with: text, unchanged: read, skipIfSame: true) {
          changed += 1
        }
      } catch {
        CLIOutput.error("\(path): \(error)")
        if changed > 0 {
          CLIOutput.error(
            "netpol fmt: " + CLIOutput.count(changed, "file", "files") + " reformatted before this")
        }
        throw ExitStatus.badInput
      }
    }
    CLIOutput.error(
      "netpol fmt: " + CLIOutput.count(changed, "file", "files") + " reformatted, "
        + "\(files.count - changed) unchanged")
  }
}

/// The files `--in-place` works on, and their new text.
enum PolicyFiles {
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

  /// The text `--in-place` writes for the file `text` came from: each document that holds
  /// policies only, canonical; every other piece (other kinds, Lists holding other objects,
  /// comments between documents) byte for byte.
  static func rewritten(_ text: String, file: String) -> String {
    var output = ""
    for piece in DocumentSplitter.split(text) {
      let result = PolicyLoader.load(text: String(piece), file: file)
      let keep =
        result.policies.isEmpty || !result.notices.isEmpty || result.hasInventory
        || !result.diagnostics.isEmpty
      if keep && DocumentSplitter.isBlank(piece) { continue }
      let parts = keep ? [String(piece)] : result.policies.map { YAMLWriter.document($0.resource) }
      for part in parts {
        if !output.isEmpty {
          if !output.hasSuffix("\n") { output += "\n" }
          if !DocumentSplitter.isMarker(part[...]) { output += "---\n" }
        }
        output += part
      }
    }
    return output
  }
}
