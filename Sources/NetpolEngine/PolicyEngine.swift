import Foundation
import NetpolModel

/// A rule of a compiled policy, by position.
struct RuleRef: Sendable, Hashable {
  /// Index into `PolicyEngine.compiled`.
  var policy: Int
  /// Index into that policy's rules.
  var rule: Int
}

/// Decides, shows and explains verdicts for flows between the endpoints of an inventory under a
/// set of policies, following one dataplane's semantics (see How a verdict is computed in
/// docs/semantics.md). Pure: no I/O.
public struct PolicyEngine: Sendable {
  /// The cluster.
  public let inventory: Inventory
  /// The policies as given.
  public let policies: [PolicyResource]
  /// The dataplane whose semantics apply.
  public let dataplane: Dataplane
  /// That dataplane's knobs.
  public let profile: DataplaneProfile
  /// Modelling options.
  public let options: EngineOptions
  /// Policies the dataplane does not apply, with why.
  public let rejections: [PolicyRejection]

  /// Enforced policies, compiled.
  let compiled: [CompiledPolicy]
  /// Rules of namespaced policies by namespace.
  let rulesByNamespace: [String: [RuleRef]]
  /// Rules of clusterwide policies.
  let clusterwideRules: [RuleRef]
  /// Rules of policies that are not applied, for notes.
  let rejectedCompiled: [(CompiledPolicy, String)]
  /// Peer/port matching.
  let matcher: RuleMatcher
  /// Pods by `ns/name`.
  let podsByID: [String: Pod]
  /// Pods by IP.
  let podsByIP: [String: Pod]
  /// Pods sorted by `ns/name`.
  let sortedPods: [Pod]
  /// The pod DNS lookups go to (label `k8s-app=kube-dns`).
  let dnsServer: Pod?
  /// `sortedPods` grouped into classes no rule can tell apart.
  let classes: PodClasses
  /// The enforced admin policies, per tier, in evaluation order.
  let adminTiers: AdminTiers

  /// Creates an engine. `dataplane` nil = `cilium` if any Cilium object is loaded, else
  /// `kubernetes`.
  public init(
    inventory: Inventory, policies: [PolicyResource], dataplane: Dataplane? = nil,
    options: EngineOptions = .init()
  ) {
    self.inventory = inventory
    self.policies = policies
    self.options = options
    let chosen =
      dataplane
      ?? (policies.contains { if case .cilium = $0 { return true } else { return false } }
        ? .cilium : .kubernetes)
    self.dataplane = chosen
    let profile = DataplaneProfile(chosen, options: options)
    self.profile = profile
    var compiled: [CompiledPolicy] = []
    var rejections: [PolicyRejection] = []
    var rejectedCompiled: [(CompiledPolicy, String)] = []
    for resource in policies {
      let policy = PolicyCompiler.compile(resource, profile: profile)
      if let reason = profile.rejectionReason(for: resource) {
        rejections.append(PolicyRejection(policy: resource.qualifiedName, reason: reason))
        rejectedCompiled.append((policy, reason))
      } else {
        compiled.append(policy)
      }
    }
    self.compiled = compiled
    self.rejections = rejections
    self.rejectedCompiled = rejectedCompiled
    adminTiers = AdminTiers(policies: policies, profile: profile)
    var byNamespace: [String: [RuleRef]] = [:]
    var clusterwide: [RuleRef] = []
    for (policyIndex, policy) in compiled.enumerated() {
      for ruleIndex in policy.rules.indices {
        let ref = RuleRef(policy: policyIndex, rule: ruleIndex)
        if let namespace = policy.namespace {
          byNamespace[namespace, default: []].append(ref)
        } else {
          clusterwide.append(ref)
        }
      }
    }
    rulesByNamespace = byNamespace
    clusterwideRules = clusterwide
    var namespaceLabels: [String: [String: String]] = [:]
    for namespace in inventory.namespaces { namespaceLabels[namespace.name] = namespace.labels }
    matcher = RuleMatcher(profile: profile, namespaceLabels: namespaceLabels)
    var byID: [String: Pod] = [:]
    var byIP: [String: Pod] = [:]
    for pod in inventory.pods {
      if byID[pod.id] == nil { byID[pod.id] = pod }
      if let ip = pod.ip, byIP[ip] == nil { byIP[ip] = pod }
    }
    podsByID = byID
    podsByIP = byIP
    let sorted = Array(byID.values).sorted { $0.id < $1.id }
    sortedPods = sorted
    dnsServer = sorted.first { $0.labels["k8s-app"] == "kube-dns" }
    classes = PodClasses(
      pods: sorted, compiled: compiled, profile: profile, matcher: matcher,
      extraBlocks: adminTiers.networkBlocks)
  }

  /// The endpoint `text` names: `ns/pod`, an IP address (a pod's IP is that pod, any other is
  /// `world`), or a name from the inventory's `external` list.
  public func resolve(_ text: String) throws(EngineError) -> Endpoint {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { throw .emptyEndpoint }
    if !trimmed.contains("/"), IPPrefix(trimmed) != nil {
      if let pod = podsByIP[trimmed] { return .pod(pod) }
      return .address(trimmed)
    }
    if let external = inventory.external(named: trimmed) { return .external(external) }
    if trimmed.contains("/") {
      if let pod = podsByID[trimmed] { return .pod(pod) }
      throw .unknownPod(trimmed)
    }
    throw .unknownName(trimmed)
  }

  /// The verdict for one flow.
  public func verdict(_ flow: Flow) -> Verdict {
    evaluate(flow, explain: false).verdict
  }

  /// The verdict for one flow with every step that led to it.
  public func explain(_ flow: Flow) -> Explanation {
    evaluate(flow, explain: true)
  }

  /// Distinct container ports of the inventory's pods, sorted by protocol then port.
  public func defaultPorts() -> [(FlowProtocol, Int)] {
    var seen = Set<String>()
    var result: [(FlowProtocol, Int)] = []
    for pod in inventory.pods {
      for port in pod.ports {
        let proto = FlowProtocol(rawValue: port.protocol.rawValue) ?? .tcp
        if seen.insert("\(proto.rawValue)/\(port.port)").inserted {
          result.append((proto, port.port))
        }
      }
    }
    let order: [FlowProtocol: Int] = [.tcp: 0, .udp: 1, .sctp: 2, .icmp: 3]
    return result.sorted { (order[$0.0] ?? 0, $0.1) < (order[$1.0] ?? 0, $1.1) }
  }

  /// Whether the pod is isolated for ingress and egress, and by which policies.
  public func isolation(of pod: Pod) -> Isolation {
    let view = self.view(of: pod)
    var result = Isolation(ingress: false, egress: false, ingressPolicies: [], egressPolicies: [])
    for ref in applicableRules(view) {
      let policy = compiled[ref.policy]
      let rule = policy.rules[ref.rule]
      if rule.isolatesIngress {
        result.ingress = true
        if !result.ingressPolicies.contains(policy.name) {
          result.ingressPolicies.append(policy.name)
        }
      }
      if rule.isolatesEgress {
        result.egress = true
        if !result.egressPolicies.contains(policy.name) {
          result.egressPolicies.append(policy.name)
        }
      }
    }
    return result
  }

  // MARK: Internals shared by the evaluators

  /// The matching view of a pod.
  func view(of pod: Pod) -> EndpointView {
    EndpointView(pod: pod, namespaceLabels: matcher.namespaceLabels[pod.namespace] ?? [:])
  }

  /// Enforced rules whose subject selects the endpoint.
  func applicableRules(_ view: EndpointView) -> [RuleRef] {
    guard let pod = view.pod else { return [] }
    var result: [RuleRef] = []
    for ref in rulesByNamespace[pod.namespace] ?? []
    where matcher.selects(compiled[ref.policy].rules[ref.rule].subject, view) {
      result.append(ref)
    }
    for ref in clusterwideRules
    where matcher.selects(compiled[ref.policy].rules[ref.rule].subject, view) {
      result.append(ref)
    }
    return result
  }
}

/// Whether a pod is isolated (default-deny) per direction, and by which policies.
public struct Isolation: Sendable, Hashable {
  /// Ingress is isolated.
  public var ingress: Bool
  /// Egress is isolated.
  public var egress: Bool
  /// Policies isolating ingress (`ns/name`).
  public var ingressPolicies: [String]
  /// Policies isolating egress.
  public var egressPolicies: [String]

  /// Creates an isolation summary.
  public init(ingress: Bool, egress: Bool, ingressPolicies: [String], egressPolicies: [String]) {
    self.ingress = ingress
    self.egress = egress
    self.ingressPolicies = ingressPolicies
    self.egressPolicies = egressPolicies
  }
}
