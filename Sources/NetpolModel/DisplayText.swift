/// Makes values from user input safe to show on a terminal.
///
/// Names, labels and other values come from files that anyone can write. Printed raw, an escape
/// sequence in a name could retitle or clear the terminal, and a zero-width or bidirectional
/// character could make `we\u{200B}b` look like `web`. Every value echoed to the user goes through
/// ``escaped(_:limit:)`` (or ``quoted(_:limit:)``): such characters are spelled out as `\u{…}`,
/// and long values are cut.
public enum DisplayText {
  /// The most characters of one value that are shown; the rest is summarised.
  public static let defaultLimit = 256

  /// `value` with control, invisible and bidirectional characters written as `\u{HEX}` and,
  /// past `limit` characters, cut with `…(N more characters)`.
  public static func escaped(_ value: String, limit: Int = defaultLimit) -> String {
    var needsWork = false
    for scalar in value.unicodeScalars where isUnsafe(scalar) {
      needsWork = true
      break
    }
    if !needsWork && value.utf8.count <= limit { return value }
    return render(value, limit: limit, quoting: false)
  }

  /// `"value"` in double quotes, with `"` and `\` backslash-escaped, `\n` and `\t` spelled out,
  /// and otherwise as ``escaped(_:limit:)``.
  public static func quoted(_ value: String, limit: Int = defaultLimit) -> String {
    "\"" + render(value, limit: limit, quoting: true) + "\""
  }

  /// A whole rendered text (several lines) with unsafe characters spelled out as `\u{HEX}`;
  /// newlines and tabs are kept and nothing is cut. For texts whose values were not escaped one by
  /// one with ``escaped(_:limit:)``.
  public static func escapedText(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0 != "\n" && $0 != "\t" && isUnsafe($0) })
    else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
      if scalar == "\n" || scalar == "\t" {
        result.unicodeScalars.append(scalar)
      } else {
        append(scalar, to: &result, quoting: false)
      }
    }
    return result
  }

  /// Whether `scalar` would be invisible, move the cursor, reorder text or start a terminal
  /// escape sequence when printed: controls (C0, DEL, C1), format characters (zero-width
  /// spaces and joiners, bidirectional marks, embeddings, overrides and isolates, the byte-order
  /// mark, soft hyphen), line and paragraph separators, and code points that are not characters.
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return true }
    if scalar.isASCII { return false }
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned,
      .privateUse:
      return true
    default:
      // Hangul fillers and the Braille blank print as nothing yet are letters or symbols.
      return [0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800].contains(scalar.value)
    }
  }

  private static func render(_ value: String, limit: Int, quoting: Bool) -> String {
    var result = ""
    var shown = 0
    var remaining = 0
    for character in value {
      if shown >= limit {
        remaining += 1
        continue
      }
      shown += 1
      for scalar in character.unicodeScalars {
        append(scalar, to: &result, quoting: quoting)
      }
    }
    if remaining > 0 {
      result += "…(\(remaining) more \(remaining == 1 ? "character" : "characters"))"
    }
    return result
  }

  private static func append(_ scalar: Unicode.Scalar, to result: inout String, quoting: Bool) {
    if quoting {
      switch scalar {
      case "\"":
        result += "\\\""
        return
      case "\\":
        result += "\\\\"
        return
      case "\n":
        result += "\\n"
        return
      case "\t":
        result += "\\t"
        return
      default: break
      }
    }
    if isUnsafe(scalar) {
      result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    } else {
      result.unicodeScalars.append(scalar)
    }
  }
}
