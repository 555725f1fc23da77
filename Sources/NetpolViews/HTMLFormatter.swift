import NetpolEngine

/// One self-contained HTML page: per matrix a heatmap table whose cells carry their verdict
/// (`data-verdict`), their counts and a hover text; inline style only, no scripts, no fonts.
struct HTMLFormatter: MatrixFormatter {
  let sink: TextSink
  let context: MatrixContext
  let grouping: Grouping
  private var header: MatrixHeader?

  init(sink: TextSink, context: MatrixContext, grouping: Grouping) {
    self.sink = sink
    self.context = context
    self.grouping = grouping
  }

  /// Text with `&`, `<`, `>` and quotes escaped for HTML content and attributes.
  static func escape(_ text: String) -> String {
    var output = ""
    for character in text {
      switch character {
      case "&": output += "&amp;"
      case "<": output += "&lt;"
      case ">": output += "&gt;"
      case "\"": output += "&quot;"
      case "'": output += "&#39;"
      default: output.append(character)
      }
    }
    return output
  }

  mutating func beginDocument() {
    let fqdn = context.warmFQDNCache ? "warm" : "empty per flow"
    sink.write(
      """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>netpol verdict matrix</title>
      <style>
      body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;margin-bottom:2em}
      th,td{border:1px solid #ccc;padding:2px 4px;font-size:12px;text-align:center}
      th.row{text-align:left}td.allow{background:#7fd07f}td.deny{background:#e07a7a}
      td.partial{background:#f0d060}td.self{background:#ddd}
      </style></head><body>
      <h1>Verdict matrix</h1>
      <p class="legend">dataplane: \(Self.escape(context.dataplaneTitle)); FQDN cache: \(fqdn); \
      grouping: \(grouping.rawValue). Green: allowed, red: denied, yellow: some pod pairs \
      allowed (hover a cell for its counts), grey: a pod to itself (implementation-defined).</p>

      """)
  }

  mutating func beginMatrix(_ header: MatrixHeader) {
    self.header = header
    var text = "<h2>\(Self.escape(header.title))</h2>\n<table data-port=\"\(header.port)\""
    text += " data-protocol=\"\(header.proto.rawValue)\">\n<tr><th>from \\ to</th>"
    for column in header.block {
      text += "<th scope=\"col\">\(Self.escape(header.columns[column]))</th>"
    }
    sink.write(text + "</tr>\n")
  }

  mutating func row(_ index: Int, _ cells: [MatrixCell]) {
    guard let header else { return }
    let source = header.rows[index]
    var text = "<tr><th class=\"row\" scope=\"row\">\(Self.escape(source))</th>"
    for (offset, cell) in cells.enumerated() {
      let destination = header.columns[header.block[offset]]
      let hover: String
      if cell.isSelf {
        let verdict = cell.word == "allow" ? "allowed" : "denied"
        hover = "\(source) to itself: implementation-defined (\(verdict) here)"
      } else {
        hover =
          "\(source) -> \(destination) \(header.port)/\(header.proto.rawValue): "
          + "\(cell.allowed) of \(cell.pairs) pod pairs allowed"
      }
      text +=
        "<td class=\"\(cell.isSelf ? "self" : cell.word)\" data-verdict=\"\(cell.word)\""
        + " data-allowed=\"\(cell.allowed)\" data-pairs=\"\(cell.pairs)\""
        + " title=\"\(Self.escape(hover))\">\(Self.escape(cell.glyph))</td>"
    }
    sink.write(text + "</tr>\n")
  }

  mutating func endMatrix() { sink.write("</table>\n") }

  mutating func endDocument(notes: [String]) {
    var text = ""
    if !notes.isEmpty {
      text += "<h2>Notes</h2>\n<ul>\n"
      for note in notes { text += "<li>\(Self.escape(note))</li>\n" }
      text += "</ul>\n"
    }
    sink.write(text + "</body></html>\n")
  }
}
