import NetpolModel

/// A flow's verdict with every step that led to it: the lookup for names, egress at the
/// source, ingress at the destination, and notes on what the verdict depends on.
public struct Explanation: Sendable, Hashable {
  /// The flow explained.
  public var flow: Flow
  /// The dataplane whose semantics were applied.
  public var dataplane: Dataplane
  /// The verdict (for an HTTP request: whether the request goes through).
  public var verdict: Verdict
  /// Why a denial happened: `egress-denied`, `ingress-denied`, `egress-denylist`,
  /// `ingress-denylist`, `http-403`, `dns-lookup-blocked` or `dns-refused`; `nil` when allowed.
  public var reason: String?
  /// Egress at the source (pods only).
  public var egress: SideExplanation?
  /// Ingress at the destination (pods only).
  public var ingress: SideExplanation?
  /// The DNS lookup, for flows addressed to a DNS name.
  public var lookup: LookupStep?
  /// The address the connection goes to, for non-pod destinations.
  public var address: String?
  /// Names the FQDN cache held for the connection.
  public var fqdnCache: [String]
  /// Whether the flow is a pod to itself (implementation-defined).
  public var selfTraffic: Bool
  /// What the verdict depends on (dataplane, rejected policies, modelling choices).
  public var notes: [String]
}
