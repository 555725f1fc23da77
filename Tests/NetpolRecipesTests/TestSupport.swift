import Foundation
import NetpolModel
import Testing

@testable import NetpolRecipes

/// Paths and helpers shared by the recipe tests.
enum Fixtures {
  /// The repository root (three levels above this file).
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The directory of the hand-written golden files.
  static let goldenDirectory = root.appendingPathComponent("Tests/NetpolRecipesTests/Golden")

  /// The text of a repository file.
  static func read(_ path: String) throws -> String {
    String(decoding: try Data(contentsOf: root.appendingPathComponent(path)), as: UTF8.self)
  }

  /// The built-in catalogue; a test fails (rather than crashes) if it does not load.
  static func catalog() throws -> RecipeCatalog {
    try RecipeCatalog.builtIn()
  }

  /// The policies of one YAML text, read by the policy loader; diagnostics fail the test.
  static func policies(_ text: String, file: String = "test.yaml") -> [PolicyResource] {
    let result = PolicyLoader.load(text: text, file: file)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
    return result.policies.map(\.resource)
  }

  /// A new directory holding `files` (name to text); the caller removes it.
  static func directory(_ files: [String: String]) throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("netpol-recipes-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    for (name, text) in files {
      try Data(text.utf8).write(to: url.appendingPathComponent(name))
    }
    return url
  }
}

/// A `netpol generate ...` command line of a golden file, split into what `render` takes.
struct GenerateInvocation: CustomStringConvertible {
  var recipe = ""
  var parameters: [String: String] = [:]
  var namespace: String?
  var name: String?
  var kind: PolicyKindChoice?
  var description: String

  /// Parses `netpol generate RECIPE [--set k=v] [-n NS] [--name N] [--kind K]`; words may be
  /// single-quoted as in a POSIX shell.
  init?(_ line: String) {
    description = line
    let words = Self.split(line)
    guard words.count >= 3, words[0] == "netpol", words[1] == "generate" else { return nil }
    recipe = words[2]
    var index = 3
    while index + 1 < words.count {
      let value = words[index + 1]
      switch words[index] {
      case "--set":
        guard let equals = value.firstIndex(of: "=") else { return nil }
        parameters[String(value[..<equals])] = String(value[value.index(after: equals)...])
      case "-n": namespace = value
      case "--name": name = value
      case "--kind": kind = PolicyKindChoice(rawValue: value)
      default: return nil
      }
      index += 2
    }
    if index != words.count { return nil }
  }

  /// Splits on spaces outside single quotes.
  static func split(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quoted = false
    var started = false
    for character in line {
      if character == "'" {
        quoted.toggle()
        started = true
      } else if character == " " && !quoted {
        if started { words.append(current) }
        current = ""
        started = false
      } else {
        current.append(character)
        started = true
      }
    }
    if started { words.append(current) }
    return words
  }
}

/// One document of a golden file with the command that must render it.
struct GoldenCase: CustomStringConvertible {
  var file: String
  var invocation: GenerateInvocation
  var yaml: String
  var description: String { "\(file): \(invocation)" }

  /// Every case of every golden file: documents after `---`, each starting with a
  /// `# netpol generate ...` comment line.
  static func all() throws -> [GoldenCase] {
    let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.goldenDirectory.path)
    var cases: [GoldenCase] = []
    for name in names.sorted() where name.hasSuffix(".yaml") {
      let text = String(
        decoding: try Data(contentsOf: Fixtures.goldenDirectory.appendingPathComponent(name)),
        as: UTF8.self)
      for chunk in text.components(separatedBy: "\n---\n").dropFirst() {
        let lines = chunk.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.hasPrefix("# "),
          let invocation = GenerateInvocation(String(first.dropFirst(2)))
        else {
          Issue.record("\(name): a document does not start with '# netpol generate ...'")
          continue
        }
        cases.append(
          GoldenCase(
            file: name, invocation: invocation,
            yaml: lines.dropFirst().joined(separator: "\n")))
      }
    }
    return cases
  }
}
