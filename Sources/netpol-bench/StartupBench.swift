import Foundation

/// Start-up time of the shell: spawns the built `netpol` binary with the one-line script `quit`
/// on standard input (demo cluster loaded, session built, first line read) and times it.
/// The budget is 100 ms to the first prompt.
enum StartupBench {
  /// The budget, in milliseconds.
  static let budget = 100.0

  /// Runs the measurement `runs` times and prints min / median / max; returns whether the median
  /// is within the budget (`nil` when the binary was not found).
  @discardableResult
  static func run(runs: Int = 20) -> Bool? {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let binary = folder.appendingPathComponent("netpol")
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
      print(
        "startup: skipped, \(binary.path) not found "
          + "(build it first: swift build -c release --product netpol)")
      return nil
    }
    var times: [Double] = []
    for _ in 0..<runs {
      guard let milliseconds = time(binary) else {
        print("startup: netpol shell failed to start")
        return false
      }
      times.append(milliseconds)
    }
    times.sort()
    let median = times[times.count / 2]
    let verdict = median <= budget ? "within" : "OVER"
    func milliseconds(_ value: Double) -> String { String(format: "%.1f ms", value) }
    print(
      "startup: netpol shell < quit: min \(milliseconds(times[0])), median "
        + "\(milliseconds(median)), max \(milliseconds(times[times.count - 1])) (\(runs) runs; "
        + "\(verdict) the \(Int(budget)) ms budget)")
    return median <= budget
  }

  /// Wall-clock milliseconds of one `netpol shell` run reading `quit`, or `nil` on failure.
  private static func time(_ binary: URL) -> Double? {
    let process = Process()
    process.executableURL = binary
    process.arguments = ["shell"]
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let start = DispatchTime.now()
    do {
      try process.run()
    } catch {
      return nil
    }
    try? input.fileHandleForWriting.write(contentsOf: Data("quit\n".utf8))
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    let end = DispatchTime.now()
    guard process.terminationStatus == 0 else { return nil }
    return Double(end.uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
  }
}
