import NetpolModel

/// Verdicts for every source pod to every destination (pods, then external endpoints) on one
/// port and protocol. `verdicts[i][j]` is the verdict for `sources[i] -> destinations[j]`.
public struct VerdictMatrix: Sendable, Hashable {
  /// The destination port.
  public var port: Int
  /// The protocol.
  public var `protocol`: FlowProtocol
  /// Source pods (`ns/pod`), sorted.
  public var sources: [String]
  /// Destination pods (sorted), then external endpoint names (sorted).
  public var destinations: [String]
  /// The verdicts, row per source.
  public var verdicts: [[Verdict]]
  /// What the matrix depends on (rejected policies, dataplane-dependent matches).
  public var notes: [String]

  /// Creates a matrix.
  public init(
    port: Int, protocol: FlowProtocol, sources: [String], destinations: [String],
    verdicts: [[Verdict]], notes: [String] = []
  ) {
    self.port = port
    self.protocol = `protocol`
    self.sources = sources
    self.destinations = destinations
    self.verdicts = verdicts
    self.notes = notes
  }

  /// Whether the cell is a pod talking to itself (implementation-defined, shown as `#`).
  public func isSelf(_ row: Int, _ column: Int) -> Bool {
    sources[row] == destinations[column]
  }

  /// The verdict for a pair of ids, if both are in the matrix.
  public func verdict(from source: String, to destination: String) -> Verdict? {
    guard let row = sources.firstIndex(of: source),
      let column = destinations.firstIndex(of: destination)
    else { return nil }
    return verdicts[row][column]
  }

  /// Number of allowed and denied cells (self traffic included).
  public var counts: (allowed: Int, denied: Int) {
    var allowed = 0
    var denied = 0
    for row in verdicts {
      for verdict in row {
        if verdict == .allow { allowed += 1 } else { denied += 1 }
      }
    }
    return (allowed, denied)
  }

  /// The cells whose verdict differs from `old` (pairs present in both, same port and protocol),
  /// in row-major order of this matrix. Self traffic is left out: it is implementation-defined.
  public func changes(from old: VerdictMatrix) -> [FlowChange] {
    guard old.port == port, old.protocol == `protocol` else { return [] }
    var oldRows: [String: Int] = [:]
    for (index, id) in old.sources.enumerated() { oldRows[id] = index }
    var oldColumns: [String: Int] = [:]
    for (index, id) in old.destinations.enumerated() { oldColumns[id] = index }
    var result: [FlowChange] = []
    for (row, source) in sources.enumerated() {
      guard let oldRow = oldRows[source] else { continue }
      for (column, destination) in destinations.enumerated() {
        guard source != destination, let oldColumn = oldColumns[destination] else { continue }
        let before = old.verdicts[oldRow][oldColumn]
        let after = verdicts[row][column]
        if before != after {
          result.append(
            FlowChange(
              source: source, destination: destination, port: port, protocol: `protocol`,
              old: before, new: after))
        }
      }
    }
    return result
  }
}

/// One cell that changed between two matrices.
public struct FlowChange: Sendable, Hashable, CustomStringConvertible {
  /// Source pod.
  public var source: String
  /// Destination.
  public var destination: String
  /// Port.
  public var port: Int
  /// Protocol.
  public var `protocol`: FlowProtocol
  /// Verdict before.
  public var old: Verdict
  /// Verdict after.
  public var new: Verdict

  /// Creates a change.
  public init(
    source: String, destination: String, port: Int, protocol: FlowProtocol, old: Verdict,
    new: Verdict
  ) {
    self.source = source
    self.destination = destination
    self.port = port
    self.protocol = `protocol`
    self.old = old
    self.new = new
  }

  /// `demo/client -> demo/server:80/TCP now denied`.
  public var description: String {
    "\(source) -> \(destination):\(port)/\(`protocol`.rawValue) now \(new == .allow ? "allowed" : "denied")"
  }
}
