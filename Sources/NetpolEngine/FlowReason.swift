import NetpolModel

/// What decided one side of a flow, reduced to the policies and rules that matter.
public struct SideReason: Sendable, Hashable {
  /// `ingress` or `egress`.
  public var direction: String
  /// The pod whose policies decide (`ns/pod`).
  public var endpoint: String
  /// How the side decided (`not-isolated`, `allowed-by-rule`, `no-rule-allows`,
  /// `denied-by-rule`).
  public var decision: String
  /// The rules that decide: the matching deny rule, the matching allow rules, or (when no rule
  /// allows) the policies that isolate the pod; each `ns/name path`.
  public var rules: [String]

  /// Creates a side reason.
  public init(direction: String, endpoint: String, decision: String, rules: [String]) {
    self.direction = direction
    self.endpoint = endpoint
    self.decision = decision
    self.rules = rules
  }

  /// Reduces a side of an explanation.
  public init(_ side: SideExplanation) {
    direction = side.direction == .ingress ? "ingress" : "egress"
    endpoint = side.endpoint
    decision = side.decision.rawValue
    switch side.decision {
    case .notIsolated: rules = []
    case .allowedByRule: rules = side.allowedBy.map(\.described)
    case .noRuleAllows: rules = side.isolatedBy
    case .deniedByRule: rules = side.deniedBy.map(\.described)
    }
  }

  /// One phrase, e.g. `ingress at demo/server: allowed by demo/p spec.ingress[0].from[0]`.
  public var phrase: String {
    let place = "\(direction) at \(endpoint)"
    let list = rules.joined(separator: ", ")
    switch decision {
    case SideDecision.notIsolated.rawValue: return "\(place): not isolated"
    case SideDecision.allowedByRule.rawValue: return "\(place): allowed by \(list)"
    case SideDecision.deniedByRule.rawValue: return "\(place): denied by deny rule \(list)"
    default: return "\(place): isolated by \(list), no rule allows"
    }
  }
}

/// A flow's verdict and the sides that decided it, without the full explanation.
public struct FlowReason: Sendable, Hashable {
  /// The verdict.
  public var verdict: Verdict
  /// The deciding sides: for a denial only the denying ones, for an allow both (pods only).
  public var sides: [SideReason]
  /// What happened before any side decided (a DNS lookup that failed), if anything.
  public var detail: String?

  /// Creates a reason from its parts.
  public init(verdict: Verdict, sides: [SideReason], detail: String?) {
    self.verdict = verdict
    self.sides = sides
    self.detail = detail
  }

  /// Reduces an explanation to its deciding sides.
  public init(_ explanation: Explanation) {
    verdict = explanation.verdict
    var sides: [SideReason] = []
    for side in [explanation.egress, explanation.ingress].compactMap({ $0 }) {
      if explanation.verdict == .deny && side.verdict == .allow { continue }
      sides.append(SideReason(side))
    }
    if let lookup = explanation.lookup, lookup.outcome == .blocked || lookup.outcome == .refused {
      sides = []
      detail = "lookup of \(lookup.name): \(lookup.detail)"
    } else if sides.isEmpty && explanation.verdict == .deny {
      detail = explanation.reason
    }
    self.sides = sides
  }

  /// One line naming the deciding policies and rules.
  public var line: String {
    var parts = sides.map(\.phrase)
    if let detail { parts.insert(detail, at: 0) }
    if parts.isEmpty { return verdict == .allow ? "no policy applies" : "denied" }
    return parts.joined(separator: "; ")
  }
}
