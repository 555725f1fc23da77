import NetpolEngine
import NetpolModel

/// A verdict matrix that can be read row by row: the engine's row source or a computed matrix.
public protocol MatrixRows {
  /// The destination port.
  var port: Int { get }
  /// The protocol.
  var `protocol`: FlowProtocol { get }
  /// Source pod ids, sorted.
  var sources: [String] { get }
  /// Destination pod ids (sorted), then external endpoint names.
  var destinations: [String] { get }
  /// What the matrix depends on.
  var notes: [String] { get }
  /// Calls `body` with each source index and its row, in source order.
  func forEachRow(_ body: (Int, [Verdict]) -> Void)
}

extension MatrixRowSource: MatrixRows {}

extension VerdictMatrix: MatrixRows {
  /// Calls `body` with each stored row.
  public func forEachRow(_ body: (Int, [Verdict]) -> Void) {
    for (index, row) in verdicts.enumerated() { body(index, row) }
  }
}

/// One cell of a shown matrix: how many of the pod pairs it stands for are allowed, with a
/// pod's traffic to itself counted apart (it is implementation-defined).
public struct MatrixCell: Sendable, Hashable {
  /// Allowed pairs of distinct endpoints.
  public var allowed = 0
  /// Pairs of distinct endpoints.
  public var pairs = 0
  /// Allowed self pairs.
  public var selfAllowed = 0
  /// Self pairs.
  public var selfPairs = 0

  /// A cell with no pairs yet.
  public init() {}

  /// Whether the cell is only a pod talking to itself.
  public var isSelf: Bool { pairs == 0 && selfPairs > 0 }

  /// `allow`, `deny` or `partial` (self pairs decide only when there is nothing else).
  public var word: String {
    let (yes, all) = isSelf ? (selfAllowed, selfPairs) : (allowed, pairs)
    return yes == all ? "allow" : yes == 0 ? "deny" : "partial"
  }

  /// `.`, `X`, `#` for self, or `allowed/pairs` for a partial cell.
  public var glyph: String {
    if isSelf { return "#" }
    if allowed == pairs { return "." }
    if allowed == 0 { return "X" }
    return "\(allowed)/\(pairs)"
  }
}

/// Which sources and destinations a view shows and how they group into rows and columns.
struct MatrixLayout {
  /// Row labels in order.
  var rowLabels: [String] = []
  /// Per source index, its row, or -1 when filtered out.
  var rowOf: [Int] = []
  /// Number of sources per row.
  var rowSizes: [Int] = []
  /// Column labels in order.
  var columnLabels: [String] = []
  /// Per destination index, its column, or -1 when filtered out.
  var columnOf: [Int] = []
  /// Number of destinations per column.
  var columnSizes: [Int] = []
  /// Per source index, the destination index of the same endpoint, or -1.
  var selfColumn: [Int] = []

  init(_ matrix: some MatrixRows, options: MatrixViewOptions, scope: ViewScope) {
    func assign(
      _ ids: [String], keep: (String) -> Bool, labels: inout [String], sizes: inout [Int]
    ) -> [Int] {
      var index: [String: Int] = [:]
      return ids.map { id in
        guard keep(id) else { return -1 }
        let label = scope.group(of: id, by: options.grouping)
        if let existing = index[label] {
          sizes[existing] += 1
          return existing
        }
        index[label] = labels.count
        // JSON escapes unsafe characters itself and keeps the real name; every other format
        // shows names as the terminal-safe form.
        labels.append(options.format == .json ? label : DisplayText.escaped(label))
        sizes.append(1)
        return labels.count - 1
      }
    }
    func inNamespace(_ id: String) -> Bool {
      guard let namespace = options.namespace else { return true }
      return scope.pod(id: id)?.namespace == namespace
    }
    rowOf = assign(
      matrix.sources,
      keep: { id in
        inNamespace(id)
          && (options.from.isEmpty || options.from.contains { $0.matches(id, scope: scope) })
      }, labels: &rowLabels, sizes: &rowSizes)
    columnOf = assign(
      matrix.destinations,
      keep: { id in
        inNamespace(id)
          && (options.to.isEmpty || options.to.contains { $0.matches(id, scope: scope) })
      }, labels: &columnLabels, sizes: &columnSizes)
    var destinationIndex: [String: Int] = [:]
    for (index, id) in matrix.destinations.enumerated() { destinationIndex[id] = index }
    selfColumn = matrix.sources.map { destinationIndex[$0] ?? -1 }
  }

  /// The most pod pairs one cell can stand for.
  var largestCell: Int { (rowSizes.max() ?? 0) * (columnSizes.max() ?? 0) }

  /// Streams the rows of `matrix`, restricted to the columns of `block`: each row is handed
  /// to `body` as soon as all its sources have been read (at once when rows are pods).
  func forEachRow(
    of matrix: some MatrixRows, block: [Int], _ body: (Int, [MatrixCell]) -> Void
  ) {
    var position = [Int](repeating: -1, count: columnLabels.count)
    for (offset, column) in block.enumerated() { position[column] = offset }
    // Per destination, its cell in the block, or -1.
    let offsets = columnOf.map { $0 >= 0 ? position[$0] : -1 }
    var open: [Int: [MatrixCell]] = [:]
    var remaining = rowSizes
    var finished: [Int: [MatrixCell]] = [:]
    var next = 0
    matrix.forEachRow { source, verdicts in
      let row = rowOf[source]
      guard row >= 0 else { return }
      var cells =
        open.removeValue(forKey: row) ?? [MatrixCell](repeating: MatrixCell(), count: block.count)
      let selfIndex = selfColumn[source]
      for (destination, verdict) in verdicts.enumerated() {
        let offset = offsets[destination]
        guard offset >= 0 else { continue }
        let allowed = verdict == .allow ? 1 : 0
        if destination == selfIndex {
          cells[offset].selfPairs += 1
          cells[offset].selfAllowed += allowed
        } else {
          cells[offset].pairs += 1
          cells[offset].allowed += allowed
        }
      }
      remaining[row] -= 1
      if remaining[row] > 0 {
        open[row] = cells
        return
      }
      finished[row] = cells
      while let ready = finished.removeValue(forKey: next) {
        body(next, ready)
        next += 1
      }
    }
  }
}
