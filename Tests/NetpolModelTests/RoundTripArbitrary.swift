import NetpolModel
import PropertyBased

/// Draws random model values that the API server and the Cilium CRD accept (semantics.md §1.2,
/// §2.1; the rules `PolicyValidator` checks), rich in the strings a YAML writer gets wrong:
/// YAML 1.1 booleans (`y`, `no`, `on`), numbers (`53`, `1.0`, `0x1f`, `1e3`), dates, and, in the
/// free-form fields, indicators, quotes, control characters and non-ASCII text.
struct Arbitrary {
  /// The property checker's seeded generator.
  var rng: any SeededRandomNumberGenerator

  /// A generator of values drawn by `make`; shrinking is left out because the values must stay
  /// valid (the failing input and its seed are still reported).
  static func generator<Value>(_ make: @escaping @Sendable (inout Arbitrary) -> Value)
    -> Generator<Value, Shrink.None<Value>>
  {
    Generator { rng in
      var arbitrary = Arbitrary(rng: rng)
      let value = make(&arbitrary)
      rng = arbitrary.rng
      return value
    }
  }

  // MARK: - Primitives

  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

  mutating func chance(_ probability: Double) -> Bool {
    Double.random(in: 0..<1, using: &rng) < probability
  }

  mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

  mutating func list<T>(_ count: ClosedRange<Int>, _ make: (inout Arbitrary) -> T) -> [T] {
    (0..<int(count)).map { _ in make(&self) }
  }

  mutating func maybe<T>(_ probability: Double = 0.5, _ make: (inout Arbitrary) -> T) -> T? {
    chance(probability) ? make(&self) : nil
  }

  /// Up to `count` distinct keys drawn by `key`, each with a value drawn by `value`.
  mutating func map(
    _ count: ClosedRange<Int>, key: (inout Arbitrary) -> String,
    value: (inout Arbitrary) -> String
  ) -> [String: String] {
    var result: [String: String] = [:]
    for _ in 0..<int(count) { result[key(&self)] = value(&self) }
    return result
  }

  /// `length` characters from `alphabet`.
  mutating func text(_ alphabet: String, _ length: ClosedRange<Int>) -> String {
    let characters = Array(alphabet)
    return String((0..<int(length)).map { _ in pick(characters) })
  }

  // MARK: - Strings

  /// Words that YAML 1.1 reads as booleans, nulls, numbers or dates; all are valid DNS labels.
  static let lowercaseTraps = [
    "y", "n", "no", "on", "off", "yes", "true", "false", "null", "53", "0", "1e3", "0x1f", "010",
    "0o17", "2024-01-01", "1-2",
  ]

  /// Traps that are valid label values but not DNS labels.
  static let labelValueTraps = lowercaseTraps + ["Y", "N", "On", "NULL", "1.0", "1_000"]

  /// Strings for free-form fields: indicators, comment markers, quotes, escapes, edge spaces,
  /// line breaks, control characters and non-ASCII text.
  static let freeFormTraps = [
    "", " ", "y", "no", "~", "null", "53", "1.0", "1:20", "*.example.com", "*", "- dash",
    "? q", ": colon", "a: b", "a #b", "#x", "&a", "*a", "!t", "|", ">", "'s'", "\"d\"", "%p",
    "@a", "`b", "[1, 2]", "{a: b}", "...", "---", " lead", "trail ", "multi\nline", "tab\there",
    "cr\r\n", "nul\u{0}", "bell\u{7}", "del\u{7F}", "nel\u{85}", "ls\u{2028}", "bom\u{FEFF}",
    "back\\slash", "café", "日本語", "emoji 😀", "e\u{301}", "GET", "/public/.*", "X-A: 1",
  ]

  /// A DNS-1123 label: a YAML trap or a random lowercase label.
  mutating func dnsLabel() -> String {
    if chance(0.3) { return pick(Self.lowercaseTraps) }
    let edge = "abcdefghijklmnopqrstuvwxyz0123456789"
    return text(edge, 1...1) + (chance(0.5) ? text(edge + "-", 0...6) + text(edge, 1...1) : "")
  }

  /// A DNS-1123 subdomain: one to three labels.
  mutating func dnsSubdomain() -> String {
    list(1...3) { $0.dnsLabel() }.joined(separator: ".")
  }

  /// The name part of a label key or a non-empty label value.
  mutating func qualifiedName() -> String {
    if chance(0.3) { return pick(Self.labelValueTraps) }
    let edge = "abcXYZ019"
    let inner = edge + "-_."
    return text(edge, 1...1) + (chance(0.5) ? text(inner, 0...6) + text(edge, 1...1) : "")
  }

  /// A label or annotation key, with a DNS-subdomain prefix half of the time.
  mutating func labelKey() -> String {
    (chance(0.5) ? dnsSubdomain() + "/" : "") + qualifiedName()
  }

  /// A Cilium selector key: a label key, sometimes with a `k8s:` or `any:` source prefix.
  mutating func ciliumKey() -> String {
    (chance(0.3) ? pick(["k8s:", "any:"]) : "") + labelKey()
  }

  /// A label value: empty or a qualified name.
  mutating func labelValue() -> String { chance(0.1) ? "" : qualifiedName() }

  /// Labels: up to three keys.
  mutating func labels() -> [String: String] {
    map(0...3, key: { $0.labelKey() }, value: { $0.labelValue() })
  }

  /// A free-form string: a trap, or random text over an alphabet of awkward characters.
  mutating func freeForm(maxLength: Int = 12) -> String {
    if chance(0.5) {
      return pick(Self.freeFormTraps.filter { $0.count <= maxLength })
    }
    return text("ab Z09-:#'\"\\{}[],&*!|>%@`?~\n\té😀\u{7F}\u{85}", 0...maxLength)
  }

  /// An IANA service name (a named port).
  mutating func portName() -> String {
    if chance(0.4) { return pick(["y", "n", "no", "on", "off", "yes", "true", "null", "http"]) }
    return text("abcxyz", 1...1) + text("abc019", 0...5)
      + (chance(0.3) ? "-" + text("z9", 1...2) : "")
  }

  /// A DNS name for `toFQDNs`/`rules.dns` `matchName` (letters, digits, `-`, `_`).
  mutating func fqdnName() -> String {
    let label = { (a: inout Arbitrary) -> String in
      a.text("abcXYZ019_", 1...1) + a.text("ab-_9", 0...4)
    }
    return list(1...3, label).joined(separator: ".") + (chance(0.2) ? "." : "")
  }

  /// A `matchPattern`: a name with `*` wildcards.
  mutating func fqdnPattern() -> String {
    pick(["*", "**", "*.", "*.example.com", "**.example.com", "part*ial.com", "*example.com"])
  }

  // MARK: - Addresses

  /// An IPv4 or IPv6 prefix with its host bits zero, and prefixes strictly inside it.
  mutating func prefixWithExceptions() -> (cidr: String, except: [String]) {
    if chance(0.2) {
      return pick([
        ("2001:db8::/32", ["2001:db8:1::/48"]), ("fd00::/8", []), ("::/0", ["::1/128"]),
      ])
    }
    let length = int(0...30)
    let bits = UInt32.random(in: 0...UInt32.max, using: &rng)
    let network = length == 0 ? 0 : bits & ~(UInt32.max >> UInt32(length))
    let except = list(0...2) { arbitrary -> String in
      let inner = arbitrary.int((length + 1)...32)
      let extra = UInt32.random(in: 0...UInt32.max, using: &arbitrary.rng)
      let innerMask = inner == 32 ? UInt32.max : ~(UInt32.max >> UInt32(inner))
      let outerMask = length == 0 ? 0 : ~(UInt32.max >> UInt32(length))
      return Self.ipv4(((network & outerMask) | (extra & ~outerMask)) & innerMask) + "/\(inner)"
    }
    return (Self.ipv4(network) + "/\(length)", except)
  }

  /// An IPv4 or IPv6 address.
  mutating func address() -> String {
    if chance(0.2) { return pick(["2001:db8::1", "fd00::10", "::1"]) }
    return Self.ipv4(UInt32.random(in: 0...UInt32.max, using: &rng))
  }

  /// Dotted-quad text of an IPv4 address.
  static func ipv4(_ value: UInt32) -> String {
    [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xFF) }.joined(separator: ".")
  }
}
