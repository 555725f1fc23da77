/// Left-aligned columns separated by two blanks; trailing blanks are trimmed.
public struct TextTable {
  /// The cells, row by row.
  public var rows: [[String]] = []
  /// Cells whose printed width differs from their character count (colour codes), by row and
  /// column: the visible width to use.
  public var visibleWidths: [[Int?]] = []

  /// An empty table.
  public init() {}

  /// Appends a row; `visible` gives the printed width of cells with colour codes.
  public mutating func add(_ row: [String], visible: [Int?]? = nil) {
    rows.append(row)
    visibleWidths.append(visible ?? Array(repeating: nil, count: row.count))
  }

  /// The table's lines, each prefixed by `indent`, without a final newline.
  public func render(indent: String = "") -> String {
    let columns = rows.map(\.count).max() ?? 0
    var widths = Array(repeating: 0, count: columns)
    for (r, row) in rows.enumerated() {
      for (c, cell) in row.enumerated() {
        widths[c] = max(widths[c], visibleWidths[r][c] ?? cell.count)
      }
    }
    var lines: [String] = []
    for (r, row) in rows.enumerated() {
      var line = indent
      for (c, cell) in row.enumerated() {
        line += cell
        if c < row.count - 1 {
          let width = visibleWidths[r][c] ?? cell.count
          line += String(repeating: " ", count: widths[c] - width + 2)
        }
      }
      while line.last == " " { line.removeLast() }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }
}

/// ANSI colouring that does nothing when colour is off.
public struct Style: Sendable {
  /// Whether colour codes are written.
  public var enabled: Bool

  /// A style that colours when `enabled`.
  public init(enabled: Bool) { self.enabled = enabled }

  /// `text` in red.
  public func red(_ text: String) -> String { wrap(text, "31") }
  /// `text` in green.
  public func green(_ text: String) -> String { wrap(text, "32") }
  /// `text` in yellow.
  public func yellow(_ text: String) -> String { wrap(text, "33") }
  /// `text` in bold.
  public func bold(_ text: String) -> String { wrap(text, "1") }

  private func wrap(_ text: String, _ code: String) -> String {
    enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
