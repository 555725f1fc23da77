/// An IPv4 or IPv6 prefix (`10.0.0.0/8`, `2001:db8::/32`); a bare address is a full-length
/// prefix (`/32` or `/128`).
///
/// The address is kept as written (host bits included); `network` clears the host bits, and
/// `description` is the canonical form of the network. IPv4 addresses are never equal to IPv6
/// ones, including IPv4-mapped IPv6 addresses.
public struct IPPrefix: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Whether this is an IPv6 prefix.
  public let isIPv6: Bool
  /// The upper 64 bits of the address (zero for IPv4).
  public let high: UInt64
  /// The lower 64 bits of the address (IPv4 in the low 32 bits).
  public let low: UInt64
  /// The prefix length: 0–32 for IPv4, 0–128 for IPv6.
  public let length: Int

  /// Parses `ADDRESS` or `ADDRESS/LENGTH`; nil when the text is not a valid prefix.
  public init?(_ text: String) {
    var utf8 = Array(text.utf8)
    var explicitLength: Int?
    if let slash = utf8.firstIndex(of: UInt8(ascii: "/")) {
      guard let parsed = IPPrefix.parseDecimal(utf8[(slash + 1)...], limit: 128) else {
        return nil
      }
      explicitLength = parsed
      utf8.removeSubrange(slash...)
    }
    if let v4 = IPPrefix.parseIPv4(utf8[...]) {
      let length = explicitLength ?? 32
      guard length <= 32 else { return nil }
      self.init(isIPv6: false, high: 0, low: UInt64(v4), length: length)
    } else if let (high, low) = IPPrefix.parseIPv6(utf8) {
      self.init(isIPv6: true, high: high, low: low, length: explicitLength ?? 128)
    } else {
      return nil
    }
  }

  /// Creates a prefix from raw bits; `length` is clamped to the family's width.
  public init(isIPv6: Bool, high: UInt64, low: UInt64, length: Int) {
    self.isIPv6 = isIPv6
    self.high = isIPv6 ? high : 0
    self.low = isIPv6 ? low : low & 0xFFFF_FFFF
    self.length = max(0, min(length, isIPv6 ? 128 : 32))
  }

  /// The address width of the family: 32 or 128.
  public var bitWidth: Int { isIPv6 ? 128 : 32 }

  /// Whether this is a single address (`/32` or `/128`).
  public var isAddress: Bool { length == bitWidth }

  /// Whether the address has bits set beyond the prefix length (e.g. `10.0.0.1/8`).
  public var hasHostBits: Bool { network.high != high || network.low != low }

  /// The prefix with the host bits cleared.
  public var network: IPPrefix {
    let (maskHigh, maskLow) = mask
    return IPPrefix(isIPv6: isIPv6, high: high & maskHigh, low: low & maskLow, length: length)
  }

  /// The address alone, as a full-length prefix.
  public var address: IPPrefix {
    IPPrefix(isIPv6: isIPv6, high: high, low: low, length: bitWidth)
  }

  /// Whether `other` lies entirely inside this prefix (same family, not shorter, same network
  /// bits). An address is a full-length prefix, so this also answers "is the address inside".
  public func contains(_ other: IPPrefix) -> Bool {
    guard isIPv6 == other.isIPv6, other.length >= length else { return false }
    let (maskHigh, maskLow) = mask
    return (high & maskHigh) == (other.high & maskHigh) && (low & maskLow) == (other.low & maskLow)
  }

  /// Whether the two prefixes share at least one address.
  public func overlaps(_ other: IPPrefix) -> Bool {
    contains(other) || other.contains(self)
  }

  /// The canonical text of the network: `10.0.0.0/8`, `2001:db8::/32`; a full-length prefix is
  /// printed as the bare address.
  public var description: String {
    let net = network
    let text = isIPv6 ? IPPrefix.formatIPv6(net.high, net.low) : IPPrefix.formatIPv4(net.low)
    return isAddress ? text : "\(text)/\(length)"
  }

  /// The address as written (host bits kept), without the length.
  public var addressText: String {
    isIPv6 ? IPPrefix.formatIPv6(high, low) : IPPrefix.formatIPv4(low)
  }

  /// Orders IPv4 before IPv6, then by address, then shorter prefixes first.
  public static func < (lhs: IPPrefix, rhs: IPPrefix) -> Bool {
    if lhs.isIPv6 != rhs.isIPv6 { return !lhs.isIPv6 }
    if lhs.high != rhs.high { return lhs.high < rhs.high }
    if lhs.low != rhs.low { return lhs.low < rhs.low }
    return lhs.length < rhs.length
  }

  private var mask: (UInt64, UInt64) {
    if isIPv6 {
      let highBits = min(length, 64)
      let lowBits = max(length - 64, 0)
      return (IPPrefix.leadingOnes(highBits), IPPrefix.leadingOnes(lowBits))
    }
    return (0, IPPrefix.leadingOnes(length) >> 32)
  }

  private static func leadingOnes(_ count: Int) -> UInt64 {
    count <= 0 ? 0 : (count >= 64 ? UInt64.max : ~(UInt64.max >> UInt64(count)))
  }
}

extension IPPrefix {
  /// Parses decimal digits without sign or leading zeros (except `0` itself), up to `limit`.
  fileprivate static func parseDecimal(_ digits: ArraySlice<UInt8>, limit: Int) -> Int? {
    guard !digits.isEmpty, digits.count <= 3 else { return nil }
    if digits.count > 1, digits.first == UInt8(ascii: "0") { return nil }
    var value = 0
    for byte in digits {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value <= limit ? value : nil
  }

  /// Parses dotted-quad IPv4 (`10.1.2.3`); leading zeros are rejected as ambiguous.
  fileprivate static func parseIPv4(_ bytes: ArraySlice<UInt8>) -> UInt32? {
    var value: UInt32 = 0
    var parts = 0
    for part in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
      guard let octet = parseDecimal(part, limit: 255) else { return nil }
      value = value << 8 | UInt32(octet)
      parts += 1
    }
    return parts == 4 ? value : nil
  }

  /// Parses IPv6 text with `::` compression and an optional trailing dotted IPv4 part.
  fileprivate static func parseIPv6(_ bytes: [UInt8]) -> (UInt64, UInt64)? {
    guard bytes.count >= 2, bytes.count <= 45 else { return nil }
    var head: [UInt16] = []
    var tail: [UInt16] = []
    var sawGap = false
    var rest = bytes[...]
    let colon = UInt8(ascii: ":")
    if rest.starts(with: [colon, colon]) {
      sawGap = true
      rest = rest.dropFirst(2)
      if rest.isEmpty { return (0, 0) }
    } else if rest.first == colon {
      return nil
    }
    while !rest.isEmpty {
      let end = rest.firstIndex(of: colon) ?? rest.endIndex
      let group = rest[rest.startIndex..<end]
      if end == rest.endIndex, group.contains(UInt8(ascii: ".")) {
        guard let v4 = parseIPv4(group) else { return nil }
        let pair = [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
        if sawGap { tail += pair } else { head += pair }
        rest = rest[end...]
        break
      }
      guard let value = parseHexGroup(group) else { return nil }
      if sawGap { tail.append(value) } else { head.append(value) }
      rest = rest[end...]
      if rest.isEmpty { break }
      rest = rest.dropFirst()
      if rest.first == colon {
        guard !sawGap else { return nil }
        sawGap = true
        rest = rest.dropFirst()
      } else if rest.isEmpty {
        return nil
      }
    }
    let count = head.count + tail.count
    if sawGap ? count > 7 : count != 8 { return nil }
    let groups = head + Array(repeating: 0, count: 8 - count) + tail
    var high: UInt64 = 0
    var low: UInt64 = 0
    for index in 0..<4 { high = high << 16 | UInt64(groups[index]) }
    for index in 4..<8 { low = low << 16 | UInt64(groups[index]) }
    return (high, low)
  }

  private static func parseHexGroup(_ group: ArraySlice<UInt8>) -> UInt16? {
    guard !group.isEmpty, group.count <= 4 else { return nil }
    var value: UInt16 = 0
    for byte in group {
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: return nil
      }
      value = value << 4 | UInt16(digit)
    }
    return value
  }

  fileprivate static func formatIPv4(_ value: UInt64) -> String {
    let v = UInt32(truncatingIfNeeded: value)
    return "\(v >> 24).\(v >> 16 & 0xFF).\(v >> 8 & 0xFF).\(v & 0xFF)"
  }

  /// RFC 5952 text: lowercase, no leading zeros, the longest run (≥2) of zero groups as `::`.
  fileprivate static func formatIPv6(_ high: UInt64, _ low: UInt64) -> String {
    var groups: [UInt16] = []
    for shift in stride(from: 48, through: 0, by: -16) {
      groups.append(UInt16(truncatingIfNeeded: high >> UInt64(shift)))
    }
    for shift in stride(from: 48, through: 0, by: -16) {
      groups.append(UInt16(truncatingIfNeeded: low >> UInt64(shift)))
    }
    var bestStart = -1
    var bestLength = 1
    var index = 0
    while index < 8 {
      guard groups[index] == 0 else {
        index += 1
        continue
      }
      var end = index
      while end < 8, groups[end] == 0 { end += 1 }
      if end - index > bestLength {
        bestStart = index
        bestLength = end - index
      }
      index = end
    }
    let hex = groups.map { String($0, radix: 16) }
    guard bestStart >= 0 else { return hex.joined(separator: ":") }
    let left = hex[..<bestStart].joined(separator: ":")
    let right = hex[(bestStart + bestLength)...].joined(separator: ":")
    return "\(left)::\(right)"
  }
}
