import NetpolModel

/// The transport part of a flow as the side evaluation sees it.
struct FlowShape: Sendable {
  /// Protocol.
  var proto: FlowProtocol
  /// Destination port (nil for ICMP).
  var port: Int?
  /// ICMP type.
  var icmpType: Int?
  /// HTTP method, for L7.
  var httpMethod: String?
  /// HTTP path, for L7.
  var httpPath: String?
}

/// A side's result plus what the lookup step needs (matched ports with their L7 rules).
struct SideResult: Sendable {
  /// The public part.
  var explanation: SideExplanation
  /// `rules.dns` selectors on matched allow ports, with `ns/name path`.
  var dnsRules: [(String, [FQDNSelector])]
  /// Whether a matched allow entry carried no DNS rules (plain L4 DNS allow).
  var plainAllow: Bool
  /// Notes on dataplane-dependent matches.
  var notes: [String]
}

extension PolicyEngine {
  /// Evaluates one direction at `subject` for traffic with `peer` (see How a verdict is computed in
  /// docs/semantics.md).
  func evaluateSide(
    _ direction: PolicyType, subject: EndpointView, peer: EndpointView, flow: FlowShape,
    explain: Bool
  ) -> SideResult {
    let refs = applicableRules(subject)
    var isolatedBy: [String] = []
    var selectedBy: [String] = []
    var allows: [RuleHit] = []
    var denies: [RuleHit] = []
    var misses: [(rank: Int, text: String)] = []
    var notes: [String] = []
    var l7Ports: [(String, CompiledPort)] = []
    var plainAllow = false
    var matchType = "none"
    let destinationPorts = direction == .ingress ? subject.containerPorts : peer.containerPorts
    let destinationID = direction == .ingress ? subject.id : peer.id
    for ref in refs {
      let policy = compiled[ref.policy]
      let rule = policy.rules[ref.rule]
      if rule.isolates(direction) && !isolatedBy.contains(policy.name) {
        isolatedBy.append(policy.name)
      }
      let entries = rule.entries(direction)
      if (!entries.isEmpty || rule.isolates(direction)) && !selectedBy.contains(policy.name) {
        selectedBy.append(policy.name)
      }
      for entry in entries {
        let check = checkEntry(
          entry, peer: peer, flow: flow, destinationPorts: destinationPorts,
          destinationID: destinationID, explain: explain)
        if explain, let note = ipBlockNote(entry, peer: peer, policy: policy.name) {
          notes.append(note)
        }
        if check.matched {
          let hit = RuleHit(
            policy: policy.name, kind: policy.kind, path: check.peerPath ?? entry.path,
            portPath: check.portPath)
          if entry.isDeny {
            denies.append(hit)
          } else {
            if allows.isEmpty { matchType = Self.matchType(entry) }
            allows.append(hit)
            if check.matchedPorts.isEmpty { plainAllow = true }
            for port in check.matchedPorts {
              if port.l7 == nil { plainAllow = true } else { l7Ports.append((policy.name, port)) }
            }
          }
        } else if explain && !entry.isDeny {
          for miss in check.misses {
            misses.append((miss.rank, "\(policy.name) \(miss.path) \(miss.text)"))
          }
        }
      }
    }
    let isolated = !isolatedBy.isEmpty
    let verdict: Verdict
    let decision: SideDecision
    if !denies.isEmpty {
      verdict = .deny
      decision = .deniedByRule
      matchType = denies.isEmpty ? "none" : matchType
    } else if !allows.isEmpty {
      verdict = .allow
      decision = .allowedByRule
    } else if isolated {
      verdict = .deny
      decision = .noRuleAllows
    } else {
      verdict = .allow
      decision = .notIsolated
    }
    var http: HTTPDecision?
    if verdict == .allow, flow.httpMethod != nil, profile.enforcesL7, !allows.isEmpty {
      http = httpDecision(flow: flow, ports: l7Ports, plainAllow: plainAllow)
    }
    var dnsRules: [(String, [FQDNSelector])] = []
    for (policyName, port) in l7Ports {
      if let dns = port.l7?.dns, !dns.isEmpty {
        dnsRules.append(("\(policyName) \(port.path)", dns))
      }
    }
    let plainDNS = plainAllow || l7Ports.contains { ($0.1.l7?.dns ?? []).isEmpty }
    let nearest =
      decision == .noRuleAllows
      ? Array(
        misses.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
          .prefix(5).map(\.element.text)) : []
    let side = SideExplanation(
      direction: direction, endpoint: subject.id, isolated: isolated, isolatedBy: isolatedBy,
      selectedBy: selectedBy, verdict: verdict, decision: decision, allowedBy: allows,
      deniedBy: denies, nearestMisses: nearest, http: http,
      matchType: decision == .noRuleAllows ? "none" : matchType)
    return SideResult(explanation: side, dnsRules: dnsRules, plainAllow: plainDNS, notes: notes)
  }

  /// Hubble's `policy_match_type` for an entry: L3-L4, L3-Only, L4-Only or all.
  static func matchType(_ entry: CompiledEntry) -> String {
    switch (entry.peers, entry.ports) {
    case (.all, .all): return "all"
    case (.all, .some): return "L4-Only"
    case (.some, .all): return "L3-Only"
    case (.some, .some): return "L3-L4"
    }
  }

  /// A note when an ipBlock/CIDR covers a pod's IP (the verdict then depends on the dataplane).
  func ipBlockNote(_ entry: CompiledEntry, peer: EndpointView, policy: String) -> String? {
    guard peer.isPod, let address = peer.address, case .some(let peers) = entry.peers else {
      return nil
    }
    for case .ipBlock(let path, let cidr, let except, let text) in peers {
      guard let cidr, cidr.contains(address), !except.contains(where: { $0.contains(address) })
      else { continue }
      return
        "\(policy) \(path) (\(text)) contains the IP of pod \(peer.id): it matches on kubernetes, calico and azure-npm but never on Cilium dataplanes; this verdict depends on the dataplane (see Feature support by dataplane in docs/semantics.md)"
    }
    return nil
  }

  /// The L7 HTTP decision (see Cilium L7 rules in docs/semantics.md): a plain L4 allow makes L7
  /// moot; otherwise the request must match one HTTP rule, else the proxy answers 403.
  func httpDecision(flow: FlowShape, ports: [(String, CompiledPort)], plainAllow: Bool)
    -> HTTPDecision?
  {
    let httpPorts = ports.filter { !($0.1.l7?.http ?? []).isEmpty }
    if httpPorts.isEmpty { return nil }
    let names = httpPorts.map { "\($0.0) \($0.1.path).rules.http" }
    if plainAllow {
      return HTTPDecision(
        verdict: .allow, rules: names,
        detail:
          "a plain L4 allow for the same port makes the HTTP rules ineffective (see Cilium L7 rules in docs/semantics.md)"
      )
    }
    let method = flow.httpMethod ?? "GET"
    let path = flow.httpPath ?? "/"
    for (policyName, port) in httpPorts {
      for (index, rule) in (port.l7?.http ?? []).enumerated()
      where HTTPMatcher.matches(rule, method: method, path: path) {
        return HTTPDecision(
          verdict: .allow, rules: ["\(policyName) \(port.path).rules.http[\(index)]"],
          detail: "\(method) \(path) matches \(HTTPMatcher.describe(rule))")
      }
    }
    let wanted = httpPorts.flatMap { ($0.1.l7?.http ?? []).map(HTTPMatcher.describe) }
    return HTTPDecision(
      verdict: .deny, rules: names,
      detail:
        "\(method) \(path) matches none of \(wanted.joined(separator: "; ")): the connection is allowed but the proxy answers 403 Forbidden (see Cilium L7 rules in docs/semantics.md)"
    )
  }
}
