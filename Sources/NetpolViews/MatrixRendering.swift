import NetpolEngine
import NetpolModel

/// The output formats of a verdict matrix.
public enum MatrixFormat: String, Sendable, CaseIterable {
  /// Aligned columns with a title and a legend, fitted to a width when one is given.
  case table
  /// The aligned table at full width, never paged.
  case wide
  /// The upstream e2e truth table: tab-separated `.`, `X` and `#`.
  case tsv
  /// One JSON document (see docs/json.md).
  case json
  /// One line per cell.
  case csv
  /// Markdown tables.
  case markdown
  /// A Graphviz digraph of allowed flows.
  case dot
  /// One self-contained HTML page with a heatmap per matrix.
  case html

  /// The grouping a format uses when none is asked for: scripts' formats keep one row per pod
  /// whatever the data; the others group by workload when some pod has a controller.
  public func defaultGrouping(_ scope: ViewScope) -> Grouping {
    switch self {
    case .json, .csv, .tsv: return .pod
    default: return scope.hasWorkloads ? .workload : .pod
    }
  }
}

/// What to show of a matrix and how.
public struct MatrixViewOptions: Sendable {
  /// The format.
  public var format: MatrixFormat
  /// Asked before each matrix and row; when it answers true, rendering stops early (the shell's
  /// Ctrl-C). The output is then incomplete and the caller discards it.
  public var stop: @Sendable () -> Bool = { false }
  /// One row per pod, workload or namespace.
  public var grouping: Grouping
  /// Sources to show (any pattern matching); all when empty.
  public var from: [EndpointPattern]
  /// Destinations to show (any pattern matching); all when empty.
  public var to: [EndpointPattern]
  /// Only pods of this namespace, as sources and destinations.
  public var namespace: String?
  /// The width to fit the table into (`table` only); `nil` for no limit.
  public var width: Int?
  /// Whether to colour the glyphs with ANSI codes.
  public var color: Bool

  /// Options for a format; everything shown, no fitting, no colour.
  public init(
    format: MatrixFormat, grouping: Grouping = .pod, from: [EndpointPattern] = [],
    to: [EndpointPattern] = [], namespace: String? = nil, width: Int? = nil, color: Bool = false
  ) {
    self.format = format
    self.grouping = grouping
    self.from = from
    self.to = to
    self.namespace = namespace
    self.width = width
    self.color = color
  }
}

/// What every rendering says about where the verdicts come from.
public struct MatrixContext: Sendable {
  /// The inventory, indexed.
  public var scope: ViewScope
  /// The dataplane whose semantics were applied.
  public var dataplane: Dataplane
  /// The Cilium version assumed, for Cilium dataplanes.
  public var ciliumVersion: CiliumVersion?
  /// Whether flows to raw addresses use every FQDN of the inventory as learned.
  public var warmFQDNCache: Bool

  /// The context of an engine's matrices.
  public init(engine: PolicyEngine, scope: ViewScope? = nil) {
    self.scope = scope ?? ViewScope(engine.inventory)
    dataplane = engine.dataplane
    ciliumVersion = engine.profile.ciliumVersion
    warmFQDNCache = engine.options.warmFQDNCache
  }

  /// `kubernetes`, `cilium (Cilium 1.18)`.
  public var dataplaneTitle: String {
    dataplane.rawValue + (ciliumVersion.map { " (Cilium \($0))" } ?? "")
  }

  /// `80/TCP on cilium (Cilium 1.18)`.
  public func title(_ proto: FlowProtocol, _ port: Int) -> String {
    "\(port)/\(proto.rawValue) on \(dataplaneTitle)"
  }
}

/// The header of one matrix (or one column block of it) handed to a format.
struct MatrixHeader {
  /// Port and protocol.
  var port: Int
  var proto: FlowProtocol
  /// `80/TCP on kubernetes`.
  var title: String
  /// All row labels, all column labels, and the columns of this block.
  var rows: [String]
  var rowSizes: [Int]
  var columns: [String]
  var columnSizes: [Int]
  var block: [Int]
  /// Which block this is, and how many there are.
  var blockIndex: Int
  var blockCount: Int
  /// The matrix's notes.
  var notes: [String]
}

/// One output format, fed a document of matrices row by row.
protocol MatrixFormatter {
  /// The column blocks to print a matrix in (one block of every column unless paged).
  func blocks(_ layout: MatrixLayout) -> [[Int]]
  mutating func beginDocument()
  mutating func beginMatrix(_ header: MatrixHeader)
  mutating func row(_ index: Int, _ cells: [MatrixCell])
  mutating func endMatrix()
  mutating func endDocument(notes: [String])
}

extension MatrixFormatter {
  func blocks(_ layout: MatrixLayout) -> [[Int]] { [Array(layout.columnLabels.indices)] }
}

/// Renders verdict matrices in every format, writing each row as soon as it is known.
public enum MatrixRenderer {
  /// Writes `matrices` to `sink` in the options' format. The matrices are read row by row, once
  /// per column block, and no more of them is kept than one row of each unfinished group.
  public static func render(
    _ matrices: [any MatrixRows], context: MatrixContext, options: MatrixViewOptions,
    to sink: TextSink
  ) {
    switch options.format {
    case .table, .wide:
      var formatter = TableFormatter(
        sink: sink, options: options, width: options.format == .table ? options.width : nil)
      run(&formatter, matrices, context, options)
    case .tsv:
      var formatter = TSVFormatter(sink: sink, color: options.color)
      run(&formatter, matrices, context, options)
    case .json:
      var formatter = JSONFormatter(sink: sink, context: context, grouping: options.grouping)
      run(&formatter, matrices, context, options)
    case .csv:
      var formatter = CSVFormatter(sink: sink, grouped: options.grouping != .pod)
      run(&formatter, matrices, context, options)
    case .markdown:
      var formatter = MarkdownFormatter(sink: sink)
      run(&formatter, matrices, context, options)
    case .dot:
      var formatter = DotFormatter(sink: sink)
      run(&formatter, matrices, context, options)
    case .html:
      var formatter = HTMLFormatter(sink: sink, context: context, grouping: options.grouping)
      run(&formatter, matrices, context, options)
    }
  }

  /// The rendering as a string.
  public static func string(
    _ matrices: [any MatrixRows], context: MatrixContext, options: MatrixViewOptions
  ) -> String {
    let sink = StringSink()
    render(matrices, context: context, options: options, to: sink)
    return sink.text
  }

  private static func run(
    _ formatter: inout some MatrixFormatter, _ matrices: [any MatrixRows],
    _ context: MatrixContext, _ options: MatrixViewOptions
  ) {
    formatter.beginDocument()
    var notes: [String] = []
    for matrix in matrices {
      if options.stop() { return }
      for note in matrix.notes where !notes.contains(note) { notes.append(note) }
      let layout = MatrixLayout(matrix, options: options, scope: context.scope)
      let blocks = formatter.blocks(layout)
      for (index, block) in blocks.enumerated() {
        formatter.beginMatrix(
          MatrixHeader(
            port: matrix.port, proto: matrix.protocol,
            title: context.title(matrix.protocol, matrix.port), rows: layout.rowLabels,
            rowSizes: layout.rowSizes, columns: layout.columnLabels,
            columnSizes: layout.columnSizes, block: block, blockIndex: index,
            blockCount: blocks.count, notes: matrix.notes))
        var stopped = false
        layout.forEachRow(of: matrix, block: block) { index, cells in
          if stopped || options.stop() {
            stopped = true
            return
          }
          formatter.row(index, cells)
        }
        if stopped { return }
        formatter.endMatrix()
      }
    }
    formatter.endDocument(notes: notes)
  }
}
