import NetpolModel

extension PolicyEngine {
  /// The matching view of any flow endpoint; `names` are the FQDN cache entries for a non-pod.
  func endpointView(_ endpoint: Endpoint, names: [String] = []) -> EndpointView {
    switch endpoint {
    case .pod(let pod) where pod.hostNetwork:
      // seen as its node: no policy selects it, and peers match it by the node's address
      return EndpointView(id: pod.id, address: inventory.address(of: pod), names: [])
    case .pod(let pod): return view(of: pod)
    case .external(let external):
      return EndpointView(id: external.name, address: endpoint.address, names: names)
    case .address(let address):
      return EndpointView(id: address, address: address, names: names)
    }
  }

  /// Names of the inventory's FQDN entries that own `address` (the warm-cache model).
  func warmNames(for address: String?) -> [String] {
    guard let address else { return [] }
    return inventory.external.filter { $0.isFQDN && $0.ips.contains(address) }.map {
      $0.name.lowercased()
    }
  }

  /// Evaluates a flow: the lookup step for names, then egress at the source and ingress at the
  /// destination (see How a verdict is computed and Modelling choices in docs/semantics.md).
  func evaluate(_ flow: Flow, explain: Bool) -> Explanation {
    let shape = FlowShape(
      proto: flow.protocol, port: flow.protocol == .icmp ? nil : flow.port,
      icmpType: flow.icmpType, httpMethod: flow.httpMethod, httpPath: flow.httpPath)
    let sourceView = endpointView(flow.source)
    var notes: [String] = []
    var names: [String] = []
    var lookup: LookupStep?
    var lookupSides: [SideResult] = []
    if case .external(let external) = flow.destination, external.isFQDN, sourceView.isPod {
      let result = lookupStep(name: external, source: sourceView, explain: explain)
      lookup = result.step
      lookupSides = result.sides
      names = result.learned ? [external.name.lowercased()] : []
    }
    if options.warmFQDNCache && !flow.destination.isPodEndpoint {
      for name in warmNames(for: flow.destination.address) where !names.contains(name) {
        names.append(name)
      }
    }
    let destinationView = endpointView(flow.destination, names: names)
    var egress: SideResult?
    var ingress: SideResult?
    let lookupFailed = lookup?.outcome == .blocked || lookup?.outcome == .refused
    if !lookupFailed {
      if sourceView.isPod {
        egress = evaluateTiers(
          .egress, subject: sourceView, peer: destinationView, flow: shape, explain: explain)
      }
      if destinationView.isPod {
        ingress = evaluateTiers(
          .ingress, subject: destinationView, peer: sourceView, flow: shape, explain: explain)
      }
    }
    var verdict = Verdict.allow
    var reason: String?
    if let lookup, lookupFailed {
      verdict = .deny
      reason = lookup.outcome == .blocked ? "dns-lookup-blocked" : "dns-refused"
    } else if let side = egress?.explanation, side.verdict == .deny {
      verdict = .deny
      reason = side.decision == .deniedByRule ? "egress-denylist" : "egress-denied"
    } else if let side = ingress?.explanation, side.verdict == .deny {
      verdict = .deny
      reason = side.decision == .deniedByRule ? "ingress-denylist" : "ingress-denied"
    } else if egress?.explanation.http?.verdict == .deny
      || ingress?.explanation.http?.verdict == .deny
    {
      verdict = .deny
      reason = "http-403"
    }
    if explain {
      notes = flowNotes(
        flow, source: sourceView, destination: destinationView,
        sides: lookupSides + [egress, ingress].compactMap { $0 },
        lookupBlocked: lookup?.outcome == .blocked)
    }
    return Explanation(
      flow: flow, dataplane: dataplane, verdict: verdict, reason: reason,
      egress: egress?.explanation, ingress: ingress?.explanation, lookup: lookup,
      address: flow.destination.isPodEndpoint ? nil : flow.destination.address,
      fqdnCache: names, selfTraffic: flow.source.id == flow.destination.id, notes: notes)
  }

  /// The DNS lookup of `name` by `source` through kube-dns (see Names and the FQDN cache and DNS
  /// rules and toFQDNs in docs/semantics.md).
  func lookupStep(name external: ExternalEndpoint, source: EndpointView, explain: Bool)
    -> (step: LookupStep, sides: [SideResult], learned: Bool)
  {
    let name = external.name
    let address = Endpoint.external(external).address
    guard let server = dnsServer else {
      let step = LookupStep(
        name: name, server: nil, outcome: .notModelled, address: address, egress: nil,
        ingress: nil, dnsRules: [],
        detail:
          "the inventory has no pod labelled k8s-app=kube-dns, so the lookup is not modelled: it is assumed to succeed and the name to be in the FQDN cache"
      )
      return (step, [], true)
    }
    let serverView = view(of: server)
    let shape = FlowShape(proto: .udp, port: 53, icmpType: nil, httpMethod: nil, httpPath: nil)
    let egress = evaluateTiers(
      .egress, subject: source, peer: serverView, flow: shape, explain: explain)
    let ingress = evaluateTiers(
      .ingress, subject: serverView, peer: source, flow: shape, explain: explain)
    let ruleNames = egress.dnsRules.map(\.0)
    var outcome: LookupOutcome
    var detail: String
    var learned = false
    if egress.explanation.verdict == .deny || ingress.explanation.verdict == .deny {
      outcome = .blocked
      let side =
        egress.explanation.verdict == .deny
        ? "the egress of \(source.id)" : "the ingress of \(server.id)"
      detail =
        "the DNS query (UDP 53 to \(server.id)) is dropped at \(side), so \(name) never resolves (DNS dependency, see DNS rules and toFQDNs in docs/semantics.md)"
    } else if !profile.enforcesFQDN {
      outcome = .resolved
      detail = "the DNS query to \(server.id) is allowed and \(name) resolves"
    } else if egress.dnsRules.isEmpty {
      outcome = .notProxied
      detail =
        "DNS to \(server.id) is allowed by a rule without rules.dns, so the DNS proxy never sees the answer and toFQDNs learns nothing (see DNS rules and toFQDNs in docs/semantics.md)"
    } else if egress.plainAllow {
      // Cilium merges every rule selecting the pod; an allow without L7 rules on the same port
      // and peer adds a wildcard DNS rule (Cilium docs, Layer 7 policies: "the layer 7 portions
      // of the latter rule will have no effect"), so the proxy answers every name.
      outcome = .learned
      learned = true
      detail =
        "a rule without rules.dns also allows DNS to \(server.id); Cilium merges it as a wildcard DNS rule, so the DNS proxy answers every name and \(name) → \(address ?? "?") enters the FQDN cache (see Cilium L7 rules in docs/semantics.md)"
    } else {
      let patterns = egress.dnsRules.flatMap(\.1).map {
        FQDNPattern($0, doubleStarSpansLabels: profile.doubleStarSpansLabels)
      }
      if let hit = patterns.first(where: { $0.matches(name) }) {
        outcome = .learned
        learned = true
        detail =
          "the DNS proxy answers (rules.dns \(hit.written) matches \(name)) and \(name) → \(address ?? "?") enters the FQDN cache"
      } else {
        outcome = .refused
        detail =
          "the DNS proxy answers REFUSED: no rules.dns pattern (\(patterns.map(\.written).joined(separator: ", "))) matches \(name) (see Cilium L7 rules and DNS rules and toFQDNs in docs/semantics.md)"
      }
    }
    let step = LookupStep(
      name: name, server: server.id, outcome: outcome, address: address,
      egress: egress.explanation, ingress: ingress.explanation, dnsRules: ruleNames, detail: detail)
    return (step, [egress, ingress], learned)
  }

  /// Notes on what the verdict depends on: dataplane, rejected policies, modelling choices.
  func flowNotes(
    _ flow: Flow, source: EndpointView, destination: EndpointView, sides: [SideResult],
    lookupBlocked: Bool
  ) -> [String] {
    var notes: [String] = []
    func add(_ note: String) { if !notes.contains(note) { notes.append(note) } }
    if flow.source.id == flow.destination.id {
      add(
        "self traffic (a pod to itself) is implementation-defined (kubernetes/kubernetes#95879); do not rely on this verdict"
      )
    }
    for (policy, reason) in rejectedCompiled {
      let selects = policy.rules.contains { rule in
        [source, destination].contains { matcher.selects(rule.subject, $0) }
      }
      if selects { add("\(policy.name) is not applied: \(reason)") }
    }
    for side in sides { side.notes.forEach(add) }
    for side in sides.map(\.explanation)
    where side.direction == .egress && side.decision == .noRuleAllows {
      for name in side.isolatedBy {
        guard let policy = compiled.first(where: { $0.name == name }), policy.policyTypesDefaulted
        else { continue }
        add(
          "\(name) isolates egress only because policyTypes was omitted and egress rules exist, so it defaults to Ingress+Egress (see Isolation and combination in docs/semantics.md)"
        )
      }
      let toDNS = destination.pod != nil && destination.pod?.id == dnsServer?.id && flow.port == 53
      if toDNS || lookupBlocked {
        add(
          "\(side.endpoint) cannot reach kube-dns on port 53: name resolution fails; allow it with the allow-dns recipe (`netpol generate allow-dns`)"
        )
      }
    }
    if flow.protocol == .icmp && !dataplane.isCilium {
      add(
        "ICMP is not defined by NetworkPolicy; the verdict on \(dataplane.rawValue) is plugin-specific (see Isolation and combination in docs/semantics.md)"
      )
    }
    if flow.httpMethod != nil && !profile.enforcesL7 {
      add("HTTP rules are not enforced on \(dataplane.rawValue): the verdict is the L4 one")
    }
    if !destination.isPod && profile.enforcesFQDN && hasFQDNRules {
      add(
        options.warmFQDNCache
          ? "FQDN cache model: warm (every inventory name counts as learned for its addresses)"
          : "FQDN cache model: empty per flow; a raw IP flow matches no toFQDNs selector (see Names and the FQDN cache in docs/semantics.md)"
      )
    }
    if dataplane.isCilium && !profile.doubleStarSpansLabels && usesDoubleStar {
      add(
        "Cilium \(profile.ciliumVersion?.description ?? "<1.19") treats a leading '**.' like '*.' (one label); 1.19+ spans several labels (see DNS rules and toFQDNs in docs/semantics.md)"
      )
    }
    return notes
  }

  /// Whether an enforced policy has a `toFQDNs` peer.
  var hasFQDNRules: Bool {
    compiled.contains { policy in
      policy.rules.contains { rule in
        rule.egress.contains { entry in
          if case .some(let peers) = entry.peers {
            return peers.contains { if case .fqdn = $0 { return true } else { return false } }
          }
          return false
        }
      }
    }
  }

  /// Whether any enforced selector or DNS rule uses a `**.` prefix.
  var usesDoubleStar: Bool {
    policies.contains { resource in
      guard case .cilium(let policy) = resource else { return false }
      return policy.rules.contains { _, rule in
        (rule.egress ?? []).contains { entry in
          let selectors =
            (entry.fqdns ?? []) + (entry.toPorts ?? []).flatMap { $0.rules?.dns ?? [] }
          return selectors.contains { $0.matchPattern?.hasPrefix("**.") == true }
        }
      }
    }
  }
}

extension Endpoint {
  /// Whether the endpoint is a pod.
  var isPodEndpoint: Bool { pod != nil }

}
