import Testing

@testable import NetpolModel

/// Expected renderings follow YAML 1.1's resolvers (bool `y|n|yes|no|on|off|true|false`, null,
/// int with `0x`/`0`/`_`/sexagesimal forms, float, timestamp: yaml.org/type), go-yaml v2's
/// double-quoted style, and engineering.md §3.2's table of traps.
@Suite("A string is quoted exactly when a YAML reader would read it as something else")
struct ScalarQuotingTests {
  @Test(
    "plain strings stay plain",
    arguments: [
      "web", "kube-system", "k8s:io.kubernetes.pod.namespace", "10.244.0.107", "10.0.0.0/8",
      "2001:db8::1", "1.2.3", "/public/.*", "api.example.com", "a-b_c.d", "café", "it's",
      "x[0]", "NaN", "e", "0xZZ", "a:b", "a#b", "+",
    ])
  func plain(_ value: String) {
    #expect(YAMLWriter.quoted(value) == value)
  }

  @Test(
    "YAML 1.1 booleans, nulls and special words are double-quoted",
    arguments: [
      "y", "Y", "n", "N", "yes", "No", "ON", "off", "true", "False", "null", "~", "<<", "=",
    ])
  func reservedWords(_ value: String) {
    #expect(YAMLWriter.quoted(value) == "\"\(value)\"")
  }

  @Test(
    "numbers, sexagesimals and dates are double-quoted",
    arguments: [
      "53", "0", "-1", "+1", "1.0", "1.", ".5", "1e3", "1E3", "1.0e+3", "0x1F", "0o17", "0b101",
      "012", "1_000", "1:20", "190:20:30", "1:2:3:4:5:6:7:8", ".inf", "-.Inf", ".NaN",
      "2024-01-01", "2001-12-14t21:59:43.10-05:00", "1-2",
    ])
  func numbers(_ value: String) {
    #expect(YAMLWriter.quoted(value) == "\"\(value)\"")
  }

  @Test(
    "indicators, comments and edge spaces are double-quoted",
    arguments: [
      "*.example.com", "*", "-dash", "? q", ":x", ",", "[x]", "{y}", "#x", "&anchor", "!tag",
      "|pipe", ">fold", "'single'", "%pct", "@at", "`tick", " lead", "trail ", "a: b", "a #b",
      "end:", "...", "---", "::1",
    ])
  func indicators(_ value: String) {
    #expect(YAMLWriter.quoted(value) == "\"\(value)\"")
  }

  @Test("the empty string is written as a pair of double quotes")
  func empty() {
    #expect(YAMLWriter.quoted("") == "\"\"")
  }

  @Test(
    "control characters, quotes and backslashes are escaped inside double quotes",
    arguments: [
      ("multi\nline", #""multi\nline""#),
      ("tab\there", #""tab\there""#),
      ("cr\r", #""cr\r""#),
      ("nul\u{0}", #""nul\x00""#),
      ("bell\u{7}", #""bell\x07""#),
      ("del\u{7F}", #""del\x7F""#),
      ("nel\u{85}", #""nel\x85""#),
      ("ls\u{2028}", #""ls\u2028""#),
      ("bom\u{FEFF}", #""bom\uFEFF""#),
      ("\"quoted\"", #""\"quoted\"""#),
      ("- back\\slash", #""- back\\slash""#),
    ])
  func escapes(_ value: String, _ expected: String) {
    #expect(YAMLWriter.quoted(value) == expected)
  }

  @Test(
    "inside flow collections the flow indicators, colons and # are quoted too",
    arguments: [
      ("web", "web"), ("10.244.0.107", "10.244.0.107"), ("a,b", #""a,b""#), ("a]", #""a]""#),
      ("{x", #""{x""#), ("fd00::1", #""fd00::1""#), ("a#b", #""a#b""#), ("on", #""on""#),
    ])
  func flow(_ value: String, _ expected: String) {
    #expect(YAMLWriter.flowQuoted(value) == expected)
  }

  @Test("a key longer than YAML's 1024-character implicit-key limit is written as ? key")
  func longKey() {
    let key = String(repeating: "k", count: 1100)
    let text = YAMLWriter.render(.mapping([(key, .string("v")), ("short", .string("w"))]))
    #expect(text == "? \(key)\n: v\nshort: w\n")
  }
}
