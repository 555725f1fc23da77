import Foundation
import NetpolEngine
import NetpolModel
import NetpolSynthetic

/// End-to-end time of `netpol diff -o json` on the large synthetic cluster (3,000 pods, 1,000
/// policies) between its policy set and the same set with 10 policies removed: the built
/// binary reads the inventory and both sets from files, compares every port of the inventory
/// and prints the JSON. The budget is 1 s.
enum DiffBench {
  /// The budget, in seconds.
  static let budget = 1.0

  /// Writes the inputs, runs the binary `runs` times and prints min / median / max.
  static func run(runs: Int = 5) {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let binary = folder.appendingPathComponent("netpol")
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
      print("diff: skipped, \(binary.path) not found")
      return
    }
    let (inventory, policies) = SyntheticCluster.generate(
      pods: 3_000, policies: 1_000, namespaces: 50, seed: 1)
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("netpol-diff-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let cluster = scratch.appendingPathComponent("cluster.yaml")
    let before = scratch.appendingPathComponent("before.yaml")
    let after = scratch.appendingPathComponent("after.yaml")
    let removed = Set(stride(from: 0, to: policies.count, by: policies.count / 10).prefix(10))
    let kept = policies.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
    do {
      try Data(YAMLWriter.inventory(inventory).utf8).write(to: cluster)
      try Data(YAMLWriter.stream(policies).utf8).write(to: before)
      try Data(YAMLWriter.stream(kept).utf8).write(to: after)
    } catch {
      print("diff: skipped, cannot write the inputs: \(error)")
      return
    }
    var times: [Double] = []
    var lines = 0
    for _ in 0..<runs {
      let process = Process()
      process.executableURL = binary
      process.arguments = [
        "diff", "--cluster", cluster.path, before.path, after.path, "-o", "json",
      ]
      let output = Pipe()
      process.standardOutput = output
      process.standardError = FileHandle.nullDevice
      let (time, data) = timed { () -> Data in
        try? process.run()
        let data = (try? output.fileHandleForReading.readToEnd()) ?? Data()
        process.waitUntilExit()
        return data
      }
      times.append(time)
      lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\"source\"").count - 1
    }
    times.sort()
    let median = times[times.count / 2]
    print(
      "diff -o json, 3000 pods, 1000 vs 990 policies, every inventory port: min \(seconds(times[0])), "
        + "median \(seconds(median)), max \(seconds(times[times.count - 1])); \(lines) changes; "
        + (median <= budget ? "within" : "over") + " the 1 s budget")
  }
}
