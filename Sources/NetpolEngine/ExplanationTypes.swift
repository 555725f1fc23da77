import NetpolModel

/// A policy entry that allowed or denied a flow on one side.
public struct RuleHit: Sendable, Hashable {
  /// `ns/name` (or the clusterwide name).
  public var policy: String
  /// The policy's kind.
  public var kind: String
  /// The entry and peer that matched, e.g. `spec.ingress[0].from[1]` (the entry alone when it
  /// admits every peer).
  public var path: String
  /// The port entry that matched, e.g. `spec.ingress[0].ports[0]`; `nil` when the entry admits
  /// every port.
  public var portPath: String?

  /// Creates a hit.
  public init(policy: String, kind: String, path: String, portPath: String? = nil) {
    self.policy = policy
    self.kind = kind
    self.path = path
    self.portPath = portPath
  }

  /// `ns/name path`.
  public var described: String { "\(policy) \(path)" }
}

/// How one side (egress at the source or ingress at the destination) decided.
public enum SideDecision: String, Sendable, Hashable {
  /// No policy isolates this direction and no rule matched: allowed.
  case notIsolated = "not-isolated"
  /// An allow rule matched.
  case allowedByRule = "allowed-by-rule"
  /// Isolated and no allow rule matched: dropped (`Policy denied`).
  case noRuleAllows = "no-rule-allows"
  /// A deny rule matched: dropped (`Policy denied by denylist`).
  case deniedByRule = "denied-by-rule"
}

/// The L7 HTTP decision for a request on an allowed connection.
public struct HTTPDecision: Sendable, Hashable {
  /// `allow`, or `deny` = the proxy answers 403.
  public var verdict: Verdict
  /// The HTTP rules in force (`ns/name path`); empty when a plain L4 allow makes L7 moot.
  public var rules: [String]
  /// One sentence on why.
  public var detail: String
}

/// One direction of a flow, at one endpoint.
public struct SideExplanation: Sendable, Hashable {
  /// `ingress` or `egress`.
  public var direction: PolicyType
  /// The pod whose policies decide (`ns/pod`).
  public var endpoint: String
  /// Whether the pod is isolated (default-deny) in this direction.
  public var isolated: Bool
  /// Policies that isolate it in this direction.
  public var isolatedBy: [String]
  /// Policies with a rule selecting the pod that has entries for this direction.
  public var selectedBy: [String]
  /// This side's verdict (L3/L4).
  public var verdict: Verdict
  /// How the verdict came about.
  public var decision: SideDecision
  /// Allow entries that matched.
  public var allowedBy: [RuleHit]
  /// Deny entries that matched.
  public var deniedBy: [RuleHit]
  /// For a denial: the closest entries that did not match, with why
  /// (`demo/p spec.ingress[0].from[0] wants pods with app=client; demo/client has no label app`).
  public var nearestMisses: [String]
  /// The HTTP decision when the flow carries a request and L7 rules apply.
  public var http: HTTPDecision?
  /// Hubble's match type for the deciding entry (`L3-L4`, `L3-Only`, `L4-Only`, `all`, `none`).
  public var matchType: String
  /// The walk through the admin policy tiers, one line per step; empty when no admin policy
  /// is enforced.
  public var tierSteps: [String] = []
  /// The admin policy tier (`Admin` or `Baseline`) whose rule decided; `nil` when a
  /// NetworkPolicy, a Cilium policy or the default decided.
  public var tier: String?
}

/// What happened to the DNS lookup of a flow addressed to a name (see Names and the FQDN cache in
/// docs/semantics.md).
public enum LookupOutcome: String, Sendable, Hashable {
  /// The UDP/53 flow to kube-dns was dropped: the name never resolves.
  case blocked
  /// The DNS proxy refused the query: no `rules.dns` pattern matches the name.
  case refused
  /// DNS went through without the proxy (no `rules.dns` on the allowing rule): resolved, but
  /// `toFQDNs` learned nothing.
  case notProxied = "not-proxied"
  /// Resolved through the DNS proxy: the name is in the FQDN cache.
  case learned
  /// Resolved on a dataplane without FQDN policy (nothing to learn).
  case resolved
  /// The inventory has no kube-dns pod: the lookup is assumed to succeed and be learned.
  case notModelled = "not-modelled"
}

/// The lookup step of a flow to a DNS name.
public struct LookupStep: Sendable, Hashable {
  /// The name looked up.
  public var name: String
  /// The kube-dns pod queried (`kube-system/coredns`), if the inventory has one.
  public var server: String?
  /// What happened.
  public var outcome: LookupOutcome
  /// The address the name resolves to (its first IP).
  public var address: String?
  /// Egress at the client for the UDP/53 flow.
  public var egress: SideExplanation?
  /// Ingress at kube-dns for the UDP/53 flow.
  public var ingress: SideExplanation?
  /// `rules.dns` entries consulted (`ns/name path`).
  public var dnsRules: [String]
  /// One sentence on the outcome.
  public var detail: String
}

/// Why a policy object is not applied on the selected dataplane.
public struct PolicyRejection: Sendable, Hashable {
  /// `ns/name` or the clusterwide name.
  public var policy: String
  /// Why (one sentence).
  public var reason: String

  /// Creates a rejection.
  public init(policy: String, reason: String) {
    self.policy = policy
    self.reason = reason
  }
}
