import CYaml

/// Reads the documents of a YAML text from libyaml's events (Yams' copy of libyaml, so one
/// libyaml is linked), building `YAMLNode` trees with `YAMLTreeBuilder`.
final class YAMLEventParser {
  private let parser: UnsafeMutablePointer<yaml_parser_t>
  private var event = yaml_event_t()
  private var builder: YAMLTreeBuilder
  private let aliasesAllowed: Bool
  private var finished = false

  /// A parser over `bytes`, which must stay valid while it is used.
  init(bytes: UnsafeBufferPointer<UInt8>, skipping: Bool, aliasesAllowed: Bool) {
    parser = .allocate(capacity: 1)
    parser.initialize(to: yaml_parser_t())
    yaml_parser_initialize(parser)
    yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
    yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
    builder = YAMLTreeBuilder(skipping: skipping)
    self.aliasesAllowed = aliasesAllowed
  }

  deinit {
    yaml_parser_delete(parser)
    parser.deinitialize(count: 1)
    parser.deallocate()
  }

  /// The next document's root, nil at the end of the stream.
  func nextDocument() throws(YAMLParseError) -> YAMLNode? {
    if finished { return nil }
    builder.startDocument()
    while true {
      guard yaml_parser_parse(parser, &event) == 1 else { throw error() }
      defer { yaml_event_delete(&event) }
      let mark = YAMLMark(
        line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
      switch event.type {
      case YAML_STREAM_END_EVENT:
        finished = true
        return nil
      case YAML_DOCUMENT_END_EVENT:
        return builder.root
      case YAML_SCALAR_EVENT:
        let data = event.data.scalar
        var text: String?
        if builder.wantsText {
          text = String(
            decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
        }
        let style: YAMLScalar.Style
        switch data.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: style = .literal
        case YAML_FOLDED_SCALAR_STYLE: style = .folded
        default: style = .plain
        }
        let tag = data.quoted_implicit == 1 ? YAMLScalar.stringTag : Self.string(data.tag)
        try builder.scalar(
          text, style: style, tag: tag, anchor: Self.string(data.anchor), mark: mark)
      case YAML_SEQUENCE_START_EVENT:
        builder.start(
          mapping: false, anchor: Self.string(event.data.sequence_start.anchor), mark: mark)
      case YAML_MAPPING_START_EVENT:
        builder.start(
          mapping: true, anchor: Self.string(event.data.mapping_start.anchor), mark: mark)
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        try builder.end()
      case YAML_ALIAS_EVENT:
        guard aliasesAllowed else { throw .aliasRefused(mark: mark) }
        try builder.alias(Self.string(event.data.alias.anchor) ?? "", mark: mark)
      default:
        continue
      }
    }
  }

  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
  }

  private func error() -> YAMLParseError {
    let state = parser.pointee
    let problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
    if state.error == YAML_READER_ERROR {
      return .reader(problem: problem, offset: state.problem_offset)
    }
    let mark = YAMLMark(
      line: Int(state.problem_mark.line) + 1, column: Int(state.problem_mark.column) + 1)
    var context: (text: String, mark: YAMLMark)?
    if let text = state.context {
      context = (
        String(cString: text),
        YAMLMark(
          line: Int(state.context_mark.line) + 1, column: Int(state.context_mark.column) + 1)
      )
    }
    return .syntax(problem: problem, context: context, mark: mark)
  }
}
