import Foundation
import Testing

/// docs/cli.md must stay in step with `--help` (issue 2 item 8): every subcommand has a
/// `## netpol NAME` section, and every long option of its help appears in that section.
@Suite("docs/cli.md documents every command and option that --help lists")
struct CLIDocsTests {
  /// The subcommand names listed under SUBCOMMANDS in the help of `netpol COMMAND...`.
  private func subcommands(of command: [String] = []) throws -> [String] {
    let help = try runNetpol(command.isEmpty ? ["--help"] : ["help"] + command)
    #expect(help.status == 0, "netpol help \(command)")
    var names: [String] = []
    var inSection = false
    for line in help.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("SUBCOMMANDS:") {
        inSection = true
      } else if inSection {
        guard line.hasPrefix("  "), !line.hasPrefix("  See ") else { break }
        // A wrapped abstract continues on lines indented further than the names.
        if line.dropFirst(2).first == " " { continue }
        if let word = line.split(separator: " ").first { names.append(String(word)) }
      }
    }
    return names
  }

  /// The long options (`--name`) in the OPTIONS section of `netpol help COMMAND...`.
  private func options(of command: [String]) throws -> Set<String> {
    let help = try runNetpol(["help"] + command)
    #expect(help.status == 0, "netpol help \(command)")
    let found = help.stdout.matches(of: /(?m)^\s+(?:-[A-Za-z], )?(--[a-z][a-z0-9-]*)/)
    return Set(found.map { String($0.output.1) }).subtracting(["--help", "--version"])
  }

  /// The text of docs/cli.md from `## netpol NAME` up to the next `## ` heading.
  private func section(_ name: String, in docs: String) -> String? {
    guard let start = docs.range(of: "\n## netpol \(name)") else { return nil }
    let rest = docs[start.upperBound...]
    let end = rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex
    return String(rest[..<end])
  }

  @Test("netpol --help lists validate and fmt, and each command has a section in docs/cli.md")
  func everySubcommand() throws {
    let names = try subcommands()
    #expect(names.contains("validate"))
    #expect(names.contains("fmt"))
    let docs = try CLIRunner.read("docs/cli.md")
    for name in names {
      #expect(section(name, in: docs) != nil, "docs/cli.md lacks a `## netpol \(name)` section")
    }
  }

  @Test("every long option and nested subcommand of every command is described in its section")
  func everyOption() throws {
    let docs = try CLIRunner.read("docs/cli.md")
    for name in try subcommands() where name != "help" {
      let text = section(name, in: docs) ?? ""
      var commands = [[name]]
      for nested in try subcommands(of: [name]) {
        commands.append([name, nested])
        #expect(
          text.contains("netpol \(name) \(nested)"),
          "docs/cli.md: `netpol \(name)` does not describe `netpol \(name) \(nested)`")
      }
      for command in commands {
        for option in try options(of: command) {
          #expect(
            text.contains("`\(option)"),
            "docs/cli.md: `netpol \(name)` does not describe \(option) of `netpol \(command.joined(separator: " "))`"
          )
        }
      }
    }
  }
}
