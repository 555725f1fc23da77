/// An IPv4 or IPv6 prefix as 128-bit arithmetic (IPv4 mapped into the low 32 bits with a
/// family flag), used for ipBlock / CIDR matching.
struct AddressBlock: Sendable, Hashable, CustomStringConvertible {
  /// Whether the prefix is IPv6.
  var isIPv6: Bool
  /// The high 64 bits of the address (always 0 for IPv4).
  var high: UInt64
  /// The low 64 bits of the address.
  var low: UInt64
  /// The prefix length.
  var length: Int

  /// Parses `10.0.0.0/8`, `10.1.2.3` (= /32), `fd00::/8`, `::1`.
  init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 1 || parts.count == 2 else { return nil }
    let addressText = String(parts[0])
    if let v4 = AddressBlock.parseIPv4(addressText) {
      isIPv6 = false
      high = 0
      low = UInt64(v4)
      length = 32
    } else if let v6 = AddressBlock.parseIPv6(addressText) {
      isIPv6 = true
      high = v6.0
      low = v6.1
      length = 128
    } else {
      return nil
    }
    if parts.count == 2 {
      guard let bits = Int(parts[1]), bits >= 0, bits <= length else { return nil }
      length = bits
    }
  }

  /// The total number of bits for the family.
  private var familyBits: Int { isIPv6 ? 128 : 32 }

  /// Whether `other` (an address or a narrower prefix of the same family) lies inside.
  func contains(_ other: AddressBlock) -> Bool {
    guard other.isIPv6 == isIPv6, other.length >= length else { return false }
    if isIPv6 {
      return AddressBlock.masked(high, low, bits: length)
        == AddressBlock.masked(
          other.high, other.low, bits: length)
    }
    let shift = UInt64(32 - length)
    return length == 0 || (low >> shift) == (other.low >> shift)
  }

  /// The two halves with everything after `bits` cleared.
  private static func masked(_ high: UInt64, _ low: UInt64, bits: Int) -> (UInt64, UInt64) {
    if bits == 0 { return (0, 0) }
    if bits <= 64 {
      let mask: UInt64 = bits == 64 ? ~0 : ~(~UInt64(0) >> UInt64(bits))
      return (high & mask, 0)
    }
    let lowBits = bits - 64
    let mask: UInt64 = lowBits == 64 ? ~0 : ~(~UInt64(0) >> UInt64(lowBits))
    return (high, low & mask)
  }

  /// The prefix in canonical-ish text (`a.b.c.d/n`; IPv6 as written is not kept).
  var description: String {
    if !isIPv6 {
      let octets = (0..<4).map { String((low >> UInt64(24 - 8 * $0)) & 0xff) }
      return octets.joined(separator: ".") + "/\(length)"
    }
    let groups = (0..<8).map { index -> String in
      let word = index < 4 ? high : low
      let shift = UInt64(48 - 16 * (index % 4))
      return String((word >> shift) & 0xffff, radix: 16)
    }
    return groups.joined(separator: ":") + "/\(length)"
  }

  /// Dotted-quad IPv4.
  static func parseIPv4(_ text: String) -> UInt32? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { return nil }
    var value: UInt32 = 0
    for part in parts {
      guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isNumber), let octet = UInt32(part),
        octet <= 255
      else { return nil }
      value = value << 8 | octet
    }
    return value
  }

  /// IPv6 with `::` compression (and an optional trailing dotted quad).
  static func parseIPv6(_ text: String) -> (UInt64, UInt64)? {
    guard text.contains(":") else { return nil }
    var groups: [UInt16] = []
    var tailGroups: [UInt16] = []
    let halves = text.components(separatedBy: "::")
    guard halves.count <= 2 else { return nil }
    func parseGroups(_ part: String) -> [UInt16]? {
      if part.isEmpty { return [] }
      var result: [UInt16] = []
      let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
      for (index, piece) in pieces.enumerated() {
        if index == pieces.count - 1, piece.contains("."), let v4 = parseIPv4(String(piece)) {
          result.append(UInt16(v4 >> 16))
          result.append(UInt16(v4 & 0xffff))
          continue
        }
        guard !piece.isEmpty, piece.count <= 4, let group = UInt16(piece, radix: 16) else {
          return nil
        }
        result.append(group)
      }
      return result
    }
    guard let head = parseGroups(halves[0]) else { return nil }
    groups = head
    if halves.count == 2 {
      guard let tail = parseGroups(halves[1]) else { return nil }
      tailGroups = tail
      guard groups.count + tailGroups.count <= 7 else { return nil }
      groups += Array(repeating: 0, count: 8 - groups.count - tailGroups.count) + tailGroups
    }
    guard groups.count == 8 else { return nil }
    var high: UInt64 = 0
    var low: UInt64 = 0
    for index in 0..<4 { high = high << 16 | UInt64(groups[index]) }
    for index in 4..<8 { low = low << 16 | UInt64(groups[index]) }
    return (high, low)
  }
}
