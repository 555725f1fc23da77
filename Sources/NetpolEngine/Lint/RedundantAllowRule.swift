import NetpolModel

/// NP013: an allow rule that another rule of the same policy already covers.
public struct RedundantAllowRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP013's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP013", name: "redundant-allow", severity: .info,
    summary: "An allow rule whose peers and ports another rule of the same policy already allows.",
    rationale: """
      Allows are a union (see Isolation and combination in docs/semantics.md): a rule whose every \
      peer and port is also admitted by another rule of the same direction changes nothing. It is \
      harmless, but it often hides a mistake — a narrower rule written next to an allow-all one, \
      whose author believed the narrow one restricted something.
      """,
    triggeringExamples: [
      LintExample(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: demo}
        spec:
          podSelector: {matchLabels: {app: web}}
          ingress:
          - from: [{podSelector: {matchLabels: {app: client}}}]
          - ↓from: [{podSelector: {matchLabels: {app: client}}}]
            ports: [{protocol: TCP, port: 80}]
        """),
      LintExample(
        """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: web, namespace: demo}
        spec:
          endpointSelector: {}
          egress:
          - toEntities: [all]
          - ↓toEndpoints: [{matchLabels: {app: db}}]
            toPorts: [{ports: [{port: "5432", protocol: TCP}]}]
        """),
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: demo}
        spec:
          podSelector: {matchLabels: {app: web}}
          ingress:
          - from: [{podSelector: {matchLabels: {app: client}}}]
            ports: [{protocol: TCP, port: 80}]
          - from: [{podSelector: {matchLabels: {app: admin}}}]
            ports: [{protocol: TCP, port: 80}]
        """)
    ])

  /// What an allow entry admits: `nil` = everything; else the set of peer / port keys.
  private struct Coverage {
    var path: String
    var peers: Set<String>?
    var ports: Set<String>?

    func isCovered(by other: Coverage) -> Bool {
      if let otherPeers = other.peers {
        guard let peers, peers.isSubset(of: otherPeers) else { return false }
      }
      if let otherPorts = other.ports {
        guard let ports else { return false }
        for port in ports {
          let proto = port.split(separator: "/").last.map(String.init) ?? ""
          if !otherPorts.contains(port) && !otherPorts.contains("*/\(proto)") { return false }
        }
      }
      return true
    }
  }

  /// Reports allow entries covered by an earlier (or wider) entry of the same list.
  public func check(_ context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    for subject in context.subjects {
      for list in coverages(subject) {
        let index = CoverageIndex(list)
        for (position, entry) in list.enumerated() {
          guard let wider = index.firstWider(than: position) else { continue }
          let other = list[wider]
          findings.append(
            finding(
              subject.policy, entry.path,
              message: "this allow rule changes nothing: \(other.path) already allows all of "
                + "its peers and ports",
              explanation: Self.description.rationale,
              fix: "remove it, or narrow \(other.path) if it was meant to be the restrictive one"))
        }
      }
    }
    return findings
  }

  /// Finds, for an entry, the first other entry that covers it, looking only at entries that
  /// share its rarest peer or port key (or admit every peer or port): linear in practice where
  /// comparing every pair is quadratic.
  private struct CoverageIndex {
    let list: [Coverage]
    var anyPeer: [Int] = []
    var byPeer: [String: [Int]] = [:]
    var anyPort: [Int] = []
    var byPort: [String: [Int]] = [:]

    init(_ list: [Coverage]) {
      self.list = list
      for (position, entry) in list.enumerated() {
        if let peers = entry.peers {
          for peer in peers { byPeer[peer, default: []].append(position) }
        } else {
          anyPeer.append(position)
        }
        if let ports = entry.ports {
          for port in ports { byPort[port, default: []].append(position) }
        } else {
          anyPort.append(position)
        }
      }
    }

    /// The first entry other than `position` that admits all it admits and is wider, or as wide
    /// and earlier.
    func firstWider(than position: Int) -> Int? {
      let entry = list[position]
      var byPeers = [anyPeer]
      if let peers = entry.peers {
        guard let rarest = peers.min(by: { byPeer[$0]?.count ?? 0 < byPeer[$1]?.count ?? 0 })
        else { return nil }
        byPeers.append(byPeer[rarest] ?? [])
      }
      var byPorts = [anyPort]
      if let ports = entry.ports {
        guard let rarest = ports.min(by: { byPort[$0]?.count ?? 0 < byPort[$1]?.count ?? 0 })
        else { return nil }
        let proto = rarest.split(separator: "/").last.map(String.init) ?? ""
        byPorts += [byPort[rarest] ?? [], byPort["*/\(proto)"] ?? []]
      }
      let sizeOf = { (lists: [[Int]]) in lists.reduce(0) { $0 + $1.count } }
      let candidates = sizeOf(byPeers) <= sizeOf(byPorts) ? byPeers : byPorts
      var best: Int?
      for candidateList in candidates {
        for other in candidateList {
          if let best, other >= best { break }
          if other != position && entry.isCovered(by: list[other])
            && (!list[other].isCovered(by: entry) || other < position)
          {
            best = other
            break
          }
        }
      }
      return best
    }
  }

  /// The allow lists of a subject, as coverages (entries with L7 rules or ICMP left out).
  private func coverages(_ subject: LintSubject) -> [[Coverage]] {
    if let policy = subject.networkPolicy {
      return [("ingress", policy.spec.ingress), ("egress", policy.spec.egress)].map {
        field, rules in
        (rules ?? []).enumerated().map { index, rule in
          let peers = rule.peers ?? []
          let ports = rule.ports ?? []
          return Coverage(
            path: "spec.\(field)[\(index)]",
            peers: peers.isEmpty ? nil : Set(peers.map { "\($0)" }),
            ports: ports.isEmpty
              ? nil
              : Set(
                ports.map { port in
                  let number: String
                  switch port.port {
                  case nil: number = "*"
                  case .number(let value):
                    number = port.endPort.map { "\(value)-\($0)" } ?? String(value)
                  case .name(let name): number = name
                  }
                  return "\(number)/\((port.protocol ?? .tcp).rawValue)"
                }))
        }
      }
    }
    guard let rule = subject.ciliumRule else { return [] }
    return [("ingress", rule.ingress), ("egress", rule.egress)].map { field, entries in
      (entries ?? []).enumerated().compactMap { index, entry -> Coverage? in
        guard entry.icmps == nil, !(entry.l3Kinds.isEmpty && entry.toPorts == nil) else {
          return nil
        }
        if (entry.toPorts ?? []).contains(where: { $0.rules != nil || $0.serverNames != nil }) {
          return nil
        }
        var peers: Set<String>? = nil
        if !entry.l3Kinds.isEmpty && !(entry.entities ?? []).contains("all") {
          var keys = Set<String>()
          for selector in entry.endpoints ?? [] {
            keys.insert("endpoints \(IdentityLabels.normalize(selector))")
          }
          for entity in entry.entities ?? [] { keys.insert("entity \(entity)") }
          for cidr in entry.cidr ?? [] { keys.insert("cidr \(cidr)") }
          for cidr in entry.cidrSet ?? [] { keys.insert("cidrset \(cidr)") }
          for fqdn in entry.fqdns ?? [] { keys.insert("fqdn \(fqdn)") }
          for other in (entry.nodes ?? []).map({ "nodes \($0)" })
            + (entry.services ?? []).map({
              "services \($0)"
            })
          {
            keys.insert(other)
          }
          peers = keys
        }
        var ports: Set<String>? = nil
        if let toPorts = entry.toPorts, !toPorts.isEmpty {
          var keys = Set<String>()
          for portRule in toPorts {
            for port in portRule.ports ?? [CiliumPort(port: "0")] {
              let number =
                port.port == "0" ? "*" : port.endPort.map { "\(port.port)-\($0)" } ?? port.port
              let protocols: [String] =
                (port.protocol ?? .any) == .any
                ? ["TCP", "UDP", "SCTP"] : [(port.protocol ?? .any).rawValue]
              for proto in protocols { keys.insert("\(number)/\(proto)") }
            }
          }
          ports = keys
        }
        return Coverage(path: "\(subject.path).\(field)[\(index)]", peers: peers, ports: ports)
      }
    }
  }
}
