import Foundation
import Testing

@Suite("The CLI and the shell print the same matrix for the same inputs, byte for byte")
struct SameMatrixTests {
  @Test(
    "netpol matrix -o table and the shell's matrix agree",
    arguments: [
      ("examples/demo/cluster.yaml", "examples/demo/s1-demo-policy.yaml", "80"),
      ("examples/shop/cluster.yaml", "examples/shop/policies.yaml", "8080"),
    ])
  func same(cluster: String, policies: String, port: String) throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let script = directory.appendingPathComponent("matrix.netpol")
    for grouping in ["pod", "workload", "namespace"] {
      try Data("matrix --port \(port)/TCP --group-by \(grouping)\n".utf8).write(to: script)
      let shell = try runNetpol(["run", script.path, "--cluster", cluster, "-f", policies])
      let cli = try runNetpol([
        "matrix", "--cluster", cluster, "-f", policies, "--port", port, "-o", "table",
        "--group-by", grouping, "--width", "0",
      ])
      #expect(shell.status == 0, "\(shell.stderr)")
      #expect(cli.status == 0, "\(cli.stderr)")
      #expect(cli.stdout.hasPrefix("\(port)/TCP on kubernetes"))
      #expect(shell.stdout == cli.stdout)
    }
  }
}
