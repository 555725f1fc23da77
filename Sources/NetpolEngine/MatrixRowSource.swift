import NetpolModel

/// One verdict matrix handed out row by row: its axes and notes up front, each source's row on
/// request, so that a consumer can print a row as soon as it exists and keep none of them.
public struct MatrixRowSource: Sendable {
  /// The destination port.
  public let port: Int
  /// The protocol.
  public let `protocol`: FlowProtocol
  /// Source pods (`ns/pod`), sorted.
  public let sources: [String]
  /// Destination pods (sorted), then external endpoint names (sorted).
  public let destinations: [String]
  /// What the matrix depends on (rejected policies, dataplane-dependent matches).
  public let notes: [String]
  /// The engine computing the rows.
  let engine: PolicyEngine

  /// Calls `body` with each source index and its row of verdicts (one per destination), in
  /// source order. The row passed is only valid during the call.
  public func forEachRow(_ body: (Int, [Verdict]) -> Void) {
    engine.forEachMatrixRow(protocol: `protocol`, port: port, body)
  }
}

extension PolicyEngine {
  /// The matrix for a port and protocol as a row source; nothing is computed until rows are
  /// asked for.
  public func matrixRows(protocol proto: FlowProtocol, port: Int) -> MatrixRowSource {
    let ids = sortedPods.map(\.id)
    return MatrixRowSource(
      port: port, protocol: proto, sources: ids,
      destinations: ids + sortedExternals.map(\.name), notes: matrixNotes(), engine: self)
  }
}
