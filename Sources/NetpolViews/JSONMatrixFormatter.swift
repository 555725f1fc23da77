import NetpolEngine

/// The matrix JSON document (docs/json.md): what produced the verdicts, then one object per
/// matrix whose `verdicts` rows are written one line each as they are computed.
struct JSONFormatter: MatrixFormatter {
  let sink: TextSink
  let context: MatrixContext
  let grouping: Grouping
  private var firstMatrix = true
  private var firstRow = true
  private var allowed: [[Int]] = []
  private var pairs: [[Int]] = []

  init(sink: TextSink, context: MatrixContext, grouping: Grouping) {
    self.sink = sink
    self.context = context
    self.grouping = grouping
  }

  static func string(_ text: String) -> String {
    var output = ""
    JSONValue.writeString(text, into: &output)
    return output
  }

  static func strings(_ values: [String]) -> String {
    "[" + values.map(string).joined(separator: ",") + "]"
  }

  mutating func beginDocument() {
    let version = context.ciliumVersion.map { Self.string("\($0)") } ?? "null"
    sink.write(
      "{\"grouping\":\(Self.string(grouping.rawValue)),"
        + "\"dataplane\":\(Self.string(context.dataplane.rawValue)),"
        + "\"ciliumVersion\":\(version),"
        + "\"fqdnCache\":\(Self.string(context.warmFQDNCache ? "warm" : "empty")),"
        + "\"matrices\":[")
  }

  mutating func beginMatrix(_ header: MatrixHeader) {
    var text = firstMatrix ? "\n" : ",\n"
    firstMatrix = false
    firstRow = true
    allowed = []
    pairs = []
    let columns = header.block.map { header.columns[$0] }
    text +=
      "{\"port\":\(header.port),\"protocol\":\(Self.string(header.proto.rawValue)),"
      + "\"title\":\(Self.string(header.title)),"
      + "\"sources\":\(Self.strings(header.rows)),\"destinations\":\(Self.strings(columns)),"
    if grouping != .pod {
      text +=
        "\"sourcePods\":[\(header.rowSizes.map(String.init).joined(separator: ","))],"
        + "\"destinationPods\":[\(header.block.map { String(header.columnSizes[$0]) }.joined(separator: ","))],"
    }
    text += "\"notes\":\(Self.strings(header.notes)),\"verdicts\":["
    sink.write(text)
  }

  mutating func row(_ index: Int, _ cells: [MatrixCell]) {
    let words = cells.map { "\"\($0.word)\"" }.joined(separator: ",")
    sink.write((firstRow ? "\n[" : ",\n[") + words + "]")
    firstRow = false
    if grouping != .pod {
      allowed.append(cells.map(\.allowed))
      pairs.append(cells.map(\.pairs))
    }
  }

  mutating func endMatrix() {
    var text = "]"
    if grouping != .pod {
      func rows(_ values: [[Int]]) -> String {
        "["
          + values.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }.joined(
            separator: ",") + "]"
      }
      text += ",\"allowed\":\(rows(allowed)),\"pairs\":\(rows(pairs))"
    }
    sink.write(text + "}")
  }

  mutating func endDocument(notes: [String]) {
    sink.write("\n],\"notes\":\(Self.strings(notes))}\n")
  }
}
