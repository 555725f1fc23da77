import Foundation
import NetpolEngine

/// The upstream e2e truth table (kubernetes `test/e2e/network/netpol/truthtable.go`
/// `PrettyPrint`): a title line, `-` and the destinations, then one tab-separated row per source.
struct TSVFormatter: MatrixFormatter {
  let sink: TextSink
  let color: Bool
  private var first = true
  private var rows: [String] = []

  init(sink: TextSink, color: Bool) {
    self.sink = sink
    self.color = color
  }

  mutating func beginDocument() {}

  mutating func beginMatrix(_ header: MatrixHeader) {
    if !first { sink.write("\n") }
    first = false
    rows = header.rows
    sink.write(
      header.title + "\n"
        + (["-"] + header.block.map { header.columns[$0] }).joined(separator: "\t") + "\n")
  }

  mutating func row(_ index: Int, _ cells: [MatrixCell]) {
    var line = rows[index]
    for cell in cells {
      line += "\t"
      if color {
        let code =
          cell.isSelf ? "33" : cell.word == "allow" ? "32" : cell.word == "deny" ? "31" : "35"
        line += "\u{1B}[\(code)m\(cell.glyph)\u{1B}[0m"
      } else {
        line += cell.glyph
      }
    }
    sink.write(line + "\n")
  }

  mutating func endMatrix() {}
  mutating func endDocument(notes: [String]) {}
}

/// One row per cell: `protocol,port,source,destination,verdict,self` (and `allowed,pairs` when
/// grouped), RFC 4180 quoting.
struct CSVFormatter: MatrixFormatter {
  let sink: TextSink
  let grouped: Bool
  private var header: MatrixHeader?

  init(sink: TextSink, grouped: Bool) {
    self.sink = sink
    self.grouped = grouped
  }

  static func field(_ text: String) -> String {
    text.contains(",") || text.contains("\"") || text.contains("\n")
      ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }

  mutating func beginDocument() {
    sink.write(
      "protocol,port,source,destination,verdict,self" + (grouped ? ",allowed,pairs" : "") + "\n")
  }

  mutating func beginMatrix(_ header: MatrixHeader) { self.header = header }

  mutating func row(_ index: Int, _ cells: [MatrixCell]) {
    guard let header else { return }
    let prefix = "\(header.proto.rawValue),\(header.port),\(Self.field(header.rows[index])),"
    var text = ""
    for (offset, cell) in cells.enumerated() {
      text +=
        prefix + Self.field(header.columns[header.block[offset]]) + ",\(cell.word),\(cell.isSelf)"
      if grouped { text += ",\(cell.allowed),\(cell.pairs)" }
      text += "\n"
    }
    sink.write(text)
  }

  mutating func endMatrix() {}
  mutating func endDocument(notes: [String]) {}
}

/// GitHub-flavoured Markdown: a heading per matrix, then a table of glyphs.
struct MarkdownFormatter: MatrixFormatter {
  let sink: TextSink
  private var first = true
  private var rows: [String] = []

  init(sink: TextSink) { self.sink = sink }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
  }

  mutating func beginDocument() {}

  mutating func beginMatrix(_ header: MatrixHeader) {
    if !first { sink.write("\n") }
    first = false
    rows = header.rows
    let columns = header.block.map { Self.escape(header.columns[$0]) }
    sink.write(
      "### \(header.title)\n\n| from \\\\ to | " + columns.joined(separator: " | ") + " |\n|"
        + String(repeating: " --- |", count: columns.count + 1) + "\n")
  }

  mutating func row(_ index: Int, _ cells: [MatrixCell]) {
    sink.write(
      "| " + Self.escape(rows[index]) + " | " + cells.map(\.glyph).joined(separator: " | ") + " |\n"
    )
  }

  mutating func endMatrix() {}
  mutating func endDocument(notes: [String]) {}
}

/// A Graphviz digraph: one node per row or column, one edge per cell with an allowed pair
/// (self traffic left out), labelled with the port and, for partial cells, the counts.
struct DotFormatter: MatrixFormatter {
  let sink: TextSink
  private var declared = Set<String>()
  private var header: MatrixHeader?

  init(sink: TextSink) { self.sink = sink }

  static func quote(_ text: String) -> String {
    "\""
      + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
        of: "\"", with: "\\\"") + "\""
  }

  mutating func beginDocument() {
    sink.write("digraph netpol {\n  rankdir=LR;\n  node [shape=box];\n")
  }

  mutating func beginMatrix(_ header: MatrixHeader) {
    self.header = header
    var text = ""
    for node in header.rows + header.block.map({ header.columns[$0] })
    where declared.insert(node).inserted {
      text += "  \(Self.quote(node));\n"
    }
    sink.write(text)
  }

  mutating func row(_ index: Int, _ cells: [MatrixCell]) {
    guard let header else { return }
    var text = ""
    for (offset, cell) in cells.enumerated() where cell.allowed > 0 {
      var label = "\(header.port)/\(header.proto.rawValue)"
      if cell.allowed < cell.pairs { label += " \(cell.allowed)/\(cell.pairs)" }
      text +=
        "  \(Self.quote(header.rows[index])) -> \(Self.quote(header.columns[header.block[offset]]))"
        + " [label=\(Self.quote(label))];\n"
    }
    sink.write(text)
  }

  mutating func endMatrix() {}
  mutating func endDocument(notes: [String]) { sink.write("}\n") }
}
