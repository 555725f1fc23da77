import NetpolModel

/// One rule of a loaded policy, uniformly for both kinds: a NetworkPolicy has one (`spec`), a
/// Cilium object one per `spec` / `specs[i]`.
struct LintSubject: Sendable {
  /// The policy the rule belongs to.
  var policy: LoadedPolicy
  /// `spec` or `specs[i]`.
  var path: String
  /// The policy's namespace; `nil` for the clusterwide kind.
  var namespace: String?
  /// The subject selector with Cilium key prefixes removed; `nil` = selects nothing (a Cilium
  /// host rule with `nodeSelector`).
  var selector: LabelSelector?
  /// Whether selecting a pod isolates its egress.
  var isolatesEgress: Bool
  /// Whether selecting a pod isolates its ingress.
  var isolatesIngress: Bool
  /// The NetworkPolicy, for NetworkPolicy subjects.
  var networkPolicy: NetworkPolicy?
  /// The Cilium rule, for Cilium subjects.
  var ciliumRule: CiliumRule?
}

/// What lint looks at: the loaded policies (with field locations), the inventory when one was
/// given, and the dataplane whose support and semantics apply.
public struct LintContext: Sendable {
  /// The policies, in input order.
  public var policies: [LoadedPolicy]
  /// The cluster, when one was given (`--cluster`); rules that need pods stay silent without it.
  public var inventory: Inventory?
  /// The dataplane checked against.
  public var dataplane: Dataplane
  /// Whether the dataplane was chosen explicitly (support findings are only reported then,
  /// except for Cilium-version-dependent ones).
  public var dataplaneGiven: Bool
  /// Modelling options (the Cilium version).
  public var options: EngineOptions
  /// The dataplane's profile.
  public var profile: DataplaneProfile

  /// Creates a context. `dataplane` nil = `cilium` if any Cilium object is loaded, else
  /// `kubernetes` (as the engine chooses).
  public init(
    policies: [LoadedPolicy], inventory: Inventory? = nil, dataplane: Dataplane? = nil,
    options: EngineOptions = .init()
  ) {
    self.policies = policies
    self.inventory = inventory
    self.options = options
    dataplaneGiven = dataplane != nil
    let chosen =
      dataplane
      ?? (policies.contains { if case .cilium = $0.resource { return true } else { return false } }
        ? .cilium : .kubernetes)
    self.dataplane = chosen
    profile = DataplaneProfile(chosen, options: options)
  }

  /// An engine over the inventory and every policy, on the chosen dataplane.
  func engine() -> PolicyEngine {
    PolicyEngine(
      inventory: inventory ?? Inventory(), policies: policies.map(\.resource),
      dataplane: dataplane, options: options)
  }

  /// Whether the dataplane applies the policy at all.
  func isEnforced(_ policy: LoadedPolicy) -> Bool {
    profile.rejectionReason(for: policy.resource) == nil
  }

  /// Every rule of every policy, as subjects.
  var subjects: [LintSubject] {
    policies.flatMap(Self.subjects(of:))
  }

  /// The rules of one policy as subjects.
  static func subjects(of policy: LoadedPolicy) -> [LintSubject] {
    switch policy.resource {
    case .networkPolicy(let networkPolicy):
      let types = networkPolicy.spec.effectivePolicyTypes
      return [
        LintSubject(
          policy: policy, path: "spec", namespace: networkPolicy.metadata.namespace ?? "default",
          selector: networkPolicy.spec.podSelector, isolatesEgress: types.contains(.egress),
          isolatesIngress: types.contains(.ingress), networkPolicy: networkPolicy,
          ciliumRule: nil)
      ]
    case .cilium(let cilium):
      let namespace =
        cilium.kind == .clusterwideNetworkPolicy ? nil : (cilium.metadata.namespace ?? "default")
      return cilium.rules.map { path, rule in
        LintSubject(
          policy: policy, path: path, namespace: namespace,
          selector: rule.endpointSelector.map(IdentityLabels.normalize),
          isolatesEgress: rule.defaultDenyEgress, isolatesIngress: rule.defaultDenyIngress,
          networkPolicy: nil, ciliumRule: rule)
      }
    case .admin:
      // admin policies allow or deny on their own; the admin lint rules read them directly
      return []
    }
  }

  // MARK: Pods

  /// The labels of a namespace of the inventory.
  func namespaceLabels(_ name: String) -> [String: String] {
    inventory?.namespace(named: name)?.labels ?? Namespace(name: name).labels
  }

  /// Cilium identity labels of a pod.
  func identity(_ pod: Pod) -> [String: String] {
    IdentityLabels.forPod(pod, namespaceLabels: namespaceLabels(pod.namespace))
  }

  /// The inventory's pods a subject selects (empty without an inventory).
  func pods(selectedBy subject: LintSubject) -> [Pod] {
    guard let inventory, let selector = subject.selector else { return [] }
    return inventory.pods.filter { pod in
      if let namespace = subject.namespace, pod.namespace != namespace { return false }
      if subject.ciliumRule != nil {
        var scoped = selector
        scoped.matchLabels[IdentityLabels.namespaceKey] = nil
        return scoped.matches(identity(pod))
      }
      return selector.matches(pod.labels)
    }
  }

  /// The inventory's pods a NetworkPolicy selector peer admits.
  func pods(
    podSelector: LabelSelector?, namespaceSelector: LabelSelector?, policyNamespace: String
  ) -> [Pod] {
    guard let inventory, podSelector != nil || namespaceSelector != nil else { return [] }
    return inventory.pods.filter { pod in
      if let namespaceSelector {
        guard namespaceSelector.matches(namespaceLabels(pod.namespace)) else { return false }
      } else if pod.namespace != policyNamespace {
        return false
      }
      return podSelector?.matches(pod.labels) ?? true
    }
  }

  /// The inventory's pods a Cilium `from/toEndpoints` selector admits (see Cilium selectors and
  /// namespaces in docs/semantics.md).
  func pods(endpoints selector: LabelSelector, policyNamespace: String?) -> [Pod] {
    guard let inventory else { return [] }
    let normalized = IdentityLabels.normalize(selector)
    let scope = IdentityLabels.scope(of: normalized, policyNamespace: policyNamespace)
    return inventory.pods.filter { pod in
      if case .namespace(let namespace) = scope, pod.namespace != namespace { return false }
      return normalized.matches(identity(pod))
    }
  }

  /// Pods that hold a container port of this name (case-insensitive for Cilium).
  static func pods(_ pods: [Pod], withPortNamed name: String) -> [Pod] {
    pods.filter { pod in pod.ports.contains { $0.name?.lowercased() == name.lowercased() } }
  }

  /// The cluster DNS pod of the inventory (`k8s-app=kube-dns`), if any.
  var dnsPod: Pod? {
    inventory?.pods.sorted { $0.id < $1.id }.first { $0.labels["k8s-app"] == "kube-dns" }
  }

  /// Whether `other` is the rule `subject` itself or applies to every pod it selects (see
  /// `covers`): the rules whose allows count for `subject`.
  static func isSameOrCovers(_ other: LintSubject, _ subject: LintSubject) -> Bool {
    (other.policy == subject.policy && other.path == subject.path) || covers(other, subject)
  }

  /// Whether the rule `other` applies to every pod `subject` selects, judged from the
  /// selectors alone: same namespace (or clusterwide), and every part of `other`'s selector is
  /// also part of `subject`'s.
  static func covers(_ other: LintSubject, _ subject: LintSubject) -> Bool {
    if let namespace = other.namespace, namespace != subject.namespace { return false }
    guard var wider = other.selector.map(IdentityLabels.normalize),
      var narrower = subject.selector.map(IdentityLabels.normalize)
    else { return false }
    if let namespace = subject.namespace {
      if wider.matchLabels[IdentityLabels.namespaceKey] == namespace {
        wider.matchLabels[IdentityLabels.namespaceKey] = nil
      }
      if narrower.matchLabels[IdentityLabels.namespaceKey] == namespace {
        narrower.matchLabels[IdentityLabels.namespaceKey] = nil
      }
    }
    for (key, value) in wider.matchLabels where narrower.matchLabels[key] != value { return false }
    return wider.matchExpressions.allSatisfy { narrower.matchExpressions.contains($0) }
  }
}

/// Short forms used in finding texts.
enum LintText {
  /// `a, b, c` or `a, b, c and 4 more`.
  static func list(_ items: [String], limit: Int = 3) -> String {
    let shown = items.prefix(limit).joined(separator: ", ")
    return items.count > limit ? "\(shown) and \(items.count - limit) more" : shown
  }

  /// A selector in kubectl syntax (`{}` when empty).
  static func selector(_ selector: LabelSelector) -> String {
    SelectorText.describe(selector)
  }
}
