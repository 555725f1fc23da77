/// ICMP type names Cilium accepts (the v2 CRD pattern), per family, with their numbers.
///
/// `ExtendedEchoReply` is absent on purpose: the CRD pattern misspells it (`ExtendedEcho Reply`),
/// so the API server rejects the correct spelling.
public enum ICMPTypes {
  /// ICMPv4 names (RFC 792 and later), as in Cilium's `icmp.go`.
  public static let ipv4: [String: Int] = [
    "EchoReply": 0, "DestinationUnreachable": 3, "Redirect": 5, "Echo": 8, "EchoRequest": 8,
    "RouterAdvertisement": 9, "RouterSelection": 10, "TimeExceeded": 11, "ParameterProblem": 12,
    "Timestamp": 13, "TimestampReply": 14, "Photuris": 40, "ExtendedEchoRequest": 42,
  ]
  /// ICMPv6 names (RFC 4443 and later), as in Cilium's `icmp.go`.
  public static let ipv6: [String: Int] = [
    "DestinationUnreachable": 1, "PacketTooBig": 2, "TimeExceeded": 3, "ParameterProblem": 4,
    "EchoRequest": 128, "EchoReply": 129, "MulticastListenerQuery": 130,
    "MulticastListenerReport": 131, "MulticastListenerDone": 132, "RouterSolicitation": 133,
    "RouterAdvertisement": 134, "NeighborSolicitation": 135, "NeighborAdvertisement": 136,
    "RedirectMessage": 137, "RouterRenumbering": 138, "ICMPNodeInformationQuery": 139,
    "ICMPNodeInformationResponse": 140, "InverseNeighborDiscoverySolicitation": 141,
    "InverseNeighborDiscoveryAdvertisement": 142, "HomeAgentAddressDiscoveryRequest": 144,
    "HomeAgentAddressDiscoveryReply": 145, "MobilePrefixSolicitation": 146,
    "MobilePrefixAdvertisement": 147, "DuplicateAddressRequestCodeSuffix": 157,
    "DuplicateAddressConfirmationCodeSuffix": 158, "ExtendedEchoRequest": 160,
  ]

  /// The numeric type for a field's `type` (0–255 or a name of the family); nil if invalid.
  /// `family` is `IPv4` (also when nil) or `IPv6`.
  public static func number(family: String?, type: String) -> Int? {
    if !type.isEmpty, type.utf8.count <= 3,
      type.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
      let value = Int(type), value <= 255, type == String(value)
    {
      return value
    }
    return (family == "IPv6" ? ipv6 : ipv4)[type]
  }

  /// The name Hubble prints for a type number (`EchoRequest`, not the alias `Echo`), or
  /// `TypeN` for a number without a name.
  public static func name(_ type: Int, ipv6: Bool) -> String {
    let table = ipv6 ? self.ipv6 : ipv4
    let names = table.filter { $0.value == type && $0.key != "Echo" }.map(\.key).sorted()
    return names.first ?? "Type\(type)"
  }
}
