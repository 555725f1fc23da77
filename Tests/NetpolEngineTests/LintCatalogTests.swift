import Foundation
import NetpolEngine
import Testing

/// docs/lint.md is generated from the rule registry; this test fails when it is stale and
/// rewrites it when NETPOL_UPDATE_DOCS=1.
@Suite("docs/lint.md is the catalogue generated from the rule registry")
struct LintCatalogTests {
  @Test("docs/lint.md matches LintCatalog.markdown()")
  func upToDate() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let url = root.appendingPathComponent("docs/lint.md")
    let generated = LintCatalog.markdown()
    if ProcessInfo.processInfo.environment["NETPOL_UPDATE_DOCS"] == "1" {
      try Data(generated.utf8).write(to: url)
    }
    let onDisk = String(decoding: try Data(contentsOf: url), as: UTF8.self)
    #expect(
      onDisk == generated,
      "docs/lint.md is stale: run NETPOL_UPDATE_DOCS=1 swift test --filter LintCatalogTests")
    for rule in Linter.descriptions { #expect(onDisk.contains("## \(rule.id) \(rule.name)")) }
  }
}
