import Foundation
import Testing

@Suite("netpol says which build it is and writes shell completion scripts")
struct VersionAndCompletionTests {
  /// The commit this checkout is at, as `git rev-parse --short=12 HEAD` prints it.
  private func headCommit() throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "git", "-C", CLIRunner.repositoryRoot.path, "rev-parse", "--short=12", "HEAD",
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test("--version and version print the version and the git commit of the build")
  func versionNamesTheCommit() throws {
    let commit = try headCommit()
    for arguments in [["--version"], ["version"]] {
      let result = try runNetpol(arguments)
      #expect(result.status == 0, "\(result.stderr)")
      let line = result.stdout.trimmingCharacters(in: .newlines)
      #expect(line.hasPrefix("netpol 0.2.0 (commit \(commit)"), "\(line)")
      #expect(line.hasSuffix(")"))
    }
  }

  @Test(
    "completion prints the script each shell loads",
    arguments: [
      ("bash", "complete -o filenames -F _netpol netpol"),
      ("zsh", "#compdef netpol"),
      ("fish", "complete -c 'netpol'"),
    ])
  func completionScripts(shell: String, marker: String) throws {
    let result = try runNetpol(["completion", shell])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains(marker))
    for command in ["validate", "matrix", "explain", "shell"] {
      #expect(result.stdout.contains(command), "\(shell) script lacks \(command)")
    }
  }

  @Test("completion refuses an unknown shell and names the choices")
  func unknownShell() throws {
    let result = try runNetpol(["completion", "powershell"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("'powershell'"))
    #expect(result.stderr.contains("bash"))
    #expect(result.stderr.contains("fish"))
  }
}
