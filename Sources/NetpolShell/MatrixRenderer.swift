import NetpolEngine
import NetpolModel

/// The text of one verdict matrix: sources as rows, destinations as columns.
enum MatrixRenderer {
  static func render(
    _ matrix: VerdictMatrix, title: String, rows: EndpointFilter?, columns: EndpointFilter?,
    inventory: Inventory, style: Style, cancellation: Cancellation = .never
  ) throws(Cancelled) -> String {
    let rowIndices = matrix.sources.indices.filter {
      rows?.matches(matrix.sources[$0], inventory: inventory) ?? true
    }
    let columnIndices = matrix.destinations.indices.filter {
      columns?.matches(matrix.destinations[$0], inventory: inventory) ?? true
    }
    guard !rowIndices.isEmpty, !columnIndices.isEmpty else {
      return "\(title): no flows match the filters"
    }
    var table = TextTable()
    table.add(["from \\ to"] + columnIndices.map { matrix.destinations[$0] })
    var sawSelf = false
    for row in rowIndices {
      try cancellation.checkpoint()
      var cells = [matrix.sources[row]]
      var widths: [Int?] = [nil]
      for column in columnIndices {
        let verdict = matrix.verdicts[row][column]
        var word = verdict.rawValue
        if matrix.sources[row] == matrix.destinations[column] {
          word = "(\(word))"
          sawSelf = true
        }
        cells.append(verdict == .deny ? style.red(word) : style.green(word))
        widths.append(word.count)
      }
      table.add(cells, visible: widths)
    }
    var text = title + "\n" + table.render()
    if sawSelf {
      text += "\n(...) = a pod to itself: implementation-defined (semantics.md §6)"
    }
    return text
  }
}
