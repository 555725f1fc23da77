import Testing

@testable import NetpolShell

@Suite("Every command in the catalogue reaches its own handler")
struct CommandDispatchTests {
  @Test(
    "each command word runs its handler: only quit quits, none is left without one",
    arguments: CommandCatalog.all.flatMap { [$0.name] + $0.aliases })
  func reachesHandler(word: String) {
    var shell = TestShell()
    let outcome = shell.interpreter.execute(word)
    #expect(outcome.error?.message.hasSuffix("has no handler") != true, "\(word)")
    if word == "quit" || word == "exit" {
      #expect(outcome.quit != nil)
    } else {
      #expect(outcome.quit == nil, "`\(word)` quit the shell")
    }
  }

  @Test("version prints the version and the commit of the build")
  func version() {
    var shell = TestShell()
    #expect(shell.ok("version") == BuildInfo.description + "\n")
    #expect(BuildInfo.description.hasPrefix("netpol \(BuildInfo.version) (commit "))
  }
}
