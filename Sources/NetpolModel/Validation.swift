/// Reusable syntax checks with the Kubernetes API server's rules; each returns `nil` when the
/// value is valid, else a message (without the value) saying what is wrong.
public enum Validation {
  /// An RFC 1123 label (namespace names, the name part of a service): ≤63 characters, lower
  /// case alphanumerics or `-`, starting and ending with an alphanumeric.
  public static func dns1123Label(_ s: String) -> String? {
    if s.isEmpty { return "must not be empty" }
    if s.utf8.count > 63 { return "must be no more than 63 characters" }
    if !isLabelShaped(s.utf8) {
      return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or "
        + "'-', and must start and end with an alphanumeric character"
    }
    return nil
  }

  /// An RFC 1123 subdomain (object names): ≤253 characters, dot-separated RFC 1123 labels.
  public static func dns1123Subdomain(_ s: String) -> String? {
    if s.isEmpty { return "must not be empty" }
    if s.utf8.count > 253 { return "must be no more than 253 characters" }
    let parts = s.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    if !parts.allSatisfy({ isLabelShaped($0) }) {
      return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
        + "'-' or '.', and must start and end with an alphanumeric character"
    }
    return nil
  }

  /// A label or annotation key: an optional DNS-subdomain prefix and `/`, then a name of ≤63
  /// characters matching `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`.
  public static func labelKey(_ s: String) -> String? {
    let parts = s.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
    var name = s
    if parts.count == 2 {
      let prefix = String(parts[0])
      name = String(parts[1])
      if prefix.isEmpty { return "prefix part must be non-empty" }
      if let problem = dns1123Subdomain(prefix) { return "prefix part \(problem)" }
    } else if parts.count > 2 {
      return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must "
        + "start and end with an alphanumeric character, with an optional DNS subdomain prefix "
        + "and '/' (e.g. 'example.com/MyName')"
    }
    if name.isEmpty { return "name part must be non-empty" }
    if name.utf8.count > 63 { return "name part must be no more than 63 characters" }
    if !isQualifiedNamePart(name.utf8) {
      return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start "
        + "and end with an alphanumeric character"
    }
    return nil
  }

  /// A label value: empty, or ≤63 characters matching `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`.
  public static func labelValue(_ s: String) -> String? {
    if s.isEmpty { return nil }
    if s.utf8.count > 63 { return "must be no more than 63 characters" }
    if !isQualifiedNamePart(s.utf8) {
      return "a valid label must be an empty string or consist of alphanumeric characters, '-', "
        + "'_' or '.', and must start and end with an alphanumeric character"
    }
    return nil
  }

  /// An IPv4 or IPv6 prefix such as `10.0.0.0/8` or `2001:db8::/32` (the length is required).
  public static func cidr(_ s: String) -> String? {
    guard s.contains("/"), IPPrefix(s) != nil else {
      return "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"
    }
    return nil
  }

  /// An IPv4 or IPv6 address such as `10.9.8.7` or `2001:db8::ffff`.
  public static func ipAddress(_ s: String) -> String? {
    guard !s.contains("/"), IPPrefix(s) != nil else {
      return "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
    }
    return nil
  }

  /// An address or a prefix (Cilium `toCIDR` accepts both).
  public static func addressOrCIDR(_ s: String) -> String? {
    IPPrefix(s) == nil ? "must be a valid IP address or CIDR, (e.g. 10.9.8.7 or 10.9.8.0/24)" : nil
  }

  /// An IANA service name (IANA_SVC_NAME, named container ports): ≤15 characters, lower case
  /// alphanumerics and `-`, at least one letter, no leading, trailing or double `-`.
  public static func portName(_ s: String) -> String? {
    let bytes = Array(s.utf8)
    if bytes.isEmpty { return "must not be empty" }
    if bytes.count > 15 { return "must be no more than 15 characters" }
    if !bytes.allSatisfy({ isLowerAlnum($0) || $0 == UInt8(ascii: "-") }) {
      return "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"
    }
    if s.contains("--") { return "must not contain consecutive hyphens" }
    if !bytes.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) {
      return "must contain at least one letter (a-z)"
    }
    if bytes.first == UInt8(ascii: "-") || bytes.last == UInt8(ascii: "-") {
      return "must not begin or end with a hyphen"
    }
    return nil
  }

  /// A port number, 1–65535.
  public static func portNumber(_ n: Int) -> String? {
    (1...65535).contains(n) ? nil : "must be between 1 and 65535, inclusive"
  }

  /// A DNS name such as `api.example.com` (an optional trailing dot; labels of letters, digits,
  /// `-` and `_`, each ≤63 characters; ≤253 characters in all).
  public static func dnsName(_ s: String) -> String? {
    var name = Substring(s)
    if name.hasSuffix(".") { name = name.dropLast() }
    if name.isEmpty { return "must not be empty" }
    if name.utf8.count > 253 { return "must be no more than 253 characters" }
    for label in name.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
      let ok =
        !label.isEmpty && label.count <= 63
        && label.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
        && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
      if !ok {
        return "must be a DNS name of dot-separated labels of letters, digits, '-' and '_', "
          + "each at most 63 characters and not starting or ending with '-'"
      }
    }
    return nil
  }

  static func isLowerAlnum(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
  }

  static func isAlnum(_ byte: UInt8) -> Bool {
    isLowerAlnum(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
  }

  /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
  static func isLabelShaped<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    guard let first = bytes.first, isLowerAlnum(first) else { return false }
    var last = first
    for byte in bytes {
      guard isLowerAlnum(byte) || byte == UInt8(ascii: "-") else { return false }
      last = byte
    }
    return isLowerAlnum(last)
  }

  /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
  static func isQualifiedNamePart<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    guard let first = bytes.first, isAlnum(first) else { return false }
    var last = first
    for byte in bytes {
      let allowed =
        isAlnum(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        || byte == UInt8(ascii: ".")
      guard allowed else { return false }
      last = byte
    }
    return isAlnum(last)
  }
}
