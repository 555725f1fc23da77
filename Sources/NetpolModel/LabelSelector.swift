/// An operator of a label selector requirement, as in `metav1.LabelSelectorOperator`.
public enum SelectorOperator: String, Sendable, Hashable, CaseIterable, Codable {
  /// The label's value is one of `values`.
  case `in` = "In"
  /// The label is missing or its value is none of `values`.
  case notIn = "NotIn"
  /// The label is present (any value).
  case exists = "Exists"
  /// The label is absent.
  case doesNotExist = "DoesNotExist"
}

/// One `matchExpressions` entry of a label selector.
public struct LabelSelectorRequirement: Sendable, Hashable, Codable {
  /// The label key the requirement applies to.
  public var key: String
  /// How the key's value is compared with `values`.
  public var `operator`: SelectorOperator
  /// The values for `In` and `NotIn`; empty (and omitted) for `Exists` and `DoesNotExist`.
  public var values: [String]

  /// Creates a requirement.
  public init(key: String, operator: SelectorOperator, values: [String] = []) {
    self.key = key
    self.operator = `operator`
    self.values = values
  }

  /// Whether a set of labels satisfies this requirement (Kubernetes label selectors: `NotIn` also
  /// matches objects without the key).
  public func matches(_ labels: [String: String]) -> Bool {
    switch self.operator {
    case .in:
      guard let value = labels[key] else { return false }
      return values.contains(value)
    case .notIn:
      guard let value = labels[key] else { return true }
      return !values.contains(value)
    case .exists: return labels[key] != nil
    case .doesNotExist: return labels[key] == nil
    }
  }
}

/// A Kubernetes label selector: `matchLabels` AND every `matchExpressions` entry.
///
/// An empty selector (`{}`) matches every object. Whether a selector is present at all is
/// modelled by the enclosing field being optional.
public struct LabelSelector: Sendable, Hashable, Codable {
  /// Exact key/value pairs that must all be present.
  public var matchLabels: [String: String]
  /// Requirements that must all hold.
  public var matchExpressions: [LabelSelectorRequirement]

  /// Creates a selector; with no arguments it is the empty selector that matches everything.
  public init(
    matchLabels: [String: String] = [:], matchExpressions: [LabelSelectorRequirement] = []
  ) {
    self.matchLabels = matchLabels
    self.matchExpressions = matchExpressions
  }

  /// The selector that matches every object (`{}`).
  public static let everything = LabelSelector()

  /// Whether this is the empty selector, which matches every object.
  public var isEmpty: Bool { matchLabels.isEmpty && matchExpressions.isEmpty }

  /// Whether a set of labels satisfies every part of the selector.
  public func matches(_ labels: [String: String]) -> Bool {
    for (key, value) in matchLabels where labels[key] != value { return false }
    for requirement in matchExpressions where !requirement.matches(labels) { return false }
    return true
  }

  /// Every label key the selector mentions, in matchLabels then matchExpressions order.
  public var keys: [String] {
    matchLabels.keys.sorted() + matchExpressions.map(\.key)
  }
}
