import NetpolModel

/// The verdict matrix of one port and protocol held per pod class: pods of one class have the
/// same row and the same column, so this is the whole matrix in a fraction of its size. Expand it
/// with `PolicyEngine.matrix(_:)` or `PolicyEngine.rows(of:)` of the engine that computed it.
public struct ClassMatrix: Sendable {
  /// The destination port.
  public let port: Int
  /// The protocol.
  public let `protocol`: FlowProtocol
  /// The allowed class pairs.
  let verdicts: ClassVerdicts
  /// Verdicts from each class to each external endpoint (sorted by name).
  let external: [[Verdict]]
}

/// Which class sides to recompute, and the verdicts to take the others from.
struct ClassReuse {
  /// The verdicts of the previous engine (same classes).
  var verdicts: ClassVerdicts
  /// Classes whose egress side must be recomputed.
  var egress: Bitset
  /// Classes whose ingress side must be recomputed.
  var ingress: Bitset
}

/// Asked by long computations between units of work whether to stop.
public struct Cancellation: Sendable {
  private let check: @Sendable () -> Bool

  /// A cancellation that reports `isCancelled()` when asked.
  public init(_ isCancelled: @escaping @Sendable () -> Bool) {
    check = isCancelled
  }

  /// A cancellation that never stops anything.
  public static let never = Cancellation { false }

  /// Whether the computation should stop.
  public var isCancelled: Bool { check() }

  /// Throws `Cancelled` when the computation should stop.
  public func checkpoint() throws(Cancelled) {
    if check() { throw Cancelled() }
  }
}

/// A computation stopped because its `Cancellation` asked it to.
public struct Cancelled: Error, Sendable, Equatable {
  /// Creates the error.
  public init() {}
}

/// One row of an expanded matrix.
public struct MatrixRow: Sendable, Hashable {
  /// The source pod (`ns/pod`).
  public var source: String
  /// The verdicts towards each destination, in the order of `VerdictMatrix.destinations`.
  public var verdicts: [Verdict]
}

/// The rows of a matrix, built one at a time in source order without holding the others.
public struct ClassMatrixRows: Sequence, Sendable {
  /// Destination pods (sorted), then external endpoint names (sorted): the column headers.
  public let destinations: [String]
  let sources: [String]
  let classOf: [Int]
  let matrix: ClassMatrix

  /// An iterator over the rows.
  public func makeIterator() -> Iterator {
    Iterator(rows: self)
  }

  /// Builds each row when asked for it.
  public struct Iterator: IteratorProtocol {
    let rows: ClassMatrixRows
    var index = 0

    /// The next row, or `nil` after the last.
    public mutating func next() -> MatrixRow? {
      guard index < rows.sources.count else { return nil }
      defer { index += 1 }
      return MatrixRow(
        source: rows.sources[index], verdicts: rows.verdicts(ofClass: rows.classOf[index]))
    }
  }

  /// The row shared by the pods of one class.
  func verdicts(ofClass sourceClass: Int) -> [Verdict] {
    var verdicts: [Verdict] = []
    verdicts.reserveCapacity(destinations.count)
    for destinationClass in classOf {
      verdicts.append(matrix.verdicts.allows(sourceClass, destinationClass) ? .allow : .deny)
    }
    verdicts += matrix.external[sourceClass]
    return verdicts
  }
}

extension PolicyEngine {
  /// The class-level matrix of one port and protocol.
  public func classMatrix(protocol proto: FlowProtocol, port: Int) -> ClassMatrix {
    let verdicts = classVerdicts(protocol: proto, port: port)
    let external = externalVerdicts(protocol: proto, port: port)
    return ClassMatrix(port: port, protocol: proto, verdicts: verdicts, external: external)
  }

  /// The class-level matrix of one port and protocol; when `previous` holds the same port's
  /// matrix under another engine of the same cluster and dataplane, only the classes that the
  /// policies changed between the two engines select are recomputed. Stops with `Cancelled`
  /// when `cancellation` asks.
  public func classMatrix(
    protocol proto: FlowProtocol, port: Int,
    updating previous: (engine: PolicyEngine, matrix: ClassMatrix)?,
    cancellation: Cancellation = .never
  ) throws(Cancelled) -> ClassMatrix {
    let matrices = try classMatrices(
      ports: [(proto, port)], updating: previous.map { ($0.engine, [$0.matrix]) },
      cancellation: cancellation)
    return matrices[0]
  }

  /// The class-level matrices of several ports, sharing what does not depend on the port; when
  /// `previous` holds matrices of the same ports (in the same order, `nil` where missing) under
  /// another engine of the same cluster and dataplane, only the classes that the policies
  /// changed between the two engines select are recomputed.
  public func classMatrices(
    ports: [(FlowProtocol, Int)],
    updating previous: (engine: PolicyEngine, matrices: [ClassMatrix?])?,
    cancellation: Cancellation = .never
  ) throws(Cancelled) -> [ClassMatrix] {
    var cache = PortIndependentCache()
    let affected = previous.flatMap { affectedClasses(since: $0.engine) }
    var result: [ClassMatrix] = []
    for (index, (proto, port)) in ports.enumerated() {
      let old = previous.flatMap { index < $0.matrices.count ? $0.matrices[index] : nil }
      result.append(
        try classMatrix(
          protocol: proto, port: port, old: old, affected: affected, cache: &cache,
          cancellation: cancellation))
    }
    return result
  }

  /// One port's class-level matrix, reusing `old` for the classes `affected` leaves out.
  private func classMatrix(
    protocol proto: FlowProtocol, port: Int, old: ClassMatrix?,
    affected: (egress: Bitset, ingress: Bitset)?, cache: inout PortIndependentCache,
    cancellation: Cancellation
  ) throws(Cancelled) -> ClassMatrix {
    var reuse: ClassReuse?
    var externalReuse: (verdicts: [[Verdict]], classes: Bitset)?
    if let old, old.port == port, old.protocol == proto, let affected {
      reuse = ClassReuse(verdicts: old.verdicts, egress: affected.egress, ingress: affected.ingress)
      // Lookups of names go through the DNS server's ingress; any change there redoes them all.
      let dnsClass = dnsServerClass
      if dnsClass.map({ !affected.ingress.contains($0) }) ?? true {
        externalReuse = (old.external, affected.egress)
      }
    }
    let verdicts = try classVerdicts(
      protocol: proto, port: port, reusing: reuse, cache: &cache,
      checkpoint: cancellation.checkpoint)
    let external = try externalVerdicts(
      protocol: proto, port: port, reusing: externalReuse, checkpoint: cancellation.checkpoint)
    return ClassMatrix(port: port, protocol: proto, verdicts: verdicts, external: external)
  }

  /// The full matrix of a class-level matrix this engine computed.
  public func matrix(_ classMatrix: ClassMatrix) -> VerdictMatrix {
    let rows = rows(of: classMatrix)
    // Pods of one class have the same row: build it once and share it.
    var rowOfClass = [[Verdict]?](repeating: nil, count: classes.count)
    var verdicts: [[Verdict]] = []
    verdicts.reserveCapacity(sortedPods.count)
    for sourceClass in classes.classOf {
      if let row = rowOfClass[sourceClass] {
        verdicts.append(row)
      } else {
        let row = rows.verdicts(ofClass: sourceClass)
        rowOfClass[sourceClass] = row
        verdicts.append(row)
      }
    }
    return VerdictMatrix(
      port: classMatrix.port, protocol: classMatrix.protocol, sources: rows.sources,
      destinations: rows.destinations, verdicts: verdicts, notes: matrixNotes())
  }

  /// The rows of a class-level matrix this engine computed, one at a time, in source order.
  public func rows(of classMatrix: ClassMatrix) -> ClassMatrixRows {
    let podIDs = sortedPods.map(\.id)
    return ClassMatrixRows(
      destinations: podIDs + sortedExternals.map(\.name), sources: podIDs,
      classOf: classes.classOf, matrix: classMatrix)
  }

  /// The class of the pod DNS lookups go to.
  var dnsServerClass: Int? {
    guard let server = dnsServer,
      let index = sortedPods.firstIndex(where: { $0.id == server.id })
    else { return nil }
    return classes.classOf[index]
  }

  /// The classes whose egress or ingress side can differ from `previous`'s, or `nil` when they
  /// cannot be told apart (another cluster, dataplane or options, other classes, admin policies
  /// in either engine, or policies that cannot be matched up one to one).
  func affectedClasses(since previous: PolicyEngine) -> (egress: Bitset, ingress: Bitset)? {
    guard adminTiers.isEmpty, previous.adminTiers.isEmpty,
      previous.dataplane == dataplane, previous.options == options,
      previous.classes.count == classes.count, previous.classes.classOf == classes.classOf,
      previous.inventory == inventory,
      let oldCompiled = previous.compiledIndices(), let newCompiled = compiledIndices(),
      let oldKeys = Self.uniqueKeys(previous.policies), let newKeys = Self.uniqueKeys(policies)
    else { return nil }
    var egress = Bitset(count: classes.count)
    var ingress = Bitset(count: classes.count)
    func mark(_ engine: PolicyEngine, compiledIndex: Int?) {
      guard let compiledIndex else { return }
      let policy = engine.compiled[compiledIndex]
      let candidates =
        policy.namespace.map { classes.byNamespace[$0] ?? [] } ?? Array(0..<classes.count)
      for rule in policy.rules {
        let touchesEgress = rule.isolatesEgress || !rule.egress.isEmpty
        let touchesIngress = rule.isolatesIngress || !rule.ingress.isEmpty
        guard touchesEgress || touchesIngress else { continue }
        for candidate in candidates
        where engine.matcher.selects(rule.subject, engine.classes.views[candidate]) {
          if touchesEgress { egress.insert(candidate) }
          if touchesIngress { ingress.insert(candidate) }
        }
      }
    }
    for (key, oldIndex) in oldKeys {
      let newIndex = newKeys[key]
      if let newIndex, policies[newIndex] == previous.policies[oldIndex] { continue }
      mark(previous, compiledIndex: oldCompiled[oldIndex])
      if let newIndex { mark(self, compiledIndex: newCompiled[newIndex]) }
    }
    for (key, newIndex) in newKeys where oldKeys[key] == nil {
      mark(self, compiledIndex: newCompiled[newIndex])
    }
    return (egress, ingress)
  }

  /// For each policy, its index in `compiled` (`nil` when the dataplane rejects it), or `nil`
  /// when the compiled policies do not follow the given ones in order.
  func compiledIndices() -> [Int?]? {
    var result: [Int?] = []
    var next = 0
    for resource in policies {
      if profile.rejectionReason(for: resource) == nil {
        guard next < compiled.count else { return nil }
        result.append(next)
        next += 1
      } else {
        result.append(nil)
      }
    }
    return next == compiled.count ? result : nil
  }

  /// Policy indices by kind and qualified name, or `nil` when two policies share both.
  static func uniqueKeys(_ policies: [PolicyResource]) -> [String: Int]? {
    var result: [String: Int] = [:]
    for (index, policy) in policies.enumerated() {
      let key = policy.kind + " " + policy.qualifiedName
      guard result.updateValue(index, forKey: key) == nil else { return nil }
    }
    return result
  }
}
