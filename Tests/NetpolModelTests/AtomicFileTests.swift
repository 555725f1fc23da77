import Foundation
import NetpolModel
import Testing

@Suite("AtomicFile replaces a regular file whole, and refuses when it should not")
struct AtomicFileTests {
  private func scratch() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("netpol-atomic-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  @Test("a file changed after it was read is not overwritten")
  func changedSinceRead() throws {
    let directory = try scratch()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("p.yaml").path
    try Data("first\n".utf8).write(to: URL(fileURLWithPath: path))
    let snapshot = try #require(AtomicFile.Snapshot(path: path))
    try Data("someone else's edit\n".utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: WriteError.self) {
      try AtomicFile.replace(path, with: "canonical\n", unchanged: snapshot)
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "someone else's edit\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["p.yaml"])
  }

  @Test("an unchanged file is replaced; the same text is not written again")
  func unchanged() throws {
    let directory = try scratch()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("p.yaml").path
    try Data("first\n".utf8).write(to: URL(fileURLWithPath: path))
    let snapshot = AtomicFile.Snapshot(path: path)
    #expect(try AtomicFile.replace(path, with: "second\n", unchanged: snapshot, skipIfSame: true))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
    #expect(try !AtomicFile.replace(path, with: "second\n", skipIfSame: true))
  }

  @Test("a dangling link and a missing directory are refused with a reason")
  func refusals() throws {
    let directory = try scratch()
    defer { try? FileManager.default.removeItem(at: directory) }
    let link = directory.appendingPathComponent("dangling.yaml").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "nowhere.yaml")
    #expect(throws: WriteError.self) { try AtomicFile.replace(link, with: "x\n") }
    #expect(throws: WriteError.self) {
      try AtomicFile.replace(directory.path + "/missing/x.yaml", with: "x\n")
    }
  }
}

@Suite("DocumentSplitter cuts YAML text at document markers and nowhere else")
struct DocumentSplitterTests {
  @Test("the pieces join back to the text; markers start pieces (YAML 1.2.2 section 9.1.2)")
  func split() {
    let text = "# head\na: 1\n---\nb: |\n  ---not a marker\n--- # c\nc: 2\n---x: no\n"
    let pieces = DocumentSplitter.split(text)
    #expect(pieces.joined() == text)
    #expect(
      pieces == ["# head\na: 1\n", "---\nb: |\n  ---not a marker\n", "--- # c\nc: 2\n---x: no\n"])
  }

  @Test("CRLF line ends are cut the same way")
  func crlf() {
    let pieces = DocumentSplitter.split("a: 1\r\n---\r\nb: 2\r\n")
    #expect(pieces == ["a: 1\r\n", "---\r\nb: 2\r\n"])
  }

  @Test("blank pieces hold only markers, comments and blank lines")
  func blank() {
    #expect(DocumentSplitter.isBlank("---\n# only a comment\n\n...\n"))
    #expect(!DocumentSplitter.isBlank("---\nkind: Service\n"))
  }
}
