/// Scalar quoting: when a string may be written plain, and how it is escaped when it may not.
///
/// A string is written plain only if every reader netpol's output meets reads it back as the same
/// string: go-yaml v2 (kubectl, which also resolves `y`/`n` as booleans and dates as timestamps),
/// PyYAML and Yams (YAML 1.1 resolvers: `on`, `0x1F`, `1:20`, `1_000`) and YAML 1.2 core readers
/// (`0o17`). Otherwise it is double-quoted, as go-yaml prints such strings (`port: "443"`).
extension YAMLWriter {
  /// `value` as a block-context scalar: plain when safe, else double-quoted.
  static func quoted(_ value: String) -> String {
    needsQuotes(value) ? doubleQuoted(value) : value
  }

  /// `value` as a scalar inside a flow collection (`{a: b}`, `[x, y]`), where `,[]{}` also end a
  /// plain scalar; `:` and `#` are quoted too so that every reader agrees.
  static func flowQuoted(_ value: String) -> String {
    if needsQuotes(value) { return doubleQuoted(value) }
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
        UInt8(ascii: "}"), UInt8(ascii: ":"), UInt8(ascii: "#"):
        return doubleQuoted(value)
      default: continue
      }
    }
    return value
  }

  /// Words that some YAML reader resolves to a boolean, null or special value, compared in lower
  /// case (YAML 1.1 lists several spellings of each; quoting every spelling is harmless).
  private static let reservedWords: Set<String> = [
    "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", "<<", "=",
  ]

  /// Whether `value` must be quoted to be read back as this string.
  static func needsQuotes(_ value: String) -> Bool {
    guard let first = value.utf8.first, let last = value.utf8.last else { return true }
    if value.unicodeScalars.contains(where: needsEscape) { return true }
    if "-?:,[]{}#&*!|>'\"%@` ".utf8.contains(first) || last == UInt8(ascii: " ") { return true }
    if last == UInt8(ascii: ":") || value.contains(": ") || value.contains(" #") { return true }
    if value.hasPrefix("...") { return true }
    if value.utf8.count <= 5, reservedWords.contains(value.lowercased()) { return true }
    return looksLikeNumberOrDate(value)
  }

  /// Whether a YAML 1.1 or 1.2 reader could resolve `value` as an integer, float or timestamp.
  ///
  /// Conservative: anything made of digits and number punctuation with at most one `.` is
  /// quoted. Dotted digit groups such as `10.244.0.107` stay plain, as every reader above reads
  /// them as strings.
  static func looksLikeNumberOrDate(_ value: String) -> Bool {
    var body = Substring(value)
    if body.first == "+" || body.first == "-" { body = body.dropFirst() }
    guard let first = body.first else { return false }
    let lower = body.lowercased()
    if lower == ".inf" || lower == ".nan" { return true }
    for prefix in ["0x", "0o", "0b"] where lower.hasPrefix(prefix) && lower.count > 2 {
      if lower.dropFirst(2).allSatisfy({ $0.isHexDigit || $0 == "_" }) { return true }
    }
    if looksLikeDate(body) { return true }
    guard first.isASCII, first.isNumber || first == "." else { return false }
    var dots = 0
    var digits = 0
    var onlyDigitsAndDots = true
    for character in body {
      switch character {
      case "0"..."9": digits += 1
      case ".": dots += 1
      case "_", ":", "e", "E", "+", "-": onlyDigitsAndDots = false
      default: return false
      }
    }
    guard digits > 0 else { return false }
    return dots <= 1 || !onlyDigitsAndDots
  }

  /// Whether `text` starts like a YAML timestamp: four digits, `-`, a digit.
  private static func looksLikeDate(_ text: Substring) -> Bool {
    let characters = Array(text.prefix(6))
    guard characters.count == 6 else { return false }
    return characters[0..<4].allSatisfy { $0.isASCII && $0.isNumber } && characters[4] == "-"
      && characters[5].isASCII && characters[5].isNumber
  }

  /// Whether a character cannot appear literally in a scalar and needs a double-quoted escape:
  /// C0 and C1 controls, DEL, line and paragraph separators, the byte-order mark, non-characters.
  static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: return true
    default: return false
    }
  }

  /// `value` in double quotes with YAML escapes.
  static func doubleQuoted(_ value: String) -> String {
    var out = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out.append("\\\"")
      case "\\": out.append("\\\\")
      case "\n": out.append("\\n")
      case "\t": out.append("\\t")
      case "\r": out.append("\\r")
      case _ where needsEscape(scalar): out.append(escape(scalar))
      default: out.unicodeScalars.append(scalar)
      }
    }
    out.append("\"")
    return out
  }

  /// `\xHH` or `\uHHHH` for one character.
  private static func escape(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    if scalar.value <= 0xFF {
      return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
    }
    return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
  }
}
