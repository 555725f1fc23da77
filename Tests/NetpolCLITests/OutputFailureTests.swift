import Foundation
import Testing

/// Runs `script` with `/bin/sh`, `$NETPOL` naming the built binary, in the repository root;
/// returns what the script writes (its own redirections decide where netpol's output goes).
func runShellScript(_ script: String, in directory: URL? = nil) throws -> (
  status: Int32, stdout: String, stderr: String
) {
  let scratch = try makeTemporaryDirectory()
  defer { try? FileManager.default.removeItem(at: scratch) }
  let outURL = scratch.appendingPathComponent("stdout")
  let errURL = scratch.appendingPathComponent("stderr")
  try Data().write(to: outURL)
  try Data().write(to: errURL)
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/sh")
  process.arguments = ["-c", script]
  process.currentDirectoryURL = directory ?? CLIRunner.repositoryRoot
  process.environment = ProcessInfo.processInfo.environment.merging([
    "NETPOL": try CLIRunner.binary().path
  ]) { $1 }
  let output = try FileHandle(forWritingTo: outURL)
  let errors = try FileHandle(forWritingTo: errURL)
  process.standardOutput = output
  process.standardError = errors
  process.standardInput = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  try output.close()
  try errors.close()
  let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
  let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
  return (process.terminationStatus, stdout, stderr)
}

/// One command line of each netpol command that writes to standard output.
private let everyCommand: [String] = [
  "validate -f examples/demo/s1-demo-policy.yaml",
  "fmt -f examples/demo/s1-demo-policy.yaml",
  "matrix --cluster examples/demo/cluster.yaml -f examples/demo/s1-demo-policy.yaml",
  "explain --cluster examples/demo/cluster.yaml -f examples/demo/s1-demo-policy.yaml "
    + "--from demo/client --to demo/server --port 80",
  "isolation --cluster examples/demo/cluster.yaml -f examples/demo/s1-demo-policy.yaml",
  "lint -f examples/demo/s4-allow-egress-to-specific-domain.yaml",
  "recipes",
  "generate allow-dns",
  "shell < examples/s1.netpol",
  "--help",
]

@Suite("A failed write to standard output or standard error ends the command with status 74")
struct OutputFailureTests {
  @Test("standard output on a full device: a message on standard error, status 74, every command")
  func fullDevice() throws {
    for command in everyCommand {
      let result = try runShellScript("\"$NETPOL\" \(command) > /dev/full")
      #expect(result.status == 74, "\(command): \(result.stderr)")
      #expect(
        result.stderr.hasSuffix(
          "netpol: cannot write to standard output: No space left on device\n"),
        "\(command): \(result.stderr)")
    }
  }

  @Test("standard output closed: a message, status 74, every command")
  func closedDescriptor() throws {
    for command in everyCommand {
      let result = try runShellScript("\"$NETPOL\" \(command) >&-")
      #expect(result.status == 74, "\(command): \(result.stderr)")
      #expect(result.stderr.contains("cannot write to standard output"), "\(command)")
    }
  }

  @Test("standard error on a full device: status 74 instead of a crash")
  func fullStandardError() throws {
    let result = try runShellScript("\"$NETPOL\" validate -f no-such-file.yaml 2>/dev/full")
    #expect(result.status == 74)
    let usage = try runShellScript("\"$NETPOL\" matrix --no-such-option 2>/dev/full")
    #expect(usage.status == 74)
  }

  @Test("a reader that goes away with SIGPIPE ignored: quiet, status 74")
  func closedPipe() throws {
    // 400 pods make a matrix of about 600 kB, far more than a pipe holds.
    var cluster = "namespaces: [{name: demo}]\npods:\n"
    for index in 0..<400 {
      cluster +=
        "- {namespace: demo, name: pod-\(index), ip: 10.0.\(index / 200).\(index % 200 + 1)}\n"
    }
    let directory = try makeTemporaryDirectory(files: ["cluster.yaml": cluster])
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try runShellScript(
      """
      trap '' PIPE
      { "$NETPOL" matrix --cluster cluster.yaml --port 80 2>errors; echo $? > status; } \\
        | head -c1 >/dev/null
      cat status errors
      """, in: directory)
    #expect(result.stdout == "74\n", "a closed pipe ends quietly with 74: \(result.stderr)")
  }
}
