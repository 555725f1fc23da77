import Foundation

/// The rules catalogue (docs/lint.md), generated from the registry so it cannot go stale.
public enum LintCatalog {
  /// The Markdown text of docs/lint.md.
  public static func markdown() -> String {
    var text = """
      # netpol lint: the rules

      <!-- Generated from the rule registry (Sources/NetpolEngine/Lint); a test keeps it in step. -->

      `netpol lint -f POLICIES... [--cluster INVENTORY] [--dataplane D] [--cilium-version X.Y]
      [--fail-on error|warning|info] [-o text|json|sarif]` reports each finding with its rule ID,
      severity, the `FILE:LINE:COL` of the offending field, an explanation and a fix. Rules marked
      *needs inventory* stay silent without `--cluster` (or inventory content among the `-f` files).
      Severity `error` is kept for policies that do the opposite of what their author evidently
      meant; a rule may report a milder case at a lower severity.

      | ID | name | severity | what it finds |
      | --- | --- | --- | --- |

      """
    for rule in Linter.descriptions {
      text +=
        "| [\(rule.id)](#\(rule.id.lowercased())-\(rule.name)) | `\(rule.name)` | \(rule.severity.rawValue) | "
        + rule.summary.replacingOccurrences(of: "|", with: "\\|") + " |\n"
    }
    for rule in Linter.descriptions {
      text += "\n## \(rule.id) \(rule.name)\n\n"
      text += "Severity: \(rule.severity.rawValue)"
      text += rule.needsInventory ? " · needs inventory\n\n" : "\n\n"
      text += rule.summary + "\n\n" + rule.rationale + "\n"
      for (title, examples) in [
        ("Triggers on", rule.triggeringExamples),
        ("Does not trigger on", rule.nonTriggeringExamples),
      ] {
        for example in examples {
          var note = ""
          if let dataplane = example.dataplane { note += " (`--dataplane \(dataplane.rawValue)`" }
          if let version = example.ciliumVersion {
            note += note.isEmpty ? " (" : ", "
            note += "`--cilium-version \(version)`"
          }
          if !note.isEmpty { note += ")" }
          text += "\n\(title)\(note):\n\n```yaml\n\(example.cleanYAML)\n```\n"
        }
      }
    }
    return text
  }
}
