import Foundation
import NetpolModel

/// `matchName` / `matchPattern` matching as DNS rules and toFQDNs in docs/semantics.md
/// describes (Cilium `pkg/policy/api/fqdn.go` and `pkg/fqdn/matchpattern/matchpattern.go`):
/// lower-cased, trailing dot added, `*` = zero or more characters of one label (`[-a-zA-Z0-9_]*`),
/// a lone `*` matches every name, a leading `**.` spans one or more labels on Cilium ≥ 1.19 and
/// acts as `*.` before; any other `**` acts as `*`.
public struct FQDNPattern: Sendable, Hashable {
  /// The selector matched.
  public var selector: FQDNSelector
  /// Whether a leading `**.` spans several labels (Cilium ≥ 1.19).
  public var doubleStarSpansLabels: Bool

  /// Creates a matcher.
  public init(_ selector: FQDNSelector, doubleStarSpansLabels: Bool = true) {
    self.selector = selector
    self.doubleStarSpansLabels = doubleStarSpansLabels
  }

  /// The selector as written: `matchName: x` or `matchPattern: y`.
  public var written: String {
    if let name = selector.matchName { return "matchName: \(name)" }
    return "matchPattern: \(selector.matchPattern ?? "")"
  }

  /// Whether `name` (any case, with or without trailing dot) is selected.
  public func matches(_ name: String) -> Bool {
    let target = FQDNPattern.canonical(name)
    if let matchName = selector.matchName {
      return FQDNPattern.canonical(matchName) == target
    }
    guard let raw = selector.matchPattern else { return false }
    var pattern = FQDNPattern.canonical(raw)
    if ["*.", "**."].contains(pattern) || raw == "*" || raw == "**" {
      return FQDNPattern.isName(target)
    }
    if pattern.hasPrefix("**.") && doubleStarSpansLabels {
      let rest = Array(pattern.dropFirst(3).replacingOccurrences(of: "**", with: "*"))
      let chars = Array(target)
      // `(label(.label)*)[.]` then the rest: try every dot that ends a non-empty label run.
      for index in chars.indices where chars[index] == "." && index > 0 {
        let head = chars[..<index]
        let labelsOK = head.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
          !$0.isEmpty && $0.allSatisfy(FQDNPattern.isLabelCharacter)
        }
        if labelsOK && FQDNPattern.glob(rest, Array(chars[(index + 1)...])) { return true }
      }
      return false
    }
    pattern = pattern.replacingOccurrences(of: "**", with: "*")
    return FQDNPattern.glob(Array(pattern), Array(target))
  }

  /// Lower-cased with one trailing dot.
  public static func canonical(_ name: String) -> String {
    let lower = name.lowercased()
    return lower.hasSuffix(".") ? lower : lower + "."
  }

  /// `(^([-a-zA-Z0-9_]+[.])+$)|(^[.]$)`.
  static func isName(_ name: String) -> Bool {
    if name == "." { return true }
    let labels = name.dropLast().split(separator: ".", omittingEmptySubsequences: false)
    return name.hasSuffix(".")
      && labels.allSatisfy { !$0.isEmpty && $0.allSatisfy(isLabelCharacter) }
  }

  /// `[-a-zA-Z0-9_]`.
  static func isLabelCharacter(_ character: Character) -> Bool {
    character == "-" || character == "_"
      || (character.isASCII && (character.isLetter || character.isNumber))
  }

  /// Glob where `*` matches label characters only (never a dot) and other characters are
  /// literal.
  static func glob(_ pattern: [Character], _ text: [Character]) -> Bool {
    var memo: [Int: Bool] = [:]
    func match(_ p: Int, _ t: Int) -> Bool {
      let key = p * (text.count + 1) + t
      if let known = memo[key] { return known }
      let result: Bool
      if p == pattern.count {
        result = t == text.count
      } else if pattern[p] == "*" {
        result = match(p + 1, t) || (t < text.count && isLabelCharacter(text[t]) && match(p, t + 1))
      } else {
        result = t < text.count && pattern[p] == text[t] && match(p + 1, t + 1)
      }
      memo[key] = result
      return result
    }
    return match(0, 0)
  }

  /// The classic mistake explained: `*.example.com` against `example.com` itself.
  static func hint(_ selector: FQDNSelector, names: [String]) -> String? {
    guard let raw = selector.matchPattern?.lowercased(), raw.hasPrefix("*.") else { return nil }
    let base = String(raw.drop { $0 == "*" }.dropFirst())
    guard
      let name = names.first(where: {
        canonical($0) == canonical(base)
      })
    else { return nil }
    return
      "wants matchPattern: \(raw); \(name) does not match: '\(raw.hasPrefix("**.") ? "**." : "*.")' needs at least one label before \(base) (add matchName: \(base))"
  }
}
