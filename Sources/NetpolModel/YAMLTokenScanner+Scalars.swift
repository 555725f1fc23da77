/// The extent of block, quoted and plain scalars, as libyaml's `yaml_parser_scan_*_scalar`
/// measure it (the value itself is not built).
extension YAMLTokenScanner {
  /// `|` or `>`, its indicators and comment, then every line indented at least as much as the
  /// first non-empty one (and more than the enclosing collection).
  mutating func fetchBlockScalar() -> Bool {
    guard removeSimpleKey() else { return false }
    simpleKeyAllowed = true
    let token = mark(.scalar)
    skip()
    var increment = 0
    if check("+") || check("-") {
      skip()
      if let digit = indentationDigit() {
        guard digit > 0 else { return fail() }
        increment = digit
        skip()
      }
    } else if let digit = indentationDigit() {
      guard digit > 0 else { return fail() }
      increment = digit
      skip()
      if check("+") || check("-") { skip() }
    }
    while isBlank() { skip() }
    if check("#") {
      while !isBreakZ() { skip() }
    }
    guard isBreakZ() else { return fail() }
    skipLine()
    var contentIndent = 0
    if increment > 0 { contentIndent = indent >= 0 ? indent + increment : increment }
    guard blockScalarBreaks(&contentIndent) else { return false }
    while column == contentIndent && !isZ() {
      while !isBreakZ() { skip() }
      skipLine()
      guard blockScalarBreaks(&contentIndent) else { return false }
    }
    queue.append(token)
    return true
  }

  private func indentationDigit() -> Int? {
    let value = byte()
    guard value >= 0x30, value <= 0x39 else { return nil }
    return Int(value - 0x30)
  }

  /// Skips indentation spaces and empty lines; settles the content indentation if not known.
  private mutating func blockScalarBreaks(_ contentIndent: inout Int) -> Bool {
    var maxIndent = 0
    while true {
      while (contentIndent == 0 || column < contentIndent) && check(" ") { skip() }
      maxIndent = max(maxIndent, column)
      if (contentIndent == 0 || column < contentIndent) && check("\t") { return fail() }
      guard isBreak() else { break }
      skipLine()
    }
    if contentIndent == 0 { contentIndent = max(maxIndent, indent + 1, 1) }
    return true
  }

  /// `'...'` (with `''` for a quote) or `"..."` (with backslash escapes), over any lines.
  mutating func fetchFlowScalar(single: Bool) -> Bool {
    guard saveSimpleKey() else { return false }
    simpleKeyAllowed = false
    let token = mark(.scalar)
    let quote = byte()
    skip()
    while true {
      if atDocumentIndicator() || isZ() { return fail() }
      while !isBlankZ() {
        if single && check("'") && check("'", 1) {
          skip()
          skip()
        } else if byte() == quote {
          break
        } else if !single && check("\\") && isBreak(1) {
          skip()
          skipLine()
          break
        } else if !single && check("\\") {
          guard skipEscape() else { return fail() }
        } else {
          skip()
        }
      }
      if byte() == quote { break }
      while isBlank() || isBreak() {
        if isBlank() { skip() } else { skipLine() }
      }
    }
    skip()
    queue.append(token)
    return true
  }

  /// Skips a backslash escape of a double-quoted scalar; false if libyaml rejects it.
  private mutating func skipEscape() -> Bool {
    let codeLength: Int
    switch byte(1) {
    case UInt8(ascii: "0"), UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "t"), 0x09,
      UInt8(ascii: "n"), UInt8(ascii: "v"), UInt8(ascii: "f"), UInt8(ascii: "r"),
      UInt8(ascii: "e"), UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "/"),
      UInt8(ascii: "\\"), UInt8(ascii: "N"), UInt8(ascii: "_"), UInt8(ascii: "L"),
      UInt8(ascii: "P"):
      codeLength = 0
    case UInt8(ascii: "x"): codeLength = 2
    case UInt8(ascii: "u"): codeLength = 4
    case UInt8(ascii: "U"): codeLength = 8
    default: return false
    }
    skip()
    skip()
    guard codeLength > 0 else { return true }
    var value: UInt32 = 0
    for offset in 0..<codeLength {
      guard isHex(offset) else { return false }
      let digit = byte(offset)
      let nibble = digit <= 0x39 ? digit - 0x30 : (digit | 0x20) - 0x61 + 10
      value = (value << 4) + UInt32(nibble)
    }
    if (0xD800...0xDFFF).contains(value) || value > 0x10FFFF { return false }
    for _ in 0..<codeLength { skip() }
    return true
  }

  /// A plain scalar: up to `: `, ` #`, a flow indicator inside a flow collection, or a line
  /// that is not indented more than the enclosing block collection.
  mutating func fetchPlainScalar() -> Bool {
    guard saveSimpleKey() else { return false }
    simpleKeyAllowed = false
    let token = mark(.scalar)
    let minimum = indent + 1
    var leadingBlanks = false
    while true {
      if atDocumentIndicator() || check("#") { break }
      while !isBlankZ() {
        if flowLevel > 0 && check(":") && (check("?", 1) || isFlowIndicator(1)) { return fail() }
        if (check(":") && isBlankZ(1)) || (flowLevel > 0 && isFlowIndicator()) { break }
        leadingBlanks = false
        skip()
      }
      guard isBlank() || isBreak() else { break }
      while isBlank() || isBreak() {
        if isBlank() {
          if leadingBlanks && column < minimum && check("\t") { return fail() }
          skip()
        } else {
          skipLine()
          leadingBlanks = true
        }
      }
      if flowLevel == 0 && column < minimum { break }
    }
    if leadingBlanks { simpleKeyAllowed = true }
    queue.append(token)
    return true
  }

  /// Whether one of `,[]{}` is at `offset`.
  private func isFlowIndicator(_ offset: Int = 0) -> Bool {
    switch byte(offset) {
    case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
      UInt8(ascii: "}"):
      return true
    default: return false
    }
  }
}
