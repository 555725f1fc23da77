import Foundation
import Testing

@Suite("The examples of docs/json.md are what the commands print")
struct JSONDocsTests {
  /// Each `$ netpol ...` command of the document with the JSON block after it.
  static func examples() throws -> [(command: [String], json: String)] {
    let text = try String(
      contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("docs/json.md"), encoding: .utf8)
    var result: [(command: [String], json: String)] = []
    var command: [String]?
    var block: [String]?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("$ netpol ") {
        command = line.dropFirst("$ netpol ".count).split(separator: " ").map(String.init)
      } else if line == "```json" {
        block = []
      } else if line == "```", let lines = block {
        if let current = command { result.append((current, lines.joined(separator: "\n") + "\n")) }
        command = nil
        block = nil
      } else if block != nil {
        block?.append(String(line))
      }
    }
    return result
  }

  @Test("Every example runs and prints exactly its JSON, which parses")
  func examplesMatch() throws {
    let examples = try Self.examples()
    #expect(examples.count == 3)
    for (command, json) in examples {
      let result = try runNetpol(command)
      #expect(result.status == 0, "\(command): \(result.stderr)")
      #expect(result.stdout == json, "\(command.joined(separator: " "))")
      #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(json.utf8)) }
    }
  }
}
