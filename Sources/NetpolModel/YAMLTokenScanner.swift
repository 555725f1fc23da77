/// The kinds of token that libyaml's scanner (the one Yams uses) produces.
enum YAMLTokenKind: UInt8, Sendable {
  case streamEnd, directive, documentStart, documentEnd
  case blockSequenceStart, blockMappingStart, blockEnd
  case flowSequenceStart, flowSequenceEnd, flowMappingStart, flowMappingEnd
  case blockEntry, flowEntry, key, value, alias, anchor, tag, scalar
}

/// One token: its kind and where it starts (byte offset; 0-based line and column in characters,
/// as libyaml counts them).
struct YAMLToken: Equatable, Sendable {
  var kind: YAMLTokenKind
  var offset: Int
  var line: Int
  var column: Int
}

/// The tokens of a YAML text, found without building any value: a replica of libyaml's scanner
/// (`scanner.c` of the copy Yams bundles) that follows the same rules for indentation, simple
/// keys, plain, quoted and block scalars, comments and flow collections, so that it sees aliases
/// and keys exactly where Yams will. Tokens come in libyaml's order (a `KEY` and a
/// `BLOCK-MAPPING-START` found late are put back before the key's first token). Scanning stops at
/// the first place where libyaml reports an error; `failure` then holds the byte offset of the
/// token being scanned.
struct YAMLTokenScanner {
  /// A place where a simple key (`key: value` without `?`) may start, per flow level.
  struct SimpleKey {
    var possible = false
    var required = false
    var tokenNumber = 0
    var mark = YAMLToken(kind: .key, offset: 0, line: 0, column: 0)
    var index = 0
  }

  let bytes: UnsafeBufferPointer<UInt8>
  /// The current byte offset, character index, 0-based line and column.
  var pos = 0
  var index = 0
  var line = 0
  var column = 0
  var flowLevel = 0
  var indent = -1
  var indents: [Int] = []
  var simpleKeyAllowed = true
  var simpleKeys = [SimpleKey()]
  /// Tokens found but not yet handed out; `head` is the next one, `parsed` counts handed out.
  var queue: [YAMLToken] = []
  var head = 0
  var parsed = 0
  var finished = false
  /// Where the token being scanned when libyaml would stop with an error begins.
  var failure: Int?
  /// The start of the token being fetched.
  var tokenStart = 0

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    // libyaml drops a byte-order mark at the start of the stream.
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
  }

  /// The next token in libyaml's order, or nil after the end of the stream or an error.
  mutating func next() -> YAMLToken? {
    while true {
      if head < queue.count, finished || !headIsPinned() {
        let token = queue[head]
        head += 1
        parsed += 1
        if head == queue.count {
          queue.removeAll(keepingCapacity: true)
          head = 0
        }
        return token
      }
      if finished { return nil }
      if !fetchNextToken() { finished = true }
    }
  }

  /// Whether a possible simple key may still put tokens before the head token.
  private func headIsPinned() -> Bool {
    simpleKeys.contains { $0.possible && $0.tokenNumber == parsed }
  }

  // MARK: - Reading characters

  func byte(_ offset: Int = 0) -> UInt8 {
    let at = pos + offset
    return at < bytes.count ? bytes[at] : 0
  }

  func check(_ char: Unicode.Scalar, _ offset: Int = 0) -> Bool {
    byte(offset) == UInt8(char.value)
  }

  /// Whether a line break (CR, LF, NEL, LS, PS) starts at `offset`.
  func isBreak(_ offset: Int = 0) -> Bool {
    switch byte(offset) {
    case 0x0A, 0x0D: return true
    case 0xC2: return byte(offset + 1) == 0x85
    case 0xE2: return byte(offset + 1) == 0x80 && (byte(offset + 2) | 1) == 0xA9
    default: return false
    }
  }

  func isBlank(_ offset: Int = 0) -> Bool { byte(offset) == 0x20 || byte(offset) == 0x09 }
  func isZ(_ offset: Int = 0) -> Bool { byte(offset) == 0 }
  func isBreakZ(_ offset: Int = 0) -> Bool { isBreak(offset) || isZ(offset) }
  func isBlankZ(_ offset: Int = 0) -> Bool { isBlank(offset) || isBreakZ(offset) }

  /// libyaml's "alpha": ASCII letters, digits, `_` and `-`.
  func isAlpha(_ offset: Int = 0) -> Bool {
    switch byte(offset) {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F, 0x2D: return true
    default: return false
    }
  }

  func isHex(_ offset: Int) -> Bool {
    switch byte(offset) {
    case 0x30...0x39, 0x41...0x46, 0x61...0x66: return true
    default: return false
    }
  }

  /// Whether `---` or `...` followed by a blank or the end starts the line here.
  func atDocumentIndicator() -> Bool {
    column == 0 && (isBlankZ(3))
      && ((check("-") && check("-", 1) && check("-", 2))
        || (check(".") && check(".", 1) && check(".", 2)))
  }

  /// Moves over one character.
  mutating func skip() {
    let lead = byte()
    pos += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    index += 1
    column += 1
  }

  /// Moves over one line break (CR LF counts as one break of two characters).
  mutating func skipLine() {
    if check("\r") && check("\n", 1) {
      pos += 2
      index += 2
    } else if isBreak() {
      pos += byte() < 0x80 ? 1 : byte() == 0xC2 ? 2 : 3
      index += 1
    } else {
      return
    }
    column = 0
    line += 1
  }

  /// The current position as a token of `kind`.
  func mark(_ kind: YAMLTokenKind) -> YAMLToken {
    YAMLToken(kind: kind, offset: pos, line: line, column: column)
  }

  /// Records that libyaml stops here; always returns false.
  mutating func fail() -> Bool {
    if failure == nil { failure = tokenStart }
    return false
  }

  // MARK: - Simple keys, flow levels and indentation

  mutating func staleSimpleKeys() -> Bool {
    for level in simpleKeys.indices where simpleKeys[level].possible {
      let key = simpleKeys[level]
      if key.mark.line < line || key.index + 1024 < index {
        if key.required { return fail() }
        simpleKeys[level].possible = false
      }
    }
    return true
  }

  mutating func saveSimpleKey() -> Bool {
    guard simpleKeyAllowed else { return true }
    var key = SimpleKey()
    key.possible = true
    key.required = flowLevel == 0 && indent == column
    key.tokenNumber = parsed + queue.count - head
    key.mark = mark(.key)
    key.index = index
    guard removeSimpleKey() else { return false }
    simpleKeys[simpleKeys.count - 1] = key
    return true
  }

  mutating func removeSimpleKey() -> Bool {
    let last = simpleKeys.count - 1
    if simpleKeys[last].possible && simpleKeys[last].required { return fail() }
    simpleKeys[last].possible = false
    return true
  }

  mutating func increaseFlowLevel() {
    simpleKeys.append(SimpleKey())
    flowLevel += 1
  }

  mutating func decreaseFlowLevel() {
    guard flowLevel > 0 else { return }
    flowLevel -= 1
    simpleKeys.removeLast()
  }

  /// Opens a block collection at `column` if it is deeper than the current indentation; the
  /// start token goes at the end of the queue, or before token `number` when given.
  mutating func rollIndent(_ column: Int, number: Int?, _ token: YAMLToken) {
    guard flowLevel == 0, indent < column else { return }
    indents.append(indent)
    indent = column
    if let number {
      queue.insert(token, at: head + number - parsed)
    } else {
      queue.append(token)
    }
  }

  /// Closes the block collections deeper than `column`.
  mutating func unrollIndent(_ column: Int) {
    guard flowLevel == 0 else { return }
    while indent > column {
      queue.append(mark(.blockEnd))
      indent = indents.popLast() ?? -1
    }
  }
}
