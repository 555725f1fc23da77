import Foundation
import Testing

/// The product stands alone: nothing under Sources or docs points users at files they do not
/// have (shared notes, scenario lists) or at numbered sections; references to the semantics
/// page name one of its sections.
@Suite("Sources and docs point only at docs/semantics.md, by section name")
struct StandAloneTextTests {
  /// Every text file under `Sources` and `docs`, with its repository path.
  private func texts() throws -> [(String, String)] {
    let root = CLIRunner.repositoryRoot
    var found: [(String, String)] = []
    for folder in ["Sources", "docs"] {
      let base = root.appendingPathComponent(folder)
      guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
      for case let relative as String in walker {
        let url = base.appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
          !isDirectory.boolValue, let data = try? Data(contentsOf: url),
          let text = String(data: data, encoding: .utf8)
        else { continue }
        found.append(("\(folder)/\(relative)", text))
      }
    }
    return found
  }

  /// The section headings of docs/semantics.md.
  private func headings() throws -> [String] {
    let page = try CLIRunner.read("docs/semantics.md")
    return page.split(separator: "\n").filter { $0.hasPrefix("#") }.map {
      String($0.drop { $0 == "#" || $0 == " " })
    }
  }

  @Test("grep for semantics.md, scenarios.md and field notes finds only docs/semantics.md")
  func noForeignReferences() throws {
    var offenders: [String] = []
    for (path, text) in try texts() where path != "docs/semantics.md" {
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
        .enumerated()
      {
        let lower = line.lowercased()
        var rest = lower.replacingOccurrences(of: "docs/semantics.md", with: "")
        if path.hasPrefix("docs/") {
          rest = rest.replacingOccurrences(of: "](semantics.md#", with: "](#")
          rest = rest.replacingOccurrences(of: "](semantics.md)", with: "]()")
        }
        if rest.contains("semantics.md") || rest.contains("scenarios.md")
          || rest.contains("field notes") || rest.contains("../shared") || rest.contains("§")
        {
          offenders.append("\(path):\(number + 1): \(line)")
        }
      }
    }
    #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
  }

  @Test("every 'see X in docs/semantics.md' and every link names a section of the page")
  func sectionsExist() throws {
    let names = try headings()
    let anchors = Set(
      names.map {
        String($0.lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" })
          .replacingOccurrences(of: " ", with: "-")
      })
    var broken: [String] = []
    for (path, raw) in try texts() where path != "docs/semantics.md" {
      // Joins continued string literals and comment lines into running text.
      let text = raw.replacing(/\\\n\s*/, with: "").replacing(/"\s*\n\s*\+\s*"/, with: "")
        .replacing(/\n\s*(\/\/\/?|#)?\s*/, with: " ")
      for match in text.matches(of: /see (.{1,160}?) in docs\/semantics\.md/) {
        let phrase = String(match.output.1)
        if !names.contains(where: { phrase.hasPrefix($0) }) {
          broken.append("\(path): see \(phrase)")
        }
      }
      for match in text.matches(of: /\]\(semantics\.md#([a-z0-9-]+)\)/)
      where !anchors.contains(String(match.output.1)) {
        broken.append("\(path): #\(match.output.1)")
      }
    }
    #expect(broken.isEmpty, "\(broken.joined(separator: "\n"))")
  }
}
