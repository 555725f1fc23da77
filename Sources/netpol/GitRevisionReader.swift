import Foundation
import NetpolModel

/// Why the policies at a git revision could not be read.
struct GitReadError: Error, CustomStringConvertible {
  /// One line for the user.
  var description: String
}

/// Reads policy files as they were at a git revision, with `git ls-tree` and `git show` (no
/// checkout), the way `PolicyLoader` reads the working tree: a file, or a directory's `*.yaml`,
/// `*.yml` and `*.json` files (not recursive). A path missing at the revision has no policies.
enum GitRevisionReader {
  /// The policies under `paths` (relative to the current directory) at `revision`.
  static func load(revision: String, paths: [String]) throws(GitReadError) -> LoadResult {
    _ = try git(
      ["rev-parse", "--verify", "--quiet", revision + "^{commit}"], what: "--base \(revision)")
    var merged = LoadResult()
    for path in paths {
      for file in try files(revision: revision, path: path) {
        let text = try git(["show", "\(revision):./\(file)"], what: "\(revision):\(file)")
        let result = PolicyLoader.load(text: text, file: "\(revision):\(file)")
        merged.policies += result.policies
        merged.diagnostics += result.diagnostics
      }
    }
    return merged
  }

  /// The policy files `path` names at `revision`: itself if a file, its policy files if a tree.
  private static func files(revision: String, path: String) throws(GitReadError) -> [String] {
    let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
    let entry = try git(["ls-tree", revision, "--", trimmed], what: "\(revision):\(path)")
    guard !entry.isEmpty else { return [] }
    guard entry.split(separator: " ").dropFirst().first == "tree" else { return [trimmed] }
    let listing = try git(
      ["ls-tree", "--name-only", revision, "--", trimmed + "/"], what: "\(revision):\(path)")
    return listing.split(separator: "\n").map(String.init).filter {
      $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json")
    }.sorted()
  }

  /// Runs git with `arguments` in the current directory and returns its standard output.
  private static func git(_ arguments: [String], what: String) throws(GitReadError) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw GitReadError(description: "cannot run git: \(error.localizedDescription)")
    }
    // readToEnd() reports a read error by throwing instead of stopping the program.
    let data = (try? output.fileHandleForReading.readToEnd()) ?? Data()
    let message = (try? errors.fileHandleForReading.readToEnd()) ?? Data()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let firstLine =
        String(decoding: message, as: UTF8.self).split(separator: "\n").first.map(String.init)
        ?? "not something git knows (git \(arguments[0]) failed)"
      throw GitReadError(description: "\(what): \(firstLine)")
    }
    return String(decoding: data, as: UTF8.self)
  }
}
