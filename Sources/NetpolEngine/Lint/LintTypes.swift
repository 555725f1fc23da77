import Foundation
import NetpolModel

/// How serious a lint finding is; ordered `info` < `warning` < `error`.
public enum LintSeverity: String, Sendable, Hashable, CaseIterable, Comparable {
  /// Worth knowing; the policy does what it says.
  case info
  /// Probably not what the author meant, or not enforced as written on the chosen dataplane.
  case warning
  /// The policy does the opposite of what its author evidently meant.
  case error

  /// The severity named `text` (`error`, `warning`, `info`), case-insensitively.
  public init?(name text: String) {
    self.init(rawValue: text.lowercased())
  }

  /// Orders `info` < `warning` < `error`.
  public static func < (lhs: LintSeverity, rhs: LintSeverity) -> Bool {
    let order: [LintSeverity] = [.info, .warning, .error]
    return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
  }
}

/// One problem lint found in a policy.
public struct LintFinding: Sendable, Hashable {
  /// The stable rule ID, e.g. `NP001`.
  public var ruleID: String
  /// The rule's short name, e.g. `egress-without-dns`.
  public var ruleName: String
  /// How serious it is.
  public var severity: LintSeverity
  /// The policy (`ns/name` or the clusterwide name).
  public var policy: String
  /// The offending field's path, e.g. `spec.egress[0].toFQDNs[3]`.
  public var path: String
  /// Where that field is written (or its nearest written ancestor), when known.
  public var location: SourceLocation?
  /// One line saying what is wrong.
  public var message: String
  /// One paragraph saying why it matters.
  public var explanation: String
  /// A concrete fix: a recipe to apply and/or a YAML snippet.
  public var fix: String

  /// Creates a finding.
  public init(
    ruleID: String, ruleName: String, severity: LintSeverity, policy: String, path: String,
    location: SourceLocation?, message: String, explanation: String, fix: String
  ) {
    self.ruleID = ruleID
    self.ruleName = ruleName
    self.severity = severity
    self.policy = policy
    self.path = path
    self.location = location
    self.message = message
    self.explanation = explanation
    self.fix = fix
  }

  /// `FILE:LINE:COL: severity: NP001 message [policy]` (the location is left out when unknown).
  public var headline: String {
    var parts: [String] = []
    if let location { parts.append(location.description) }
    parts.append(severity.rawValue)
    parts.append("\(ruleID) \(message) [\(policy) \(path)]")
    return parts.joined(separator: ": ")
  }
}

/// An example policy set for a rule's documentation and generated tests.
///
/// `yaml` may hold policies and inventory documents together (as `-f` files may). A `↓` marks
/// where the finding must be reported: the line and column of the character after it.
public struct LintExample: Sendable, Hashable {
  /// Policies, and optionally an inventory document, as one multi-document YAML text.
  public var yaml: String
  /// The dataplane to lint for; `nil` = the default choice.
  public var dataplane: Dataplane?
  /// The Cilium version to assume, e.g. `1.18`; `nil` = 1.19.
  public var ciliumVersion: String?

  /// Creates an example.
  public init(_ yaml: String, dataplane: Dataplane? = nil, ciliumVersion: String? = nil) {
    self.yaml = yaml
    self.dataplane = dataplane
    self.ciliumVersion = ciliumVersion
  }

  /// The YAML without the `↓` marker.
  public var cleanYAML: String { yaml.replacingOccurrences(of: "↓", with: "") }

  /// The 1-based line and column of the `↓` marker (column of the character after it).
  public var marker: (line: Int, column: Int)? {
    for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      if let found = line.firstIndex(of: "↓") {
        return (index + 1, line.distance(from: line.startIndex, to: found) + 1)
      }
    }
    return nil
  }
}

/// What a lint rule is: its stable ID, name, severity, documentation and examples.
public struct LintRuleDescription: Sendable {
  /// The stable ID, `NP` and three digits.
  public var id: String
  /// A short kebab-case name.
  public var name: String
  /// The most severe level the rule reports (some cases report less).
  public var severity: LintSeverity
  /// One line: what the rule looks for.
  public var summary: String
  /// Why it matters, naming the sections of docs/semantics.md it rests on.
  public var rationale: String
  /// Whether the rule needs an inventory (`--cluster`) to report anything.
  public var needsInventory: Bool
  /// Policy sets on which the rule must report.
  public var triggeringExamples: [LintExample]
  /// Policy sets on which the rule must stay silent.
  public var nonTriggeringExamples: [LintExample]

  /// Creates a description.
  public init(
    id: String, name: String, severity: LintSeverity, summary: String, rationale: String,
    needsInventory: Bool = false, triggeringExamples: [LintExample],
    nonTriggeringExamples: [LintExample]
  ) {
    self.id = id
    self.name = name
    self.severity = severity
    self.summary = summary
    self.rationale = rationale
    self.needsInventory = needsInventory
    self.triggeringExamples = triggeringExamples
    self.nonTriggeringExamples = nonTriggeringExamples
  }
}

/// A lint rule: a description and a check over the whole policy set.
public protocol LintRule: Sendable {
  /// The rule's ID, documentation and examples.
  static var description: LintRuleDescription { get }
  /// Creates the rule.
  init()
  /// Every finding of this rule in `context`.
  func check(_ context: LintContext) -> [LintFinding]
}

extension LintRule {
  /// A finding of this rule for `policy` at `path`.
  func finding(
    _ policy: LoadedPolicy, _ path: String, severity: LintSeverity? = nil, message: String,
    explanation: String, fix: String
  ) -> LintFinding {
    let description = Self.description
    return LintFinding(
      ruleID: description.id, ruleName: description.name,
      severity: severity ?? description.severity, policy: policy.resource.qualifiedName,
      path: path, location: policy.location(of: path), message: message,
      explanation: explanation, fix: fix)
  }
}
