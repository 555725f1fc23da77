import Foundation

/// A scan of raw YAML text, before Yams composes it, for inputs that would make composition
/// explode: alias expansion through mapping keys (Yams hashes every key, expanding aliases) and
/// floods of aliases. The tokens are found by `YAMLTokenScanner`, which follows libyaml's rules,
/// so text inside quoted and block scalars and comments is never taken for an alias or a key.
/// A file with an alias may not have a key that is an alias or a collection.
enum YAMLGuard {
  /// The most alias uses a file may contain.
  static let maxAliases = 10_000

  /// A problem found: 1-based line and column, and the message.
  struct Finding: Equatable {
    var line: Int
    var column: Int
    var message: String
  }

  /// The first reason to refuse `text` before composing it, or nil when it is safe.
  static func check(_ text: String) -> Finding? {
    var copy = text
    return copy.withUTF8 { check(bytes: $0) }
  }

  /// What the scan saw: the alias count, the first alias and the first key that is an alias
  /// or a collection (byte offsets).
  private struct Tally {
    var aliases = 0
    var firstAlias: Int?
    var collectionKey: Int?

    mutating func alias(at offset: Int) {
      aliases += 1
      if firstAlias == nil { firstAlias = offset }
    }
  }

  /// Whether `bytes` may hold an alias: a `*` where a token may start (libyaml rejects an alias
  /// right after a closing quote or bracket before composing it). Without one, nothing can
  /// explode.
  static func mayHaveAliases(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    occurrences(of: UInt8(ascii: "*"), in: bytes).contains { isAliasCandidate(bytes, $0) }
  }

  /// The first reason to refuse `bytes` before building a tree, or nil when it is safe.
  static func check(bytes: UnsafeBufferPointer<UInt8>) -> Finding? {
    guard mayHaveAliases(bytes: bytes) else { return nil }
    var tally = Tally()
    var scanner = YAMLTokenScanner(bytes: bytes)
    scanTokens(&scanner, into: &tally)
    if let failure = scanner.failure {
      // libyaml stops at the same place; scanning the rest coarsely guards against any
      // difference between the two scanners.
      coarseScan(bytes, from: lineStart(bytes, failure), into: &tally)
    }
    if tally.aliases > maxAliases, let first = tally.firstAlias {
      let (line, column) = position(bytes, first)
      return Finding(
        line: line, column: column,
        message: "too many aliases (\(tally.aliases), the limit is \(maxAliases))")
    }
    guard tally.aliases > 0, let key = tally.collectionKey else { return nil }
    let (line, column) = position(bytes, key)
    return Finding(
      line: line, column: column,
      message: "a mapping key that is a collection or an alias cannot be used in a file "
        + "with aliases (alias expansion is capped)")
  }

  /// Counts aliases and finds keys that are aliases or collections: a node right after a `KEY`
  /// token (explicit `?` or a simple key) or first in a flow mapping entry, after any anchor
  /// and tag, that starts with an alias or a collection.
  private static func scanTokens(_ scanner: inout YAMLTokenScanner, into tally: inout Tally) {
    var flowIsMapping: [Bool] = []
    var expectingKey = false
    while let token = scanner.next() {
      switch token.kind {
      case .anchor, .tag:
        continue
      case .alias, .flowSequenceStart, .flowMappingStart, .blockSequenceStart,
        .blockMappingStart, .blockEntry:
        if token.kind == .alias { tally.alias(at: token.offset) }
        if expectingKey && tally.collectionKey == nil { tally.collectionKey = token.offset }
      default:
        break
      }
      switch token.kind {
      case .flowSequenceStart, .flowMappingStart:
        flowIsMapping.append(token.kind == .flowMappingStart)
        expectingKey = token.kind == .flowMappingStart
      case .flowSequenceEnd, .flowMappingEnd:
        _ = flowIsMapping.popLast()
        expectingKey = false
      case .flowEntry:
        expectingKey = flowIsMapping.last == true
      case .key:
        expectingKey = true
      default:
        expectingKey = false
      }
    }
  }

  /// The old over-approximation, for the text after a place where libyaml stops: every `*name`
  /// where a token may start is an alias, and any `?`, `[`, `{` or alias may be a key.
  private static func coarseScan(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into tally: inout Tally
  ) {
    for index in start..<bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "*"):
        guard isAliasCandidate(bytes, index) else { continue }
        tally.alias(at: index)
      case UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "{"):
        break
      default:
        continue
      }
      if tally.collectionKey == nil { tally.collectionKey = index }
    }
  }

  /// Whether a `*` at `index` may be an alias: where a token may start, and followed by a
  /// character of an anchor name.
  private static func isAliasCandidate(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
    guard index + 1 < bytes.count else { return false }
    switch bytes[index + 1] {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "_"), UInt8(ascii: "-"): break
    default: return false
    }
    guard index > 0 else { return true }
    switch bytes[index - 1] {
    // blanks, line breaks (also the last bytes of NEL, LS, PS), indicators, a byte-order mark
    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"),
      UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"),
      UInt8(ascii: "-"), UInt8(ascii: "?"), 0x85, 0xA8, 0xA9, 0xBF:
      return true
    default: return false
    }
  }

  /// The byte offset where the line holding `index` starts.
  private static func lineStart(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
    var start = min(index, bytes.count)
    while start > 0, bytes[start - 1] != UInt8(ascii: "\n"), bytes[start - 1] != UInt8(ascii: "\r")
    {
      start -= 1
    }
    return start
  }

  /// The indices of `byte`, found with `memchr`.
  private static func occurrences(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
    guard let base = bytes.baseAddress else { return [] }
    var result: [Int] = []
    var offset = 0
    while offset < bytes.count,
      let found = memchr(base + offset, Int32(byte), bytes.count - offset)
    {
      let index = UnsafeRawPointer(found) - UnsafeRawPointer(base)
      result.append(index)
      offset = index + 1
    }
    return result
  }

  /// The 1-based line and column (in Unicode scalars) of a byte index.
  private static func position(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> (Int, Int) {
    let newlines = occurrences(of: UInt8(ascii: "\n"), in: bytes).prefix { $0 < index }
    let lineStart = newlines.last.map { $0 + 1 } ?? 0
    var column = 1
    for offset in lineStart..<index where bytes[offset] & 0xC0 != 0x80 { column += 1 }
    return (newlines.count + 1, column)
  }
}
