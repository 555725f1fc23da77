/// Finding the next token, as libyaml's `yaml_parser_fetch_next_token` and the fetchers it calls.
extension YAMLTokenScanner {
  /// Scans one more token into the queue; false at the end of the stream or at an error.
  mutating func fetchNextToken() -> Bool {
    scanToNextToken()
    tokenStart = pos
    guard staleSimpleKeys() else { return false }
    unrollIndent(column)
    if isZ() {
      fetchStreamEnd()
      return false
    }
    if column == 0 && check("%") {
      return fetchLineStarter(.directive)
    }
    if atDocumentIndicator() {
      return fetchLineStarter(check("-") ? .documentStart : .documentEnd)
    }
    switch byte() {
    case UInt8(ascii: "["): return fetchFlowCollectionStart(.flowSequenceStart)
    case UInt8(ascii: "{"): return fetchFlowCollectionStart(.flowMappingStart)
    case UInt8(ascii: "]"): return fetchFlowCollectionEnd(.flowSequenceEnd)
    case UInt8(ascii: "}"): return fetchFlowCollectionEnd(.flowMappingEnd)
    case UInt8(ascii: ","): return fetchFlowEntry()
    default: break
    }
    if check("-") && isBlankZ(1) { return fetchBlockEntry() }
    if check("?") && (flowLevel > 0 || isBlankZ(1)) { return fetchKey() }
    if check(":") && (flowLevel > 0 || isBlankZ(1)) { return fetchValue() }
    switch byte() {
    case UInt8(ascii: "*"): return fetchAnchor(.alias)
    case UInt8(ascii: "&"): return fetchAnchor(.anchor)
    case UInt8(ascii: "!"): return fetchTag()
    case UInt8(ascii: "|"), UInt8(ascii: ">"):
      if flowLevel == 0 { return fetchBlockScalar() }
    case UInt8(ascii: "'"), UInt8(ascii: "\""): return fetchFlowScalar(single: check("'"))
    default: break
    }
    if startsPlainScalar() { return fetchPlainScalar() }
    return fail()
  }

  /// Skips spaces, tabs where allowed, comments and line breaks.
  mutating func scanToNextToken() {
    while true {
      if column == 0 && byte() == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF { skip() }
      while check(" ") || ((flowLevel > 0 || !simpleKeyAllowed) && check("\t")) { skip() }
      if check("#") {
        while !isBreakZ() { skip() }
      }
      guard isBreak() else { return }
      skipLine()
      if flowLevel == 0 { simpleKeyAllowed = true }
    }
  }

  private func startsPlainScalar() -> Bool {
    if isBlankZ() { return false }
    switch byte() {
    case UInt8(ascii: "-"): return !isBlank(1)
    case UInt8(ascii: "?"), UInt8(ascii: ":"): return flowLevel == 0 && !isBlankZ(1)
    case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
      UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"),
      UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
      UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
      return false
    default: return true
    }
  }

  private mutating func fetchStreamEnd() {
    if column != 0 {
      column = 0
      line += 1
    }
    unrollIndent(-1)
    guard removeSimpleKey() else { return }
    simpleKeyAllowed = false
    queue.append(mark(.streamEnd))
  }

  /// A directive (the rest of its line) or a document indicator (`---`, `...`).
  private mutating func fetchLineStarter(_ kind: YAMLTokenKind) -> Bool {
    unrollIndent(-1)
    guard removeSimpleKey() else { return false }
    simpleKeyAllowed = false
    queue.append(mark(kind))
    if kind == .directive {
      // A directive that libyaml accepts runs to the end of its line (its comment included),
      // and its line break goes with it (so no simple key may start the next line).
      while !isBreakZ() { skip() }
      skipLine()
    } else {
      skip()
      skip()
      skip()
    }
    return true
  }

  private mutating func fetchFlowCollectionStart(_ kind: YAMLTokenKind) -> Bool {
    guard saveSimpleKey() else { return false }
    increaseFlowLevel()
    simpleKeyAllowed = true
    queue.append(mark(kind))
    skip()
    return true
  }

  private mutating func fetchFlowCollectionEnd(_ kind: YAMLTokenKind) -> Bool {
    guard removeSimpleKey() else { return false }
    decreaseFlowLevel()
    simpleKeyAllowed = false
    queue.append(mark(kind))
    skip()
    return true
  }

  private mutating func fetchFlowEntry() -> Bool {
    guard removeSimpleKey() else { return false }
    simpleKeyAllowed = true
    queue.append(mark(.flowEntry))
    skip()
    return true
  }

  private mutating func fetchBlockEntry() -> Bool {
    if flowLevel == 0 {
      guard simpleKeyAllowed else { return fail() }
      rollIndent(column, number: nil, mark(.blockSequenceStart))
    }
    guard removeSimpleKey() else { return false }
    simpleKeyAllowed = true
    queue.append(mark(.blockEntry))
    skip()
    return true
  }

  private mutating func fetchKey() -> Bool {
    if flowLevel == 0 {
      guard simpleKeyAllowed else { return fail() }
      rollIndent(column, number: nil, mark(.blockMappingStart))
    }
    guard removeSimpleKey() else { return false }
    simpleKeyAllowed = flowLevel == 0
    queue.append(mark(.key))
    skip()
    return true
  }

  private mutating func fetchValue() -> Bool {
    let last = simpleKeys.count - 1
    let key = simpleKeys[last]
    if key.possible {
      queue.insert(key.mark, at: head + key.tokenNumber - parsed)
      var start = key.mark
      start.kind = .blockMappingStart
      rollIndent(key.mark.column, number: key.tokenNumber, start)
      simpleKeys[last].possible = false
      simpleKeyAllowed = false
    } else {
      if flowLevel == 0 {
        guard simpleKeyAllowed else { return fail() }
        rollIndent(column, number: nil, mark(.blockMappingStart))
      }
      simpleKeyAllowed = flowLevel == 0
    }
    queue.append(mark(.value))
    skip()
    return true
  }

  /// `*name` or `&name`: libyaml's alphabet, then a blank or one of `?:,]}%@` and backquote.
  private mutating func fetchAnchor(_ kind: YAMLTokenKind) -> Bool {
    guard saveSimpleKey() else { return false }
    simpleKeyAllowed = false
    let token = mark(kind)
    skip()
    var length = 0
    while isAlpha() {
      skip()
      length += 1
    }
    let endsWell: Bool
    switch byte() {
    case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "]"),
      UInt8(ascii: "}"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
      endsWell = true
    default: endsWell = isBlankZ()
    }
    guard length > 0, endsWell else { return fail() }
    queue.append(token)
    return true
  }

  /// `!suffix`, `!handle!suffix` or `!<verbatim>`, then a blank (or `,` in a flow collection).
  private mutating func fetchTag() -> Bool {
    guard saveSimpleKey() else { return false }
    simpleKeyAllowed = false
    let token = mark(.tag)
    if check("<", 1) {
      skip()
      skip()
      guard scanTagURI(verbatim: true) > 0, check(">") else { return fail() }
      skip()
    } else {
      // The handle (`!`, letters, `!`) and the suffix are all URI characters.
      skip()
      while isAlpha() { skip() }
      // `!!` or `!name!` is a handle and needs a suffix; otherwise the tag so far is the suffix.
      let isHandle = check("!")
      if isHandle { skip() }
      let length = scanTagURI(verbatim: false)
      guard length > 0 || (length == 0 && !isHandle) else { return fail() }
    }
    guard isBlankZ() || (flowLevel > 0 && check(",")) else { return fail() }
    queue.append(token)
    return true
  }

  /// Skips URI characters and `%XX` escapes; the count, or -1 at a bad escape.
  private mutating func scanTagURI(verbatim: Bool) -> Int {
    var length = 0
    while true {
      switch byte() {
      case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "_"), UInt8(ascii: "-"),
        UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: ":"),
        UInt8(ascii: "@"), UInt8(ascii: "&"), UInt8(ascii: "="), UInt8(ascii: "+"),
        UInt8(ascii: "$"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "~"),
        UInt8(ascii: "*"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"):
        skip()
      case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"):
        guard verbatim else { return length }
        skip()
      case UInt8(ascii: "%"):
        guard isHex(1), isHex(2) else { return -1 }
        skip()
        skip()
        skip()
      default:
        return length
      }
      length += 1
    }
  }
}
