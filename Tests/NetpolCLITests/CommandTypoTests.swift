import Testing

/// The shell suggests a command for a typo; the CLI does too.
@Suite("A misspelt netpol command gets a suggestion and the usage status")
struct CommandTypoTests {
  @Test("netpol matrx suggests matrix")
  func topLevel() throws {
    let result = try runNetpol(["matrx"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("unknown command 'matrx'; did you mean 'matrix'?"))
    #expect(result.stdout.isEmpty)
  }

  @Test("netpol help matrx fails with the suggestion instead of printing the top help")
  func help() throws {
    let result = try runNetpol(["help", "matrx"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("did you mean 'matrix'?"))
    #expect(!result.stdout.contains("OVERVIEW"))
    let unknown = try runNetpol(["help", "zzzzzz"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("unknown command 'zzzzzz'"))
  }

  @Test("real commands and help for them still work")
  func fine() throws {
    #expect(try runNetpol(["help", "matrix"]).status == 0)
    #expect(try runNetpol(["recipes", "list"]).status == 0)
  }
}
