import Foundation
import Testing

/// A missing file is reported one way everywhere: `PATH: no such file`, plus where the path
/// came from when it was not typed on the command line itself.
@Suite("A missing file is PATH: no such file, with where the path came from")
struct MissingFileTests {
  @Test("a plan whose inventory: line names a missing file says so")
  func planInventory() throws {
    let plan = """
      inventory: missing-cluster.yaml
      apply:
        - recipe: default-deny-all
          namespace: demo

      """
    let directory = try makeTemporaryDirectory(files: ["plan.yaml": plan])
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("plan.yaml").path
    let result = try runNetpol(["generate", "-f", path])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "missing-cluster.yaml: no such file (named by the inventory: line of \(path))"),
      "\(result.stderr)")
  }

  @Test("a missing policy file given with -f is PATH: no such file")
  func policyFile() throws {
    let result = try runNetpol(["lint", "-f", "/no/such/policy.yaml"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("/no/such/policy.yaml: no such file"))
    #expect(!result.stderr.contains("or directory"))
  }
}
