import Foundation
import Testing

/// docs/tutorial.md shows shell sessions; each is run verbatim against the binary and every line
/// the page shows must appear in the output, in the page's order.
@Suite("The tutorial's shell sessions print what the tutorial shows")
struct TutorialTests {
  /// A session of the page: the commands typed and the lines shown between them.
  struct Session {
    var commands: [String] = []
    var shown: [String] = []
  }

  /// The fenced blocks of docs/tutorial.md that start with `$ netpol shell`.
  private func sessions() throws -> [Session] {
    let page = try CLIRunner.read("docs/tutorial.md")
    var found: [Session] = []
    var current: Session?
    var inBlock = false
    for line in page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line.hasPrefix("```") {
        if inBlock, let session = current { found.append(session) }
        inBlock.toggle()
        current = nil
        continue
      }
      guard inBlock else { continue }
      if current == nil {
        if line == "$ netpol shell" { current = Session() }
        continue
      }
      if let prompt = line.firstMatch(of: #/^netpol(?: \S+)?> /#) {
        current?.commands.append(String(line[prompt.range.upperBound...]))
      } else if !line.isEmpty {
        current?.shown.append(line)
      }
    }
    return found
  }

  @Test("the page has shell sessions, including one that follows a lesson")
  func present() throws {
    let all = try sessions()
    #expect(all.count >= 2)
    #expect(all.contains { $0.commands.contains { $0.hasPrefix("lesson ") } })
  }

  @Test("each session, typed verbatim on the default cluster, prints the lines shown")
  func verbatim() throws {
    for session in try sessions() {
      let input = session.commands.joined(separator: "\n") + "\n"
      let result = try runNetpol(["shell"], stdin: input)
      #expect(result.status == 0, "\(session.commands): \(result.stderr)")
      let output = result.stdout.split(separator: "\n").map(String.init)
      var position = 0
      for line in session.shown {
        guard let index = output[position...].firstIndex(of: line) else {
          Issue.record("not printed (in this order): \(line)\n--- output:\n\(result.stdout)")
          break
        }
        position = index + 1
      }
    }
  }
}
