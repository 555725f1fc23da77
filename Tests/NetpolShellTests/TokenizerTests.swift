import Testing

@testable import NetpolShell

@Suite("The tokenizer splits command lines into words with positions")
struct TokenizerTests {
  @Test("blanks separate words and each word knows its columns")
  func blanks() throws {
    let tokens = try Tokenizer.tokenize("label  demo/client app=client")
    #expect(tokens.map(\.text) == ["label", "demo/client", "app=client"])
    #expect(
      tokens.map(\.span) == [
        Span(start: 0, length: 5), Span(start: 7, length: 11), Span(start: 19, length: 10),
      ])
  }

  @Test("single quotes are literal, double quotes honour backslash escapes")
  func quotes() throws {
    let tokens = try Tokenizer.tokenize(#"fqdn '*.google.com' "a \"b\"" c\ d"#)
    #expect(tokens.map(\.text) == ["fqdn", "*.google.com", #"a "b""#, "c d"])
    #expect(tokens.map(\.quoted) == [false, true, true, true])
    #expect(tokens[1].span == Span(start: 5, length: 14))
  }

  @Test("blanks inside parentheses do not split a word")
  func parentheses() throws {
    let tokens = try Tokenizer.tokenize("select env in (prod, qa),!legacy")
    #expect(tokens.map(\.text) == ["select", "env", "in", "(prod, qa),!legacy"])
  }

  @Test("a # at the start of a word starts a comment")
  func comments() throws {
    #expect(try Tokenizer.tokenize("# only a comment").isEmpty)
    #expect(try Tokenizer.tokenize("cluster # show it").map(\.text) == ["cluster"])
    #expect(try Tokenizer.tokenize("label a/b x=a#b").map(\.text) == ["label", "a/b", "x=a#b"])
  }

  @Test("an unterminated quote is an error under the quote")
  func unterminated() {
    #expect(throws: ShellError("unterminated quote", at: Span(start: 5, length: 1))) {
      try Tokenizer.tokenize("fqdn 'abc")
    }
  }

  @Test("a partial line yields the finished words and the word under the cursor")
  func partial() {
    let (words, current) = Tokenizer.partial("label demo/cl")
    #expect(words.map(\.text) == ["label"])
    #expect(current == "demo/cl")
    let (allWords, empty) = Tokenizer.partial("label ")
    #expect(allWords.map(\.text) == ["label"])
    #expect(empty == "")
  }

  @Test("the caret line sits under the span, shifted by the prompt")
  func caret() {
    let error = ShellError("bad", at: Span(start: 6, length: 4))
    #expect(error.caretLine(indent: 8) == String(repeating: " ", count: 14) + "^~~~")
    #expect(ShellError("no span").caretLine(indent: 8) == nil)
  }
}
