import NetpolModel

/// The output formats of `netpol matrix`.
public enum MatrixFormat: String, Sendable, CaseIterable {
  /// The upstream e2e truth table (tab-separated).
  case table
  /// Aligned columns with a legend.
  case wide
  /// The JSON contract of `matrix -o json`.
  case json
  /// One row per cell.
  case csv
  /// A Markdown table.
  case markdown
  /// A Graphviz digraph of allowed flows.
  case dot
}

/// Renders verdict matrices in the formats of `netpol matrix`.
public enum MatrixRenderer {
  /// All matrices in one format; the text ends in a newline.
  public static func render(_ matrices: [VerdictMatrix], format: MatrixFormat, color: Bool)
    -> String
  {
    if format == .json { return json(matrices) + "\n" }
    let matrices = matrices.map { matrix in
      var shown = matrix
      shown.sources = matrix.sources.map { DisplayText.escaped($0) }
      shown.destinations = matrix.destinations.map { DisplayText.escaped($0) }
      return shown
    }
    switch format {
    case .json: return json(matrices) + "\n"
    case .csv: return csv(matrices)
    case .dot: return dot(matrices)
    case .table, .wide, .markdown:
      var blocks: [String] = []
      for matrix in matrices {
        var block = ""
        if matrices.count > 1 || format != .table {
          block += "\(matrix.protocol.rawValue)/\(matrix.port)\n"
          if format == .markdown { block += "\n" }
        }
        switch format {
        case .wide: block += wide(matrix, color: color)
        case .markdown: block += markdown(matrix)
        default: block += table(matrix, color: color)
        }
        blocks.append(block)
      }
      return blocks.joined(separator: "\n")
    }
  }

  /// `.`, `X` or `#`, optionally coloured (green, red, yellow).
  static func mark(_ matrix: VerdictMatrix, _ row: Int, _ column: Int, color: Bool) -> String {
    let symbol: String
    let code: String
    if matrix.isSelf(row, column) {
      symbol = "#"
      code = "33"
    } else if matrix.verdicts[row][column] == .allow {
      symbol = "."
      code = "32"
    } else {
      symbol = "X"
      code = "31"
    }
    return color ? "\u{1B}[\(code)m\(symbol)\u{1B}[0m" : symbol
  }

  /// The upstream e2e truth table: `-` and the destinations, then one tab-separated row per
  /// source (kubernetes `test/e2e/network/netpol/truthtable.go` `PrettyPrint`).
  static func table(_ matrix: VerdictMatrix, color: Bool) -> String {
    var lines = [(["-"] + matrix.destinations).joined(separator: "\t")]
    for (row, source) in matrix.sources.enumerated() {
      let marks = matrix.destinations.indices.map { mark(matrix, row, $0, color: color) }
      lines.append(([source] + marks).joined(separator: "\t"))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The same table with aligned columns and a legend.
  static func wide(_ matrix: VerdictMatrix, color: Bool) -> String {
    let first = max(1, matrix.sources.map(\.count).max() ?? 1)
    var header = "-".padding(toLength: first, withPad: " ", startingAt: 0)
    for destination in matrix.destinations { header += "  " + destination }
    var lines = [header]
    for (row, source) in matrix.sources.enumerated() {
      var line = source.padding(toLength: first, withPad: " ", startingAt: 0)
      for (column, destination) in matrix.destinations.enumerated() {
        let cell = mark(matrix, row, column, color: color)
        line += "  " + cell + String(repeating: " ", count: max(0, destination.count - 1))
      }
      while line.hasSuffix(" ") { line.removeLast() }
      lines.append(line)
    }
    let counts = matrix.counts
    lines.append("")
    lines.append(
      ". allowed (\(counts.allowed))   X denied (\(counts.denied))   # self, implementation-defined"
    )
    return lines.joined(separator: "\n") + "\n"
  }

  /// A GitHub-flavoured Markdown table.
  static func markdown(_ matrix: VerdictMatrix) -> String {
    func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
    var lines = ["| - | " + matrix.destinations.map(escape).joined(separator: " | ") + " |"]
    lines.append("|" + String(repeating: " --- |", count: matrix.destinations.count + 1))
    for (row, source) in matrix.sources.enumerated() {
      let marks = matrix.destinations.indices.map { mark(matrix, row, $0, color: false) }
      lines.append("| " + escape(source) + " | " + marks.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The JSON contract of `matrix -o json`: `{"matrices":[{"port":80,"protocol":"TCP",...}]}`.
  static func json(_ matrices: [VerdictMatrix]) -> String {
    func string(_ text: String) -> String {
      var output = "\""
      for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": output += "\\\""
        case "\\": output += "\\\\"
        default:
          if DisplayText.isUnsafe(scalar) {
            for unit in String(scalar).utf16 {
              let hex = String(unit, radix: 16)
              output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
          } else {
            output.unicodeScalars.append(scalar)
          }
        }
      }
      return output + "\""
    }
    let items = matrices.map { matrix in
      let rows = matrix.verdicts.map { row in
        "[" + row.map { "\"\($0.rawValue)\"" }.joined(separator: ",") + "]"
      }
      return "{\"port\":\(matrix.port),\"protocol\":\"\(matrix.protocol.rawValue)\","
        + "\"sources\":[" + matrix.sources.map(string).joined(separator: ",") + "],"
        + "\"destinations\":[" + matrix.destinations.map(string).joined(separator: ",") + "],"
        + "\"verdicts\":[" + rows.joined(separator: ",") + "]}"
    }
    return "{\"matrices\":[" + items.joined(separator: ",") + "]}"
  }

  /// One row per cell: `protocol,port,source,destination,verdict,self`.
  static func csv(_ matrices: [VerdictMatrix]) -> String {
    func field(_ text: String) -> String {
      text.contains(",") || text.contains("\"")
        ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
    var lines = ["protocol,port,source,destination,verdict,self"]
    for matrix in matrices {
      for (row, source) in matrix.sources.enumerated() {
        for (column, destination) in matrix.destinations.enumerated() {
          lines.append(
            "\(matrix.protocol.rawValue),\(matrix.port),\(field(source)),\(field(destination)),"
              + "\(matrix.verdicts[row][column].rawValue),\(matrix.isSelf(row, column))")
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A Graphviz digraph with one edge per allowed flow (self traffic left out).
  static func dot(_ matrices: [VerdictMatrix]) -> String {
    var lines = ["digraph netpol {", "  rankdir=LR;", "  node [shape=box];"]
    var nodes: [String] = []
    for matrix in matrices {
      for id in matrix.sources + matrix.destinations where !nodes.contains(id) { nodes.append(id) }
    }
    for node in nodes { lines.append("  \"\(node)\";") }
    for matrix in matrices {
      for (row, source) in matrix.sources.enumerated() {
        for (column, destination) in matrix.destinations.enumerated()
        where matrix.verdicts[row][column] == .allow && !matrix.isSelf(row, column) {
          lines.append(
            "  \"\(source)\" -> \"\(destination)\" [label=\"\(matrix.protocol.rawValue)/\(matrix.port)\"];"
          )
        }
      }
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }
}
