/// A byte-level JSON parser for `kubectl get -o json` output, building the same `YAMLNode` tree
/// (with the same marks) that the YAML parser would. It accepts strict JSON only; on anything
/// else it gives up and the caller parses the text as YAML, which reports the problem.
struct JSONReader {
  /// Why the JSON parser gave up.
  struct GiveUp: Error {}

  private let base: UnsafePointer<UInt8>
  private let count: Int
  private var index = 0
  private var line = 1
  private var lineStart = 0
  /// The last column computed, to count from there on long lines.
  private var columnCache = (offset: 0, column: 1)
  private var builder: YAMLTreeBuilder
  /// The open containers: true for an object.
  private var open: [Bool] = []

  /// Whether the first byte that is not blank opens an object or an array.
  static func looksLikeJSON(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for byte in bytes {
      switch byte {
      case 0x20, 0x09, 0x0A, 0x0D: continue
      case UInt8(ascii: "{"), UInt8(ascii: "["): return true
      default: return false
      }
    }
    return false
  }

  init(bytes: UnsafeBufferPointer<UInt8>, skipping: Bool) {
    base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
    count = bytes.count
    builder = YAMLTreeBuilder(skipping: skipping)
  }

  /// The one JSON value of the text.
  mutating func document() throws -> YAMLNode {
    try value()
    while !open.isEmpty {
      skipBlanks()
      guard index < count else { throw GiveUp() }
      let isObject = open[open.count - 1]
      let byte = base[index]
      if byte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
        index += 1
        open.removeLast()
        try builder.end()
        continue
      }
      guard byte == UInt8(ascii: ",") else { throw GiveUp() }
      index += 1
      if isObject { try key() }
      try value()
    }
    skipBlanks()
    guard index == count, let root = builder.root else { throw GiveUp() }
    return root
  }

  /// Reads a key and its colon.
  private mutating func key() throws {
    skipBlanks()
    guard index < count, base[index] == UInt8(ascii: "\"") else { throw GiveUp() }
    try string()
    skipBlanks()
    guard index < count, base[index] == UInt8(ascii: ":") else { throw GiveUp() }
    index += 1
  }

  /// Reads a value; a container is opened and its first entry read (the loop reads the rest).
  private mutating func value() throws {
    skipBlanks()
    guard index < count else { throw GiveUp() }
    switch base[index] {
    case UInt8(ascii: "\""):
      try string()
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      let isObject = base[index] == UInt8(ascii: "{")
      guard open.count < 1000 else { throw GiveUp() }
      builder.start(mapping: isObject, anchor: nil, mark: mark())
      open.append(isObject)
      index += 1
      skipBlanks()
      guard index < count else { throw GiveUp() }
      if base[index] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
        index += 1
        open.removeLast()
        try builder.end()
        return
      }
      if isObject { try key() }
      try value()
    default:
      try bare()
    }
  }

  /// `true`, `false`, `null` or a number, as a plain scalar.
  private mutating func bare() throws {
    let start = index
    let mark = mark()
    while index < count {
      switch base[index] {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "E"):
        index += 1
        continue
      default: break
      }
      break
    }
    let text = String(
      decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
    guard text == "true" || text == "false" || text == "null" || Self.isNumber(text) else {
      throw GiveUp()
    }
    try builder.scalar(
      builder.wantsText ? text : nil, style: .plain, tag: nil, anchor: nil, mark: mark)
  }

  /// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`.
  static func isNumber(_ text: String) -> Bool {
    var bytes = text.utf8[...]
    if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    func digits(_ bytes: inout Substring.UTF8View.SubSequence) -> Int {
      let run = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
      bytes = bytes.dropFirst(run)
      return run
    }
    let first = bytes.first
    let whole = digits(&bytes)
    guard whole > 0, first != UInt8(ascii: "0") || whole == 1 else { return false }
    if bytes.first == UInt8(ascii: ".") {
      bytes = bytes.dropFirst()
      guard digits(&bytes) > 0 else { return false }
    }
    if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
      bytes = bytes.dropFirst()
      if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") {
        bytes = bytes.dropFirst()
      }
      guard digits(&bytes) > 0 else { return false }
    }
    return bytes.isEmpty
  }

  /// A double-quoted string, unescaped; the text is made only when the builder keeps it.
  private mutating func string() throws {
    let mark = mark()
    index += 1
    let start = index
    var escaped = false
    while true {
      guard index < count else { throw GiveUp() }
      let byte = base[index]
      if byte == UInt8(ascii: "\"") { break }
      if byte < 0x20 { throw GiveUp() }
      if byte == UInt8(ascii: "\\") {
        escaped = true
        index += 2
      } else {
        index += 1
      }
    }
    let raw = UnsafeBufferPointer(start: base + start, count: index - start)
    index += 1
    var text: String?
    if builder.wantsText {
      text = escaped ? try Self.unescape(raw) : String(decoding: raw, as: UTF8.self)
    }
    try builder.scalar(
      text, style: .doubleQuoted, tag: YAMLScalar.stringTag, anchor: nil, mark: mark)
  }

  private static func unescape(_ raw: UnsafeBufferPointer<UInt8>) throws -> String {
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var position = 0
    func hex4() throws -> UInt32 {
      guard position + 4 < raw.count else { throw GiveUp() }
      var value: UInt32 = 0
      for offset in 1...4 {
        guard let digit = Character(Unicode.Scalar(raw[position + offset])).hexDigitValue
        else { throw GiveUp() }
        value = value * 16 + UInt32(digit)
      }
      position += 5
      return value
    }
    while position < raw.count {
      let byte = raw[position]
      guard byte == UInt8(ascii: "\\") else {
        out.append(byte)
        position += 1
        continue
      }
      guard position + 1 < raw.count else { throw GiveUp() }
      position += 1
      let simple: UInt8?
      switch raw[position] {
      case UInt8(ascii: "\""): simple = 0x22
      case UInt8(ascii: "\\"): simple = 0x5C
      case UInt8(ascii: "/"): simple = 0x2F
      case UInt8(ascii: "b"): simple = 0x08
      case UInt8(ascii: "f"): simple = 0x0C
      case UInt8(ascii: "n"): simple = 0x0A
      case UInt8(ascii: "r"): simple = 0x0D
      case UInt8(ascii: "t"): simple = 0x09
      case UInt8(ascii: "u"): simple = nil
      default: throw GiveUp()
      }
      if let simple {
        out.append(simple)
        position += 1
        continue
      }
      var scalar = try hex4()
      if (0xD800...0xDBFF).contains(scalar) {
        guard position + 1 < raw.count, raw[position] == UInt8(ascii: "\\"),
          raw[position + 1] == UInt8(ascii: "u")
        else { throw GiveUp() }
        position += 1
        let low = try hex4()
        guard (0xDC00...0xDFFF).contains(low) else { throw GiveUp() }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      }
      guard let unicode = Unicode.Scalar(scalar) else { throw GiveUp() }
      out.append(contentsOf: String(Character(unicode)).utf8)
    }
    return String(decoding: out, as: UTF8.self)
  }

  private mutating func skipBlanks() {
    while index < count {
      switch base[index] {
      case 0x20, 0x09:
        index += 1
      case 0x0A:
        index += 1
        newLine()
      case 0x0D:
        index += 1
        if index < count, base[index] == 0x0A { index += 1 }
        newLine()
      default:
        return
      }
    }
  }

  private mutating func newLine() {
    line += 1
    lineStart = index
    columnCache = (index, 1)
  }

  /// The mark of the current byte; the column counts Unicode scalars from the line start.
  private mutating func mark() -> YAMLMark {
    var (offset, column) = columnCache
    if offset < lineStart || offset > index { (offset, column) = (lineStart, 1) }
    while offset < index {
      if base[offset] & 0xC0 != 0x80 { column += 1 }
      offset += 1
    }
    columnCache = (index, column)
    return YAMLMark(line: line, column: column)
  }
}
