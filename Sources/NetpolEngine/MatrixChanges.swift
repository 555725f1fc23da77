import NetpolModel

/// The cells of one port and protocol whose verdict differs between two matrices: the same cells,
/// in the same order, as `VerdictMatrix.changes(from:)` of the two full matrices (pairs present in
/// both, self traffic left out), kept per group of sources with the same changed cells.
public struct MatrixChanges: Sendable {
  /// The destination port.
  public let port: Int
  /// The protocol.
  public let `protocol`: FlowProtocol
  /// Source pods (`ns/pod`) of the new matrix, sorted.
  public let sources: [String]
  /// Destinations of the new matrix: pods (sorted, the first `podDestinations`), then external
  /// endpoint names (sorted).
  public let destinations: [String]
  /// How many of `destinations` are pods.
  public let podDestinations: Int
  /// The group of each source (an index into `groupCells`), `-1` when none of its cells changed.
  let rowGroup: [Int32]
  /// The changed cells of each group, by increasing column (self traffic not yet left out).
  var groupCells: [[ChangedCell]]

  /// Whether no cell changed.
  public var isEmpty: Bool { count == 0 }

  /// Number of changed cells.
  public var count: Int {
    var total = 0
    forEachRow { _, cells, skip in
      total += cells.count - (skip >= 0 ? 1 : 0)
      return true
    }
    return total
  }

  /// Calls `body` with each changed cell in row-major order (self traffic left out);
  /// `podDestinations` true or false keeps only cells towards pods or towards external endpoints.
  /// `body` returns `false` to stop.
  public func forEach(podDestinations: Bool? = nil, _ body: (FlowChange) -> Bool) {
    forEachRow { row, cells, skip in
      for (position, cell) in cells.enumerated() where position != skip {
        let column = Int(cell.column)
        if let podDestinations, podDestinations != (column < self.podDestinations) { continue }
        let change = FlowChange(
          source: sources[row], destination: destinations[column], port: port,
          protocol: `protocol`, old: cell.new == .allow ? .deny : .allow, new: cell.new)
        if !body(change) { return false }
      }
      return true
    }
  }

  /// Every changed cell in row-major order, as `VerdictMatrix.changes(from:)` lists them.
  public var all: [FlowChange] {
    var result: [FlowChange] = []
    forEach { change in
      result.append(change)
      return true
    }
    return result
  }

  /// Number of changed cells that are now `verdict`, per destination column.
  public func countsByDestination(now verdict: Verdict) -> [Int] {
    var counts = Array(repeating: 0, count: destinations.count)
    forEachRow { _, cells, skip in
      for (position, cell) in cells.enumerated() where position != skip && cell.new == verdict {
        counts[Int(cell.column)] += 1
      }
      return true
    }
    return counts
  }

  /// Number of changed cells that are now `verdict`, per source row.
  public func countsBySource(now verdict: Verdict) -> [Int] {
    var counts = Array(repeating: 0, count: sources.count)
    forEachRow { row, cells, skip in
      for (position, cell) in cells.enumerated() where position != skip && cell.new == verdict {
        counts[row] += 1
      }
      return true
    }
    return counts
  }

  /// The same changes keeping only the destination columns for which `keep` is true.
  public func keepingDestinations(_ keep: (Int) -> Bool) -> MatrixChanges {
    var copy = self
    var kept = Array(repeating: false, count: destinations.count)
    for column in destinations.indices { kept[column] = keep(column) }
    copy.groupCells = groupCells.map { cells in cells.filter { kept[Int($0.column)] } }
    return copy
  }

  /// Calls `body(row, cells, skip)` for each row with changed cells, `skip` being the position
  /// of the row's own pod in `cells` (self traffic) or -1; stops when `body` returns `false`.
  private func forEachRow(_ body: (Int, [ChangedCell], Int) -> Bool) {
    for (row, group) in rowGroup.enumerated() where group >= 0 {
      let cells = groupCells[Int(group)]
      guard !cells.isEmpty else { continue }
      // The source pod's own column is its row index (destinations start with the sources).
      var low = 0
      var high = cells.count
      while low < high {
        let middle = (low + high) / 2
        if Int(cells[middle].column) < row { low = middle + 1 } else { high = middle }
      }
      let skip = low < cells.count && Int(cells[low].column) == row ? low : -1
      if skip >= 0 && cells.count == 1 { continue }
      if !body(row, cells, skip) { return }
    }
  }
}

/// A changed cell of a group of rows: its column and its new verdict.
struct ChangedCell: Sendable, Hashable {
  var column: Int32
  var new: Verdict
}

extension PolicyEngine {
  /// The cells whose verdict differs from `old` (computed by `oldEngine`) to `new` (computed by
  /// this engine) — what `matrix(new).changes(from: oldEngine.matrix(old))` gives, compared
  /// class by class. Stops with `Cancelled` when `cancellation` asks.
  public func changes(
    from oldEngine: PolicyEngine, _ old: ClassMatrix, to new: ClassMatrix,
    cancellation: Cancellation = .never
  ) throws(Cancelled) -> MatrixChanges {
    let podIDs = sortedPods.map(\.id)
    let externalNames = sortedExternals.map(\.name)
    let sameShape = old.port == new.port && old.protocol == new.protocol
    // Each pod present in both gets the pair (old class, new class): a joint class.
    var oldIndexOf: [Int] = Array(repeating: -1, count: podIDs.count)
    if oldEngine.sortedPods.count == sortedPods.count
      && zip(oldEngine.sortedPods, sortedPods).allSatisfy({ $0.id == $1.id })
    {
      oldIndexOf = Array(podIDs.indices)
    } else {
      var oldRows: [String: Int] = [:]
      for (index, pod) in oldEngine.sortedPods.enumerated() { oldRows[pod.id] = index }
      for (index, id) in podIDs.enumerated() { oldIndexOf[index] = oldRows[id] ?? -1 }
    }
    var jointOf = Array(repeating: Int32(-1), count: podIDs.count)
    var joint: [(old: Int, new: Int)] = []
    var jointIndex: [Int: Int32] = [:]
    for (index, oldIndex) in oldIndexOf.enumerated() where oldIndex >= 0 && sameShape {
      let pair = (oldEngine.classes.classOf[oldIndex], classes.classOf[index])
      let key = pair.0 * classes.count + pair.1
      if let existing = jointIndex[key] {
        jointOf[index] = existing
      } else {
        jointIndex[key] = Int32(joint.count)
        jointOf[index] = Int32(joint.count)
        joint.append(pair)
      }
    }
    var oldExternal: [Int] = []
    let oldExternalNames = oldEngine.sortedExternals.map(\.name)
    for name in externalNames { oldExternal.append(oldExternalNames.firstIndex(of: name) ?? -1) }
    // Pods of each joint class, by increasing column.
    var columnsOf = Array(repeating: [Int32](), count: joint.count)
    for (column, group) in jointOf.enumerated() where group >= 0 {
      columnsOf[Int(group)].append(Int32(column))
    }
    var groupCells: [[ChangedCell]] = []
    for pair in joint {
      try cancellation.checkpoint()
      var changed: [(group: Int, new: Verdict)] = []
      let oldEgress = old.verdicts.egress[pair.old]
      let newEgress = new.verdicts.egress[pair.new]
      for (destination, other) in joint.enumerated() {
        let before =
          oldEgress.contains(other.old) && old.verdicts.ingress[other.old].contains(pair.old)
        let after =
          newEgress.contains(other.new) && new.verdicts.ingress[other.new].contains(pair.new)
        if before != after {
          changed.append((destination, after ? .allow : .deny))
        }
      }
      var cells: [ChangedCell] = []
      if changed.count == 1 {
        cells = columnsOf[changed[0].group].map { ChangedCell(column: $0, new: changed[0].new) }
      } else if !changed.isEmpty {
        for group in changed {
          for column in columnsOf[group.group] {
            cells.append(ChangedCell(column: column, new: group.new))
          }
        }
        cells.sort { $0.column < $1.column }
      }
      for (index, oldIndex) in oldExternal.enumerated() where oldIndex >= 0 {
        let before = old.external[pair.old][oldIndex]
        let after = new.external[pair.new][index]
        if before != after {
          cells.append(ChangedCell(column: Int32(podIDs.count + index), new: after))
        }
      }
      groupCells.append(cells)
    }
    return MatrixChanges(
      port: new.port, protocol: new.protocol, sources: podIDs,
      destinations: podIDs + externalNames, podDestinations: podIDs.count, rowGroup: jointOf,
      groupCells: groupCells)
  }
}
