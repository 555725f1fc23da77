/// The aligned table both front ends print: a title, `from \ to` and the column labels, one
/// line per row, a legend. Fitted to a width, a partial cell is the glyph `~`, the columns get
/// short numeric keys (named in a legend) when the names do not fit, and a table wider than the
/// width is printed in blocks of columns. Without a width, a partial cell shows its counts.
struct TableFormatter: MatrixFormatter {
  let sink: TextSink
  let options: MatrixViewOptions
  let width: Int?
  private var first = true
  private var header: MatrixHeader?
  private var keyed = false
  private var labelWidth = 0
  private var widths: [Int] = []

  init(sink: TextSink, options: MatrixViewOptions, width: Int?) {
    self.sink = sink
    self.options = options
    self.width = width
  }

  static let corner = "from \\ to"

  /// Widest cell text: one glyph, or `allowed/pairs` when cells stand for several pairs and
  /// the table is not fitted to a width.
  static func cellWidth(rowSizes: [Int], columnSizes: [Int], fitted: Bool) -> Int {
    let largest = (rowSizes.max() ?? 0) * (columnSizes.max() ?? 0)
    return largest > 1 && !fitted ? 2 * String(largest).count + 1 : 1
  }

  /// The text of a cell: its glyph, or `~` for a partial cell of a fitted table.
  func text(_ cell: MatrixCell) -> String {
    let glyph = cell.glyph
    return width != nil && glyph.count > 1 ? "~" : glyph
  }

  /// Whether the columns need keys, and the column blocks.
  static func fit(
    rows: [String], columns: [String], rowSizes: [Int], columnSizes: [Int], width: Int?
  ) -> (keyed: Bool, blocks: [[Int]]) {
    let all = Array(columns.indices)
    guard let width else { return (false, [all]) }
    let label = max(corner.count, rows.map(\.count).max() ?? 0)
    let cell = cellWidth(rowSizes: rowSizes, columnSizes: columnSizes, fitted: true)
    let full = columns.reduce(label) { $0 + 2 + max($1.count, cell) }
    if full <= width { return (false, [all]) }
    var blocks: [[Int]] = []
    var current: [Int] = []
    var used = label
    for column in all {
      let needed = 2 + max(String(column + 1).count, cell)
      if !current.isEmpty && used + needed > width {
        blocks.append(current)
        current = []
        used = label
      }
      current.append(column)
      used += needed
    }
    if !current.isEmpty || blocks.isEmpty { blocks.append(current) }
    return (true, blocks)
  }

  func blocks(_ layout: MatrixLayout) -> [[Int]] {
    Self.fit(
      rows: layout.rowLabels, columns: layout.columnLabels, rowSizes: layout.rowSizes,
      columnSizes: layout.columnSizes, width: width
    ).blocks
  }

  mutating func beginDocument() {}

  mutating func beginMatrix(_ header: MatrixHeader) {
    if !first { sink.write("\n") }
    first = false
    self.header = header
    guard !header.rows.isEmpty, !header.columns.isEmpty else {
      sink.write("\(header.title): no flows match the filters\n")
      return
    }
    keyed =
      Self.fit(
        rows: header.rows, columns: header.columns, rowSizes: header.rowSizes,
        columnSizes: header.columnSizes, width: width
      ).keyed
    var title = header.title
    if options.grouping != .pod { title += ", by \(options.grouping.rawValue)" }
    if header.blockCount > 1, let low = header.block.first, let high = header.block.last {
      title += " (columns \(low + 1)-\(high + 1) of \(header.columns.count))"
    }
    let cell = Self.cellWidth(
      rowSizes: header.rowSizes, columnSizes: header.columnSizes, fitted: width != nil)
    labelWidth = max(Self.corner.count, header.rows.map(\.count).max() ?? 0)
    let names = header.block.map { keyed ? String($0 + 1) : header.columns[$0] }
    widths = names.map { max($0.count, cell) }
    sink.write(title + "\n" + line(Self.corner, names, visible: names.map(\.count)))
  }

  mutating func row(_ index: Int, _ cells: [MatrixCell]) {
    guard let header else { return }
    var texts: [String] = []
    var visible: [Int] = []
    for cell in cells {
      let glyph = text(cell)
      visible.append(glyph.count)
      texts.append(colour(glyph, cell))
    }
    sink.write(line(header.rows[index], texts, visible: visible))
  }

  mutating func endMatrix() {
    guard let header, !header.rows.isEmpty, !header.columns.isEmpty,
      header.blockIndex == header.blockCount - 1
    else { return }
    var legend = "\n. allowed   X denied   # a pod to itself (implementation-defined)"
    if options.grouping != .pod {
      legend += width == nil ? "   n/m: n of m pod pairs allowed" : "   ~ some pod pairs allowed"
    }
    sink.write(legend + "\n")
    if keyed {
      let keyWidth = String(header.columns.count).count
      var text = "columns:\n"
      for (index, name) in header.columns.enumerated() {
        text += "  " + String(index + 1).leftAligned(keyWidth) + "  " + name + "\n"
      }
      sink.write(text)
    }
  }

  mutating func endDocument(notes: [String]) {
    guard !notes.isEmpty else { return }
    sink.write("\nnotes:\n" + notes.map { "  - \($0)\n" }.joined())
  }

  /// One line: the label padded, then each cell padded to its column, trailing blanks removed.
  private func line(_ label: String, _ cells: [String], visible: [Int]) -> String {
    var text = label.leftAligned(labelWidth)
    for (index, cell) in cells.enumerated() {
      text += "  " + cell
      if index < cells.count - 1 {
        text += String(repeating: " ", count: max(0, widths[index] - visible[index]))
      }
    }
    while text.last == " " { text.removeLast() }
    return text + "\n"
  }

  private func colour(_ glyph: String, _ cell: MatrixCell) -> String {
    guard options.color else { return glyph }
    let code = cell.isSelf ? "33" : cell.word == "allow" ? "32" : cell.word == "deny" ? "31" : "35"
    return "\u{1B}[\(code)m\(glyph)\u{1B}[0m"
  }
}

extension String {
  /// The string padded with blanks on the right to `width` characters.
  func leftAligned(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
