/// What a YAML scalar means, resolved like `sigs.k8s.io/yaml` (YAML 1.1, as kubectl reads
/// manifests): `yes`/`on` are booleans, `~` is null, `0x1F` is a number.
enum ScalarValue: Equatable {
  case null
  case bool(Bool)
  case int(Int)
  /// An integer too large for `Int`.
  case bigInt
  case float
  case string(String)

  /// The type's name for messages: "a string", "a number"...
  var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .int, .bigInt, .float: return "a number"
    case .string: return "a string"
    }
  }

  /// Resolves a composed scalar: quoted and `!!str` scalars are strings, plain ones are typed
  /// by their text.
  static func resolve(_ scalar: YAMLScalar) -> ScalarValue? {
    let text = scalar.string
    guard let tag = scalar.tag else {
      guard scalar.style == .plain else { return .string(text) }
      return resolvePlain(text)
    }
    switch tag {
    case "!", "tag:yaml.org,2002:str": return .string(text)
    case "tag:yaml.org,2002:null": return .null
    case "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
      let resolved = resolvePlain(text)
      switch (tag.dropFirst(18), resolved) {
      case ("bool", .bool), ("int", .int), ("int", .bigInt), ("float", .float): return resolved
      case ("float", .int): return .float
      default: return nil
      }
    default: return nil
    }
  }

  static func resolvePlain(_ text: String) -> ScalarValue {
    // Every text of another type is at most 5 characters long or starts with a digit, a sign,
    // a dot or `~`.
    if text.utf8.count > 5, let first = text.utf8.first,
      (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z")
    {
      return .string(text)
    }
    switch text {
    case "", "~", "null", "Null", "NULL": return .null
    case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
      return .bool(true)
    case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
      return .bool(false)
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan",
      ".NaN", ".NAN":
      return .float
    default: break
    }
    guard let first = text.utf8.first,
      first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
        || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
    else { return .string(text) }
    if let integer = parseInteger(text) { return integer }
    if isFloat(text) { return .float }
    return .string(text)
  }

  /// YAML 1.1 integers: decimal, `0x`, `0o`/leading-`0` octal, `0b`, with `_` separators.
  private static func parseInteger(_ text: String) -> ScalarValue? {
    var body = Substring(text)
    var negative = false
    if let sign = body.first, sign == "-" || sign == "+" {
      negative = sign == "-"
      body = body.dropFirst()
    }
    var radix = 10
    if body.hasPrefix("0x") {
      radix = 16
      body = body.dropFirst(2)
    } else if body.hasPrefix("0b") {
      radix = 2
      body = body.dropFirst(2)
    } else if body.hasPrefix("0o") {
      radix = 8
      body = body.dropFirst(2)
    } else if body.count > 1, body.hasPrefix("0") {
      radix = 8
      body = body.dropFirst()
    }
    let digits = body.filter { $0 != "_" }
    guard !digits.isEmpty, body.first != "_",
      digits.allSatisfy({ $0.isASCII && $0.hexDigitValue.map { $0 < radix } == true })
    else { return nil }
    guard let magnitude = Int(digits, radix: radix) else { return .bigInt }
    return .int(negative ? -magnitude : magnitude)
  }

  /// `[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?` and the exponent-only form.
  private static func isFloat(_ text: String) -> Bool {
    var chars = Substring(text)
    if let sign = chars.first, sign == "-" || sign == "+" { chars = chars.dropFirst() }
    var mantissa = chars
    var exponent: Substring?
    if let e = chars.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = chars[..<e]
      exponent = chars[chars.index(after: e)...]
    }
    let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let digitsOK = parts.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "_") } }
    guard digitsOK, mantissa.contains(where: \.isNumber) else { return false }
    guard parts.count == 2 || exponent != nil else { return false }
    if var exponent {
      if let sign = exponent.first, sign == "-" || sign == "+" { exponent = exponent.dropFirst() }
      guard !exponent.isEmpty, exponent.allSatisfy({ $0.isASCII && $0.isNumber }) else {
        return false
      }
    }
    return true
  }
}
