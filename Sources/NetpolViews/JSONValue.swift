import NetpolModel

/// A minimal JSON value with a deterministic, compact rendering (keys in insertion order).
public enum JSONValue: Sendable {
  /// A string.
  case string(String)
  /// An integer.
  case int(Int)
  /// A boolean.
  case bool(Bool)
  /// `null`.
  case null
  /// An array.
  case array([JSONValue])
  /// An object with ordered keys.
  case object([(String, JSONValue)])

  /// An optional string as a string or `null`.
  public static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

  /// A list of strings.
  public static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

  /// The compact JSON text.
  public var rendered: String {
    var output = ""
    write(into: &output)
    return output
  }

  /// Appends the JSON text.
  public func write(into output: inout String) {
    switch self {
    case .string(let value): JSONValue.writeString(value, into: &output)
    case .int(let value): output += String(value)
    case .bool(let value): output += value ? "true" : "false"
    case .null: output += "null"
    case .array(let values):
      output += "["
      for (index, value) in values.enumerated() {
        if index > 0 { output += "," }
        value.write(into: &output)
      }
      output += "]"
    case .object(let pairs):
      output += "{"
      for (index, pair) in pairs.enumerated() {
        if index > 0 { output += "," }
        JSONValue.writeString(pair.0, into: &output)
        output += ":"
        pair.1.write(into: &output)
      }
      output += "}"
    }
  }

  /// A JSON string literal with the required escapes.
  public static func writeString(_ value: String, into output: inout String) {
    output += "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      default:
        if DisplayText.isUnsafe(scalar) {
          // Controls, invisible and bidi characters as \uXXXX escapes (RFC 8259 section 7),
          // so that the JSON is safe on a terminal and decodes to the same string.
          for unit in String(scalar).utf16 {
            let hex = String(unit, radix: 16)
            output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
          }
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    output += "\""
  }
}
