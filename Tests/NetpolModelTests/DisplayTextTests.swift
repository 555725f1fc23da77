import NetpolModel
import Testing

@Suite("DisplayText spells out characters that would fool or drive a terminal")
struct DisplayTextTests {
  @Test("plain names, accents and emoji pass unchanged")
  func plain() {
    for value in ["web", "demo/server", "café", "日本語", "emoji 😀", "10.0.0.1/32"] {
      #expect(DisplayText.escaped(value) == value)
    }
  }

  @Test("C0, DEL and C1 controls are written as \\u{HEX}")
  func controls() {
    #expect(DisplayText.escaped("a\u{1B}]0;x\u{7}b") == #"a\u{1B}]0;x\u{7}b"#)
    #expect(DisplayText.escaped("a\u{7F}b\u{9B}c") == #"a\u{7F}b\u{9B}c"#)
    #expect(DisplayText.escaped("line\nbreak") == #"line\u{A}break"#)
  }

  @Test("zero-width and bidirectional characters are visible (Unicode general category Cf)")
  func invisible() {
    // U+200B ZERO WIDTH SPACE, U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LEFT-TO-RIGHT ISOLATE,
    // U+FEFF ZERO WIDTH NO-BREAK SPACE: all format characters (Unicode Standard, chapter 23).
    #expect(DisplayText.escaped("we\u{200B}b") == #"we\u{200B}b"#)
    #expect(DisplayText.escaped("a\u{202E}b\u{2066}c\u{FEFF}") == #"a\u{202E}b\u{2066}c\u{FEFF}"#)
    #expect(DisplayText.escaped("x\u{2028}y") == #"x\u{2028}y"#)
  }

  @Test("long values are cut with the number of characters left out")
  func cut() {
    let value = String(repeating: "v", count: 1_000_000)
    let shown = DisplayText.escaped(value)
    #expect(shown == String(repeating: "v", count: 256) + "…(999744 more characters)")
    #expect(DisplayText.escaped("abcdef", limit: 3) == "abc…(3 more characters)")
  }

  @Test("quoted adds quotes and escapes quotes, backslashes, newlines and tabs")
  func quoted() {
    #expect(DisplayText.quoted("a\"b\\c\nd\te\u{1B}") == #""a\"b\\c\nd\te\u{1B}""#)
  }

  @Test("escapedText keeps the lines and tabs of a rendered text")
  func text() {
    #expect(DisplayText.escapedText("a\tb\nc\u{1B}[2J\n") == "a\tb\nc\\u{1B}[2J\n")
  }
}
