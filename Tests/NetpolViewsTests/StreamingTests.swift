import Foundation
import NetpolEngine
import NetpolModel
import NetpolViews
import Testing

/// A matrix whose rows are made on request, recording what the sink held when each was made.
private final class ProbeRows: MatrixRows, @unchecked Sendable {
  let port = 80
  let `protocol` = FlowProtocol.tcp
  let sources = (0..<4).map { "ns/p\($0)" }
  var destinations: [String] { sources }
  let notes: [String] = []
  let sink: StringSink
  var seen: [Int] = []

  init(sink: StringSink) { self.sink = sink }

  func forEachRow(_ body: (Int, [Verdict]) -> Void) {
    for index in sources.indices {
      seen.append(sink.text.split(separator: "\n").count)
      body(index, sources.indices.map { $0 == index ? .allow : .deny })
    }
  }
}

@Suite("Matrix output is written row by row, before the next row is computed")
struct StreamingTests {
  @Test(
    "Every format has written row N before row N+1 is asked for",
    arguments: [MatrixFormat.tsv, .wide, .json, .csv, .markdown])
  func rowByRow(format: MatrixFormat) {
    let sink = StringSink()
    let rows = ProbeRows(sink: sink)
    let inventory = Inventory(
      namespaces: [Namespace(name: "ns")],
      pods: rows.sources.map { Pod(namespace: "ns", name: String($0.dropFirst(3))) })
    let engine = PolicyEngine(inventory: inventory, policies: [], dataplane: .kubernetes)
    MatrixRenderer.render(
      [rows], context: MatrixContext(engine: engine), options: MatrixViewOptions(format: format),
      to: sink)
    // Each later row finds one more line (csv: one line per cell) than the one before it.
    let steps = zip(rows.seen.dropFirst(), rows.seen).map { $0 - $1 }
    #expect(steps == Array(repeating: format == .csv ? 4 : 1, count: 3))
  }

  @Test("The JSON document parses and its verdicts are the engine's, cell for cell")
  func jsonEqualsMatrix() throws {
    let engine = shopEngine()
    let text = render(engine, [(.tcp, 8080), (.tcp, 5432)], MatrixViewOptions(format: .json))
    let document = try jsonObject(text)
    #expect(document["grouping"] as? String == "pod")
    #expect(document["dataplane"] as? String == "kubernetes")
    #expect(document["fqdnCache"] as? String == "empty")
    #expect(document.keys.contains("ciliumVersion"))
    let matrices = try #require(document["matrices"] as? [[String: Any]])
    #expect(matrices.count == 2)
    for (matrix, port) in zip(matrices, [8080, 5432]) {
      let expected = engine.matrix(protocol: .tcp, port: port)
      #expect(matrix["port"] as? Int == port)
      #expect(matrix["sources"] as? [String] == expected.sources)
      #expect(matrix["destinations"] as? [String] == expected.destinations)
      #expect(matrix["verdicts"] as? [[String]] == expected.verdicts.map { $0.map(\.rawValue) })
    }
  }
}
