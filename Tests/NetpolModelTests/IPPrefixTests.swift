import NetpolModel
import Testing

@Suite("IPPrefix parses IPv4 and IPv6 prefixes and answers containment")
struct IPPrefixTests {
  @Test("a bare IPv4 address is a /32 and prints without a length")
  func bareIPv4() throws {
    let prefix = try #require(IPPrefix("10.1.2.3"))
    #expect(!prefix.isIPv6)
    #expect(prefix.length == 32)
    #expect(prefix.isAddress)
    #expect(prefix.description == "10.1.2.3")
  }

  @Test("an IPv4 prefix keeps its length; host bits are cleared in the canonical form")
  func ipv4Prefix() throws {
    let prefix = try #require(IPPrefix("10.1.2.3/8"))
    #expect(prefix.length == 8)
    #expect(prefix.hasHostBits)
    #expect(prefix.description == "10.0.0.0/8")
    #expect(prefix.addressText == "10.1.2.3")
    #expect(try #require(IPPrefix("192.168.0.0/16")).hasHostBits == false)
  }

  @Test("IPv6 text with :: compression and embedded IPv4 parses to RFC 5952 form")
  func ipv6Forms() {
    #expect(IPPrefix("::")?.description == "::")
    #expect(IPPrefix("::/0")?.description == "::/0")
    #expect(IPPrefix("2001:DB8:0:0:0:0:0:1")?.description == "2001:db8::1")
    #expect(IPPrefix("2001:db8::/32")?.description == "2001:db8::/32")
    #expect(IPPrefix("fe80::1:0:0:1")?.description == "fe80::1:0:0:1")
    #expect(IPPrefix("1:0:0:2:0:0:0:3")?.description == "1:0:0:2::3")
    #expect(IPPrefix("::ffff:10.0.0.1")?.description == "::ffff:a00:1")
    #expect(IPPrefix("1::")?.description == "1::")
    #expect(IPPrefix("2001:db8::1")?.isIPv6 == true)
    #expect(IPPrefix("2001:db8::1")?.length == 128)
  }

  @Test(
    "malformed addresses and prefixes are rejected",
    arguments: [
      "", "10.0.0", "10.0.0.0.0", "256.0.0.1", "10.0.0.01", "10.0.0.0/33", "10.0.0.0/",
      "10.0.0.0/08", "10.0.0.0/-1", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "1:", "::1/129",
      "fe80::1%eth0", "12345::", "g::1", "::1.2.3", "1.2.3.4::", "10.0.0.0 ", "a.b.c.d",
    ])
  func rejects(text: String) {
    #expect(IPPrefix(text) == nil)
  }

  @Test("containment: same family, longer or equal prefix, same network bits")
  func containment() throws {
    let ten = try #require(IPPrefix("10.0.0.0/8"))
    #expect(ten.contains(try #require(IPPrefix("10.255.1.2"))))
    #expect(ten.contains(try #require(IPPrefix("10.1.0.0/16"))))
    #expect(ten.contains(ten))
    #expect(!ten.contains(try #require(IPPrefix("11.0.0.1"))))
    #expect(!ten.contains(try #require(IPPrefix("0.0.0.0/0"))))
    #expect(try #require(IPPrefix("0.0.0.0/0")).contains(try #require(IPPrefix("203.0.113.9"))))
    let v6 = try #require(IPPrefix("2001:db8::/32"))
    #expect(v6.contains(try #require(IPPrefix("2001:db8:ffff::1"))))
    #expect(!v6.contains(try #require(IPPrefix("2001:db9::1"))))
    #expect(try #require(IPPrefix("::/0")).contains(try #require(IPPrefix("::1"))))
    // an IPv4 address is never inside an IPv6 prefix, even ::/0
    #expect(!(try #require(IPPrefix("::/0")).contains(try #require(IPPrefix("10.0.0.1")))))
    #expect(ten.overlaps(try #require(IPPrefix("10.2.0.0/16"))))
    #expect(!ten.overlaps(try #require(IPPrefix("192.168.0.0/16"))))
  }

  @Test("prefixes split at the 64-bit boundary of IPv6 compare correctly")
  func ipv6Boundaries() throws {
    let wide = try #require(IPPrefix("2001:db8:1:2::/64"))
    #expect(wide.contains(try #require(IPPrefix("2001:db8:1:2:ffff:ffff:ffff:ffff"))))
    #expect(!wide.contains(try #require(IPPrefix("2001:db8:1:3::"))))
    let narrow = try #require(IPPrefix("2001:db8:1:2:8000::/65"))
    #expect(narrow.contains(try #require(IPPrefix("2001:db8:1:2:ffff::1"))))
    #expect(!narrow.contains(try #require(IPPrefix("2001:db8:1:2:7fff::1"))))
  }

  @Test("prefixes order IPv4 first, then by address, then shorter first")
  func ordering() throws {
    let texts = ["::1", "10.0.0.0/16", "10.0.0.0/8", "9.0.0.0/8"]
    let sorted = texts.compactMap { IPPrefix($0) }.sorted().map(\.description)
    #expect(sorted == ["9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "::1"])
  }
}
