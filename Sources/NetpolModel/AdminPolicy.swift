/// The kinds of the SIG-Network policy API (`policy.networking.k8s.io`): cluster-scoped
/// guardrails evaluated around the namespaces' own NetworkPolicies.
public enum AdminPolicyKind: String, Sendable, Hashable, CaseIterable {
  /// `v1alpha1` AdminNetworkPolicy: the Admin tier, with a priority.
  case adminNetworkPolicy = "AdminNetworkPolicy"
  /// `v1alpha1` BaselineAdminNetworkPolicy: the Baseline tier, a singleton named `default`.
  case baselineAdminNetworkPolicy = "BaselineAdminNetworkPolicy"
  /// `v1alpha2` ClusterNetworkPolicy: either tier, chosen by `spec.tier`.
  case clusterNetworkPolicy = "ClusterNetworkPolicy"

  /// The kind's `apiVersion`.
  public var apiVersion: String {
    self == .clusterNetworkPolicy
      ? "policy.networking.k8s.io/v1alpha2" : "policy.networking.k8s.io/v1alpha1"
  }

  /// Whether the kind has the `v1alpha2` shape (`protocols`, `Accept`, `tier`).
  public var isV1Alpha2: Bool { self == .clusterNetworkPolicy }

  /// The most ingress or egress rules one policy may hold.
  public var maxRules: Int { isV1Alpha2 ? 25 : 100 }

  /// The most peers one rule may list.
  public var maxPeers: Int { isV1Alpha2 ? 25 : 100 }

  /// The most `ports` or `protocols` entries one rule may list.
  public var maxPorts: Int { isV1Alpha2 ? 25 : 100 }
}

/// The tier a policy sits in: Admin policies are evaluated before NetworkPolicies, Baseline
/// policies after them.
public enum AdminTier: String, Sendable, Hashable, CaseIterable {
  /// Evaluated before any NetworkPolicy.
  case admin = "Admin"
  /// Evaluated after NetworkPolicies, for pods no NetworkPolicy selects.
  case baseline = "Baseline"
}

/// What a rule does with the traffic it matches.
public enum AdminAction: Sendable, Hashable, CaseIterable {
  /// Allows the traffic (`Allow` in v1alpha1, `Accept` in v1alpha2); no lower tier is consulted.
  case allow
  /// Drops the traffic.
  case deny
  /// Skips the remaining rules of the tier; the next tier decides.
  case pass

  /// The word the API uses for this action in `kind`.
  public func word(in kind: AdminPolicyKind) -> String {
    switch self {
    case .allow: return kind.isV1Alpha2 ? "Accept" : "Allow"
    case .deny: return "Deny"
    case .pass: return "Pass"
    }
  }

  /// The actions `kind` accepts (a BaselineAdminNetworkPolicy has no `Pass`).
  public static func allowed(in kind: AdminPolicyKind) -> [AdminAction] {
    kind == .baselineAdminNetworkPolicy ? [.allow, .deny] : [.allow, .deny, .pass]
  }
}

/// Pods chosen by a namespace selector and a pod selector (both must match).
public struct AdminPods: Sendable, Hashable {
  /// The namespaces; `nil` (only allowed in v1alpha2) selects every namespace, like `{}`.
  public var namespaceSelector: LabelSelector?
  /// The pods within those namespaces; `{}` selects every pod.
  public var podSelector: LabelSelector

  /// Creates a pod selection.
  public init(namespaceSelector: LabelSelector? = .everything, podSelector: LabelSelector) {
    self.namespaceSelector = namespaceSelector
    self.podSelector = podSelector
  }
}

/// The pods a policy applies to: exactly one of namespaces or pods.
public enum AdminSubject: Sendable, Hashable {
  /// Every pod of the namespaces the selector matches.
  case namespaces(LabelSelector)
  /// The pods the selection matches.
  case pods(AdminPods)
}

/// One entry of a rule's `from` or `to` list: exactly one kind of peer.
public enum AdminPeer: Sendable, Hashable {
  /// Every pod of the matching namespaces.
  case namespaces(LabelSelector)
  /// The matching pods.
  case pods(AdminPods)
  /// The addresses of the nodes whose labels match (egress only).
  case nodes(LabelSelector)
  /// Destinations inside any of these CIDRs, pods and nodes included (egress only).
  case networks([String])
  /// Destinations resolved from these DNS names, exact or `*.` wildcards (egress only).
  case domainNames([String])

  /// The field name the peer is written under.
  public var field: String {
    switch self {
    case .namespaces: return "namespaces"
    case .pods: return "pods"
    case .nodes: return "nodes"
    case .networks: return "networks"
    case .domainNames: return "domainNames"
    }
  }
}

/// One entry of a rule's `ports` (v1alpha1) or `protocols` (v1alpha2) list.
public enum AdminPort: Sendable, Hashable {
  /// One port of one protocol.
  case number(L4Protocol, Int)
  /// An inclusive range `start...end` of one protocol.
  case range(L4Protocol, start: Int, end: Int)
  /// A named container port of the destination pod.
  case named(String)
}

/// One ingress or egress rule: an action for traffic from or to any of `peers` on any of
/// `ports`.
public struct AdminRule: Sendable, Hashable {
  /// The rule's optional name (at most 100 characters).
  public var name: String?
  /// What the rule does with matching traffic.
  public var action: AdminAction
  /// The peers (`from` for ingress, `to` for egress); at least one.
  public var peers: [AdminPeer]
  /// The ports; `nil` matches every port and protocol.
  public var ports: [AdminPort]?

  /// Creates a rule.
  public init(
    name: String? = nil, action: AdminAction, peers: [AdminPeer], ports: [AdminPort]? = nil
  ) {
    self.name = name
    self.action = action
    self.peers = peers
    self.ports = ports
  }
}

/// An AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy.
public struct AdminPolicy: Sendable, Hashable {
  /// Which of the three kinds this is.
  public var kind: AdminPolicyKind
  /// The object's metadata (cluster-scoped: no namespace).
  public var metadata: ObjectMeta
  /// The tier written in `spec.tier` (ClusterNetworkPolicy); ignored for the v1alpha1 kinds,
  /// whose tier follows from their kind (see `effectiveTier`).
  public var tier: AdminTier
  /// The priority, 0–1000, lower first; `nil` for a BaselineAdminNetworkPolicy.
  public var priority: Int?
  /// The pods the policy applies to.
  public var subject: AdminSubject
  /// Ingress rules in order; `nil` when omitted.
  public var ingress: [AdminRule]?
  /// Egress rules in order; `nil` when omitted.
  public var egress: [AdminRule]?

  /// Creates a policy.
  public init(
    kind: AdminPolicyKind, metadata: ObjectMeta, tier: AdminTier = .admin, priority: Int? = nil,
    subject: AdminSubject, ingress: [AdminRule]? = nil, egress: [AdminRule]? = nil
  ) {
    self.kind = kind
    self.metadata = metadata
    self.tier = tier
    self.priority = priority
    self.subject = subject
    self.ingress = ingress
    self.egress = egress
  }

  /// The tier the policy is evaluated in.
  public var effectiveTier: AdminTier {
    switch kind {
    case .adminNetworkPolicy: return .admin
    case .baselineAdminNetworkPolicy: return .baseline
    case .clusterNetworkPolicy: return tier
    }
  }

  /// The rules of one direction (empty when omitted).
  public func rules(_ direction: PolicyType) -> [AdminRule] {
    (direction == .ingress ? ingress : egress) ?? []
  }
}
