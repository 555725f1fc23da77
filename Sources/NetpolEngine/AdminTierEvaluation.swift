import NetpolModel

/// The admin policies a dataplane enforces, sorted for evaluation: per tier by ascending
/// priority (lower first), then by name so that the result is stable where the API leaves the
/// order of equal priorities undefined.
struct AdminTiers: Sendable {
  /// Admin-tier policies (AdminNetworkPolicy, ClusterNetworkPolicy `tier: Admin`).
  var admin: [AdminPolicy]
  /// Baseline-tier policies (BaselineAdminNetworkPolicy, ClusterNetworkPolicy `tier: Baseline`).
  var baseline: [AdminPolicy]
  /// Admin policies the dataplane does not enforce, with why.
  var rejected: [(AdminPolicy, String)] = []

  /// The enforced admin policies among `policies`.
  init(policies: [PolicyResource], profile: DataplaneProfile) {
    var admin: [AdminPolicy] = []
    var baseline: [AdminPolicy] = []
    for case .admin(let policy) in policies {
      if let reason = profile.adminRejectionReason(policy) {
        rejected.append((policy, reason))
        continue
      }
      if policy.effectiveTier == .admin { admin.append(policy) } else { baseline.append(policy) }
    }
    func order(_ a: AdminPolicy, _ b: AdminPolicy) -> Bool {
      (a.priority ?? 0, a.metadata.name) < (b.priority ?? 0, b.metadata.name)
    }
    self.admin = admin.sorted(by: order)
    self.baseline = baseline.sorted(by: order)
  }

  /// Whether no admin policy is enforced.
  var isEmpty: Bool { admin.isEmpty && baseline.isEmpty }
}

/// The first rule of a tier that matched a flow.
struct TierMatch {
  var policy: AdminPolicy
  var index: Int
  var rule: AdminRule
  var peerPath: String
  var portPath: String?
}

extension PolicyEngine {
  /// One direction at `subject`, through the tiers of the policy API: the Admin tier, then the
  /// NetworkPolicy tier (which decides for every pod a NetworkPolicy selects in this
  /// direction), then the Baseline tier, then allow (kubernetes-sigs/network-policy-api,
  /// apis/v1alpha2/clusternetworkpolicy_types.go, `Tier`).
  func evaluateTiers(
    _ direction: PolicyType, subject: EndpointView, peer: EndpointView, flow: FlowShape,
    explain: Bool
  ) -> SideResult {
    var notes: [String] = []
    if explain {
      for (policy, reason) in adminTiers.rejected
      where !policy.rules(direction).isEmpty && adminSelects(policy.subject, subject) {
        notes.append("\(policy.metadata.name) is not applied: \(reason)")
      }
    }
    guard !adminTiers.isEmpty, subject.isPod else {
      var result = evaluateSide(
        direction, subject: subject, peer: peer, flow: flow, explain: explain)
      result.notes += notes
      return result
    }
    var steps: [String] = []
    if let match = firstMatch(
      adminTiers.admin, direction, subject: subject, peer: peer, flow: flow, notes: &notes)
    {
      steps.append(stepText(match, direction))
      if match.rule.action != .pass {
        return tierResult(match, direction, subject: subject, steps: steps, notes: notes)
      }
    } else if explain {
      steps.append("Admin tier: no rule matches")
    }
    var result = evaluateSide(direction, subject: subject, peer: peer, flow: flow, explain: explain)
    if result.explanation.isolated {
      steps.append(
        "NetworkPolicy tier: \(result.explanation.isolatedBy.joined(separator: ", ")) "
          + "selects the pod and decides; the Baseline tier is not consulted")
      result.explanation.tierSteps = steps
      result.notes += notes
      return result
    }
    if explain { steps.append("NetworkPolicy tier: no NetworkPolicy selects the pod") }
    if let match = firstMatch(
      adminTiers.baseline, direction, subject: subject, peer: peer, flow: flow, notes: &notes)
    {
      steps.append(stepText(match, direction))
      if match.rule.action != .pass {
        return tierResult(match, direction, subject: subject, steps: steps, notes: notes)
      }
    } else if explain {
      steps.append("Baseline tier: no rule matches: allowed by default")
    }
    result.explanation.tierSteps = steps
    result.notes += notes
    return result
  }

  /// The first rule, by priority then list order, of the policies selecting `subject` that
  /// matches the flow; notes a policy of the same priority that would match too.
  func firstMatch(
    _ policies: [AdminPolicy], _ direction: PolicyType, subject: EndpointView,
    peer: EndpointView, flow: FlowShape, notes: inout [String]
  ) -> TierMatch? {
    var found: TierMatch?
    for policy in policies where adminSelects(policy.subject, subject) {
      if let found, (found.policy.priority ?? 0) != (policy.priority ?? 0) { break }
      guard let match = ruleMatch(policy, direction, subject: subject, peer: peer, flow: flow)
      else { continue }
      guard let first = found else {
        found = match
        continue
      }
      if match.rule.action != first.rule.action {
        notes.append(
          "\(first.policy.metadata.name) and \(policy.metadata.name) have the same priority "
            + "\(policy.priority ?? 0) and both match with different actions: the API leaves "
            + "their order undefined; netpol applies \(first.policy.metadata.name) (by name)")
      }
    }
    return found
  }

  /// The first rule of `policy` in `direction` matching the flow.
  func ruleMatch(
    _ policy: AdminPolicy, _ direction: PolicyType, subject: EndpointView, peer: EndpointView,
    flow: FlowShape
  ) -> TierMatch? {
    let key = direction == .ingress ? "ingress" : "egress"
    let peersKey = direction == .ingress ? "from" : "to"
    let portsKey = policy.kind.isV1Alpha2 ? "protocols" : "ports"
    let destination = direction == .ingress ? subject : peer
    for (index, rule) in policy.rules(direction).enumerated() {
      guard let peerIndex = rule.peers.firstIndex(where: { adminPeerMatches($0, peer) }) else {
        continue
      }
      var portPath: String?
      if let ports = rule.ports {
        guard
          let portIndex = ports.firstIndex(where: {
            adminPortMatches($0, flow: flow, destination: destination)
          })
        else { continue }
        portPath = "spec.\(key)[\(index)].\(portsKey)[\(portIndex)]"
      }
      return TierMatch(
        policy: policy, index: index, rule: rule,
        peerPath: "spec.\(key)[\(index)].\(peersKey)[\(peerIndex)]", portPath: portPath)
    }
    return nil
  }

  private func stepText(_ match: TierMatch, _ direction: PolicyType) -> String {
    let tier = match.policy.effectiveTier.rawValue
    let priority = match.policy.priority.map { " (priority \($0))" } ?? ""
    let name = match.rule.name.map { " \"\($0)\"" } ?? ""
    let word = match.rule.action.word(in: match.policy.kind)
    var text =
      "\(tier) tier: \(match.policy.metadata.name)\(priority) \(match.peerPath)\(name): \(word)"
    if match.rule.action == .pass {
      text += tier == "Admin" ? ", on to the NetworkPolicy tier" : ", on to the default (allow)"
    }
    return text
  }

  private func tierResult(
    _ match: TierMatch, _ direction: PolicyType, subject: EndpointView, steps: [String],
    notes: [String]
  ) -> SideResult {
    let hit = RuleHit(
      policy: match.policy.metadata.name, kind: match.policy.kind.rawValue,
      path: match.peerPath, portPath: match.portPath)
    let allowed = match.rule.action == .allow
    var side = SideExplanation(
      direction: direction, endpoint: subject.id, isolated: false, isolatedBy: [],
      selectedBy: [match.policy.metadata.name], verdict: allowed ? .allow : .deny,
      decision: allowed ? .allowedByRule : .deniedByRule, allowedBy: allowed ? [hit] : [],
      deniedBy: allowed ? [] : [hit], nearestMisses: [], http: nil, matchType: "none")
    side.tierSteps = steps
    side.tier = match.policy.effectiveTier.rawValue
    return SideResult(explanation: side, dnsRules: [], plainAllow: allowed, notes: notes)
  }
}

extension AdminTiers {
  /// Every `networks` prefix of the enforced policies: pods inside and outside one differ.
  var networkBlocks: [IPPrefix] {
    var result: [IPPrefix] = []
    for policy in admin + baseline {
      for rule in policy.rules(.egress) {
        for case .networks(let list) in rule.peers {
          for text in list {
            if let prefix = IPPrefix(text), !result.contains(prefix) { result.append(prefix) }
          }
        }
      }
    }
    return result
  }
}

extension PolicyEngine {
  /// Per-class allowed sets when admin policies are enforced: every class pair is walked
  /// through the tiers, with the same evaluation as `explain`.
  func adminClassVerdicts(_ shape: FlowShape) -> ClassVerdicts {
    let count = classes.count
    let views = classes.views.map { view in view.pod.map { endpointView(.pod($0)) } ?? view }
    var egress: [Bitset] = []
    var ingress: [Bitset] = []
    for subject in 0..<count {
      var out = Bitset(count: count)
      var into = Bitset(count: count)
      for peer in 0..<count {
        let sent = evaluateTiers(
          .egress, subject: views[subject], peer: views[peer], flow: shape, explain: false)
        if sent.explanation.verdict == .allow { out.insert(peer) }
        let received = evaluateTiers(
          .ingress, subject: views[subject], peer: views[peer], flow: shape, explain: false)
        if received.explanation.verdict == .allow { into.insert(peer) }
      }
      egress.append(out)
      ingress.append(into)
    }
    return ClassVerdicts(egress: egress, ingress: ingress)
  }
}
