import Foundation
import Testing

@testable import NetpolShell

@Suite("report writes the matrices as one self-contained HTML page")
struct ReportCommandTests {
  @Test("report FILE writes a page with one heatmap per port and no scripts")
  func writes() throws {
    var shell = TestShell()
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("netpol-report-\(UUID().uuidString).html").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(shell.ok("report \(path) --port 80/TCP") == "wrote the verdict matrices to \(path)\n")
    let page = try String(contentsOfFile: path, encoding: .utf8)
    #expect(page.hasPrefix("<!DOCTYPE html>"))
    #expect(page.contains("<h2>80/TCP on kubernetes</h2>"))
    #expect(!page.contains("<script"))
    // With no policy every flow is allowed (a pod to itself is shown apart).
    #expect(page.contains("data-verdict=\"allow\""))
    #expect(!page.contains("data-verdict=\"deny\""))
    #expect(shell.fail("report").message.hasPrefix("expected FILE"))
  }
}
