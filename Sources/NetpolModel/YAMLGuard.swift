import Foundation

/// A scan of raw YAML text, before Yams composes it, for inputs that would make composition
/// explode: alias expansion through mapping keys (Yams hashes every key, expanding aliases) and
/// floods of aliases. The scan over-approximates (it does not know about quoting), so it may
/// reject odd documents that use aliases, never documents without them.
enum YAMLGuard {
  /// The most alias uses a file may contain.
  static let maxAliases = 10_000

  /// A problem found: 1-based line and column, and the message.
  struct Finding: Equatable {
    var line: Int
    var column: Int
    var message: String
  }

  static func check(_ text: String) -> Finding? {
    var copy = text
    return copy.withUTF8 { check(bytes: $0) }
  }

  private static func check(bytes: UnsafeBufferPointer<UInt8>) -> Finding? {
    guard !bytes.isEmpty else { return nil }
    var aliases = 0
    var firstAlias: Int?
    var aliasKey: Int?
    for index in occurrences(of: UInt8(ascii: "*"), in: bytes) where atTokenStart(bytes, index) {
      guard index + 1 < bytes.count, isAnchorChar(bytes[index + 1]) else { continue }
      aliases += 1
      if firstAlias == nil { firstAlias = index }
      if aliasKey == nil, isFollowedByColon(bytes, after: skipAnchor(bytes, index + 1)) {
        aliasKey = index
      }
    }
    if aliases > maxAliases, let first = firstAlias {
      let (line, column) = position(bytes, first)
      return Finding(
        line: line, column: column,
        message: "too many aliases (\(aliases), the limit is \(maxAliases))")
    }
    guard aliases > 0 else { return nil }
    var key = aliasKey
    if key == nil {
      key = occurrences(of: UInt8(ascii: "?"), in: bytes).first { atTokenStart(bytes, $0) }
    }
    if key == nil { key = collectionKey(bytes) }
    guard let key else { return nil }
    let (line, column) = position(bytes, key)
    return Finding(
      line: line, column: column,
      message: "a mapping key that is a collection or an alias cannot be used in a file "
        + "with aliases (alias expansion is capped)")
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

  private static func atTokenStart(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
    index == 0 || bytes[index - 1] == UInt8(ascii: "\n") || isTokenBoundary(bytes[index - 1])
  }

  private static func isTokenBoundary(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "["),
      UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "-"),
      UInt8(ascii: "?"):
      return true
    default: return false
    }
  }

  private static func isAnchorChar(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"),
      UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
      UInt8(ascii: "}"):
      return false
    default: return true
    }
  }

  private static func skipAnchor(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
    var index = start
    while index < bytes.count, isAnchorChar(bytes[index]), bytes[index] != UInt8(ascii: ":") {
      index += 1
    }
    return index
  }

  /// Whether, after optional spaces on the same line, the next character is `:`.
  private static func isFollowedByColon(_ bytes: UnsafeBufferPointer<UInt8>, after start: Int)
    -> Bool
  {
    var index = start
    while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == 9 {
      index += 1
    }
    return index < bytes.count && bytes[index] == UInt8(ascii: ":")
  }

  /// The first flow collection at a token start that is followed by `:` on its line, i.e.
  /// used as a mapping key (one pass with a stack of open brackets per line).
  private static func collectionKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var opens: [(index: Int, keyCandidate: Bool)] = []
    for index in 0..<bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\n"):
        opens.removeAll(keepingCapacity: true)
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        opens.append((index, atTokenStart(bytes, index)))
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        if let open = opens.popLast(), open.keyCandidate,
          isFollowedByColon(bytes, after: index + 1)
        {
          return open.index
        }
      default: break
      }
    }
    return nil
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
