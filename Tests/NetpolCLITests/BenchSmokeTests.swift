import Foundation
import Testing

/// The benchmark keeps working: on a small generated cluster it prints every figure (times are
/// not checked, only that each was measured).
@Suite("The benchmark runs on a small cluster and prints every figure")
struct BenchSmokeTests {
  @Test("netpol-bench --smoke prints the engine, start-up and per-step figures")
  func smoke() throws {
    let netpol = try CLIRunner.binary()
    let bench = netpol.deletingLastPathComponent().appendingPathComponent("netpol-bench")
    let process = Process()
    process.executableURL = bench
    process.arguments = ["--smoke"]
    let output = try makeTemporaryDirectory().appendingPathComponent("bench.txt")
    try Data().write(to: output)
    process.standardOutput = try FileHandle(forWritingTo: output)
    try process.run()
    process.waitUntilExit()
    let text = try String(contentsOf: output, encoding: .utf8)
    #expect(process.terminationStatus == 0, "\(text)")
    for figure in [
      "small: 3 namespaces, 30 pods, 10 NetworkPolicies", "engine (in process): load ",
      "matrix TCP/8080: class level ", "peak RSS ", "shell start-up (load + first command): ",
      "shell steps: 13, mean ", ", worst ",
    ] {
      #expect(text.contains(figure), "missing \(figure) in:\n\(text)")
    }
    // Every scripted step has its own time.
    for step in ["recipe default-deny-ingress", "label ", "rm ", "undo", "redo", "use cilium"] {
      #expect(text.contains(" \(step)"), "missing step \(step) in:\n\(text)")
    }
    #expect(!text.contains("problem:"), "\(text)")
  }
}
