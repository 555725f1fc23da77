import NetpolModel

/// Per-class allowed sets for one port and protocol: `egress[s]` holds the destination classes
/// egress at class `s` allows, `ingress[d]` the source classes ingress at class `d` allows.
struct ClassVerdicts: Sendable {
  /// Egress allowed sets by source class.
  var egress: [Bitset]
  /// Ingress allowed sets by destination class.
  var ingress: [Bitset]

  /// Whether class `source` may reach class `destination`.
  func allows(_ source: Int, _ destination: Int) -> Bool {
    egress[source].contains(destination) && ingress[destination].contains(source)
  }
}

/// What class-level evaluation learns that does not depend on the port: each entry's peer
/// classes and each class's applicable rules. Shared by the ports of one engine.
struct PortIndependentCache {
  /// Peer classes by entry.
  fileprivate var peers: [EntryKey: Bitset] = [:]
  /// Applicable rules by class.
  fileprivate var rules: [Int: [RuleRef]] = [:]
}

/// Identifies one entry of a compiled policy.
private struct EntryKey: Hashable {
  var policy: Int
  var rule: Int
  var ingress: Bool
  var entry: Int
}

extension PolicyEngine {
  /// Evaluates every class pair once with bitsets: each entry's peer set is
  /// computed once over the classes (pruned by namespace), each class's allowed set is the union
  /// of its entries' sets minus its deny entries' sets. Same matching functions as `explain`.
  func classVerdicts(protocol proto: FlowProtocol, port: Int) -> ClassVerdicts {
    var cache = PortIndependentCache()
    return classVerdicts(protocol: proto, port: port, reusing: nil, cache: &cache) {
      () throws(Never) in
    }
  }

  /// The same, recomputing only the sides `reuse` lists and taking the others from it;
  /// `checkpoint` runs before each class and may throw to stop early.
  func classVerdicts<Failure: Error>(
    protocol proto: FlowProtocol, port: Int, reusing reuse: ClassReuse?,
    cache: inout PortIndependentCache, checkpoint: () throws(Failure) -> Void
  ) throws(Failure) -> ClassVerdicts {
    let count = classes.count
    let shape = FlowShape(
      proto: proto, port: proto == .icmp ? nil : port, icmpType: proto == .icmp ? 8 : nil,
      httpMethod: nil, httpPath: nil)
    if !adminTiers.isEmpty { return adminClassVerdicts(shape) }
    var egressPortCache: [EntryKey: Bitset?] = [:]
    let full = Bitset(count: count, full: true)
    let empty = Bitset(count: count)

    func peerBits(_ entry: CompiledEntry, key: EntryKey) -> Bitset {
      if let cached = cache.peers[key] { return cached }
      var bits = empty
      switch entry.peers {
      case .all:
        bits = full
      case .some(let peers):
        for peer in peers {
          let candidates =
            peer.onlyNamespace.map { classes.byNamespace[$0] ?? [] } ?? Array(0..<count)
          for candidate in candidates where !bits.contains(candidate) {
            if matcher.peerMiss(peer, classes.views[candidate], explain: false) == nil {
              bits.insert(candidate)
            }
          }
        }
      }
      cache.peers[key] = bits
      return bits
    }

    /// Which destination-side classes the entry's ports admit, for subject class `subject`.
    func portBits(_ entry: CompiledEntry, direction: PolicyType, subject: Int) -> Bitset? {
      if proto == .icmp {
        switch entry.ports {
        case .all: return full
        case .some:
          let ok = (entry.icmps ?? []).contains { $0.family == "IPv4" && $0.type == 8 }
          return ok ? full : nil
        }
      }
      guard case .some(let ports) = entry.ports else { return full }
      var bits = empty
      var any = false
      for compiledPort in ports {
        if case .named = compiledPort.spec, direction == .egress {
          // Egress named ports resolve against the peer (destination) pod.
          for candidate in 0..<count where !bits.contains(candidate) {
            let view = classes.views[candidate]
            if matcher.portMiss(
              compiledPort, protocol: proto, number: shape.port,
              destinationPorts: view.containerPorts, destination: view.id, explain: false) == nil
            {
              bits.insert(candidate)
              any = true
            }
          }
        } else {
          let view = classes.views[subject]
          if matcher.portMiss(
            compiledPort, protocol: proto, number: shape.port,
            destinationPorts: view.containerPorts, destination: view.id, explain: false) == nil
          {
            return full
          }
        }
      }
      return any ? bits : nil
    }

    func side(_ direction: PolicyType, subject: Int) -> Bitset {
      let refs: [RuleRef]
      if let known = cache.rules[subject] {
        refs = known
      } else {
        refs = applicableRules(classes.views[subject])
        cache.rules[subject] = refs
      }
      var isolated = false
      var allow = empty
      var deny = empty
      for ref in refs {
        let rule = compiled[ref.policy].rules[ref.rule]
        if rule.isolates(direction) { isolated = true }
        for (index, entry) in rule.entries(direction).enumerated() {
          let key = EntryKey(
            policy: ref.policy, rule: ref.rule, ingress: direction == .ingress, entry: index)
          let ports: Bitset?
          if direction == .egress {
            // Egress port sets depend only on the destination, so they are computed once.
            if let cached = egressPortCache[key] {
              ports = cached
            } else {
              ports = portBits(entry, direction: direction, subject: subject)
              egressPortCache[key] = .some(ports)
            }
          } else {
            ports = portBits(entry, direction: direction, subject: subject)
          }
          guard var bits = ports else { continue }
          bits.formIntersection(peerBits(entry, key: key))
          if entry.isDeny { deny.formUnion(bits) } else { allow.formUnion(bits) }
        }
      }
      var result = isolated ? allow : full
      result.subtract(deny)
      return result
    }

    if let reuse {
      var result = reuse.verdicts
      for subject in 0..<count where reuse.egress.contains(subject) {
        try checkpoint()
        result.egress[subject] = side(.egress, subject: subject)
      }
      for subject in 0..<count where reuse.ingress.contains(subject) {
        try checkpoint()
        result.ingress[subject] = side(.ingress, subject: subject)
      }
      return result
    }
    var egress: [Bitset] = []
    var ingress: [Bitset] = []
    egress.reserveCapacity(count)
    ingress.reserveCapacity(count)
    for subject in 0..<count {
      try checkpoint()
      egress.append(side(.egress, subject: subject))
    }
    for subject in 0..<count {
      try checkpoint()
      ingress.append(side(.ingress, subject: subject))
    }
    return ClassVerdicts(egress: egress, ingress: ingress)
  }

  /// External endpoints sorted by name.
  var sortedExternals: [ExternalEndpoint] {
    inventory.external.sorted { $0.name < $1.name }
  }

  /// Verdicts from each class to each external endpoint (lookup included).
  func externalVerdicts(protocol proto: FlowProtocol, port: Int) -> [[Verdict]] {
    externalVerdicts(protocol: proto, port: port, reusing: nil) { () throws(Never) in }
  }

  /// The same, recomputing only the classes in `reuse.classes` and taking the others from it.
  func externalVerdicts<Failure: Error>(
    protocol proto: FlowProtocol, port: Int,
    reusing reuse: (verdicts: [[Verdict]], classes: Bitset)?,
    checkpoint: () throws(Failure) -> Void
  ) throws(Failure) -> [[Verdict]] {
    let externals = sortedExternals
    var result = reuse?.verdicts ?? Array(repeating: [], count: classes.count)
    for (index, view) in classes.views.enumerated() {
      guard let pod = view.pod else { continue }
      if let reuse, !reuse.classes.contains(index) { continue }
      try checkpoint()
      result[index] = externals.map { external in
        verdict(
          Flow(
            source: .pod(pod), destination: .external(external), protocol: proto,
            port: proto == .icmp ? nil : port, icmpType: proto == .icmp ? 8 : nil))
      }
    }
    return result
  }

  /// The full matrix: sources are pods (sorted), destinations pods then external endpoints.
  public func matrix(protocol proto: FlowProtocol, port: Int) -> VerdictMatrix {
    matrix(classMatrix(protocol: proto, port: port))
  }

  /// Streams the matrix row by row without keeping it: `body(sourceIndex, row)` with the same
  /// sources and destinations as `matrix(protocol:port:)`.
  public func forEachMatrixRow(
    protocol proto: FlowProtocol, port: Int, _ body: (Int, [Verdict]) -> Void
  ) {
    for (index, row) in rows(of: classMatrix(protocol: proto, port: port)).enumerated() {
      body(index, row.verdicts)
    }
  }

  /// Counts of allowed and denied cells of the full matrix, computed on classes only.
  public func matrixTally(protocol proto: FlowProtocol, port: Int) -> MatrixTally {
    let classVerdicts = classVerdicts(protocol: proto, port: port)
    let external = externalVerdicts(protocol: proto, port: port)
    var allowed = 0
    var denied = 0
    for source in 0..<classes.count {
      let weight = classes.sizes[source]
      for destination in 0..<classes.count {
        let cells = weight * classes.sizes[destination]
        if classVerdicts.allows(source, destination) { allowed += cells } else { denied += cells }
      }
      for verdict in external[source] {
        if verdict == .allow { allowed += weight } else { denied += weight }
      }
    }
    return MatrixTally(
      sources: sortedPods.count, destinations: sortedPods.count + inventory.external.count,
      classes: classes.count, allowed: allowed, denied: denied)
  }

  /// Notes that apply to a whole matrix: policies not applied, ipBlocks covering pod IPs.
  func matrixNotes() -> [String] {
    var notes = rejections.map { "\($0.policy) is not applied: \($0.reason)" }
    for policy in compiled where !policy.isCilium {
      for rule in policy.rules {
        for entry in rule.ingress + rule.egress {
          guard case .some(let peers) = entry.peers else { continue }
          for case .ipBlock(let path, let cidr?, let except, let text) in peers {
            let covered = classes.views.first { view in
              guard let address = view.address else { return false }
              return cidr.contains(address) && !except.contains { $0.contains(address) }
            }
            if let covered {
              notes.append(
                "\(policy.name) \(path) (\(text)) covers pod IPs (e.g. \(covered.id)): \(profile.ipBlockMatchesPodIPs ? "matched here" : "never matched") on \(dataplane.rawValue); verdicts differ between dataplanes (see Feature support by dataplane in docs/semantics.md)"
              )
            }
          }
        }
      }
    }
    return notes
  }
}

/// Allowed/denied counts of a matrix computed without materialising it.
public struct MatrixTally: Sendable, Hashable {
  /// Number of source pods.
  public var sources: Int
  /// Number of destinations (pods and external endpoints).
  public var destinations: Int
  /// Number of pod classes evaluated.
  public var classes: Int
  /// Allowed cells.
  public var allowed: Int
  /// Denied cells.
  public var denied: Int
}

extension Optional where Wrapped == Int {
  /// The value, or 0.
  fileprivate var orZero: Int { self ?? 0 }
}
