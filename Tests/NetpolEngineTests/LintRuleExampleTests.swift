import NetpolEngine
import NetpolModel
import Testing

/// The tests generated from the examples kept next to each lint rule (SwiftLint style): every
/// triggering example yields a finding of that rule (at the `↓` marker when there is one), every
/// non-triggering example yields none.
@Suite("Every lint rule reports on its triggering examples and stays silent on the others")
struct LintRuleExampleTests {
  @Test("the registry has unique NPnnn IDs and names, and every rule has examples of both kinds")
  func registry() {
    let descriptions = Linter.descriptions
    #expect(descriptions.count >= 13)
    #expect(Set(descriptions.map(\.id)).count == descriptions.count)
    #expect(Set(descriptions.map(\.name)).count == descriptions.count)
    for description in descriptions {
      #expect(description.id.wholeMatch(of: /NP\d{3}/) != nil, "\(description.id)")
      #expect(
        !description.triggeringExamples.isEmpty, "\(description.id) has no triggering example")
      #expect(
        !description.nonTriggeringExamples.isEmpty,
        "\(description.id) has no non-triggering example")
    }
  }

  @Test(
    "triggering examples yield the rule's finding at the marked field",
    arguments: Linter.descriptions.map(\.id))
  func triggering(id: String) throws {
    let description = try #require(Linter.rule(id)).description
    for (index, example) in description.triggeringExamples.enumerated() {
      let file = "\(id)-triggering-\(index).yaml"
      let result = LintSupport.lint(example, file: file)
      #expect(result.diagnostics.isEmpty, "\(file): \(result.diagnostics)")
      let mine = result.findings.filter { $0.ruleID == id }
      #expect(!mine.isEmpty, "\(file): no \(id) finding; got \(result.findings.map(\.headline))")
      for finding in mine {
        #expect(!finding.explanation.isEmpty && !finding.fix.isEmpty, "\(finding.headline)")
      }
      if let marker = example.marker {
        let at = mine.map { ($0.location?.line ?? 0, $0.location?.column ?? 0) }
        #expect(
          at.contains { $0 == marker },
          "\(file): expected \(id) at \(marker.line):\(marker.column), got \(mine.map(\.headline))")
      }
    }
  }

  @Test(
    "non-triggering examples yield no finding of the rule", arguments: Linter.descriptions.map(\.id)
  )
  func nonTriggering(id: String) throws {
    let description = try #require(Linter.rule(id)).description
    for (index, example) in description.nonTriggeringExamples.enumerated() {
      let file = "\(id)-non-triggering-\(index).yaml"
      let result = LintSupport.lint(example, file: file)
      #expect(result.diagnostics.isEmpty, "\(file): \(result.diagnostics)")
      let mine = result.findings.filter { $0.ruleID == id }
      #expect(mine.isEmpty, "\(file): unexpected \(mine.map(\.headline))")
    }
  }
}
