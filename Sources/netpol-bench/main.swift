import Foundation
import NetpolEngine
import NetpolModel
import NetpolSynthetic

/// Writes a line at once (unbuffered), so that each figure appears as soon as it is measured,
/// also when the output is a file.
func print(_ text: String = "") {
  var bytes = Array((text + "\n").utf8)
  var offset = 0
  while offset < bytes.count {
    let written = bytes[offset...].withUnsafeMutableBytes { write(1, $0.baseAddress, $0.count) }
    if written <= 0 { return }
    offset += written
  }
}

/// Peak resident set size so far (VmHWM of /proc/self/status), in megabytes.
func peakRSSMegabytes() -> Double {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
    return 0
  }
  for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
    let digits = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
    return Double(digits) / 1024
  }
  return 0
}

/// Seconds taken by `body`, and its result.
func timed<T>(_ body: () throws -> T) rethrows -> (Double, T) {
  let start = DispatchTime.now().uptimeNanoseconds
  let result = try body()
  return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, result)
}

/// A right-aligned column.
func column(_ text: String, _ width: Int) -> String {
  String(repeating: " ", count: max(0, width - text.count)) + text
}

/// Seconds, milliseconds or microseconds.
func seconds(_ value: Double) -> String {
  if value < 0.001 { return String(format: "%.0f µs", value * 1_000_000) }
  return value < 1 ? String(format: "%.1f ms", value * 1000) : String(format: "%.2f s", value)
}

/// The built `netpol` next to this benchmark, or `nil` with a note.
func netpolBinary() -> URL? {
  let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  let binary = folder.appendingPathComponent("netpol")
  guard FileManager.default.isExecutableFile(atPath: binary.path) else {
    print("shell: skipped, \(binary.path) not found (build it first: swift build --product netpol)")
    return nil
  }
  return binary
}

/// Engine figures for one generated cluster: load, build, one port's matrix, one explanation.
func engineFigures(_ name: String, _ cluster: GeneratedCluster) {
  let port = 8080
  let text = cluster.clusterYAML + "---\n" + cluster.policiesYAML
  let (loadTime, loaded) = timed { PolicyLoader.load(text: text, file: "generated.yaml") }
  if !loaded.diagnostics.isEmpty {
    print("the generated cluster did not load: \(loaded.diagnostics.prefix(3).map(\.description))")
    exit(1)
  }
  let (buildTime, engine) = timed {
    PolicyEngine(
      inventory: loaded.inventory, policies: loaded.policies.map(\.resource),
      dataplane: .kubernetes)
  }
  var cells = 0
  var allowed = 0
  let (matrixTime, _) = timed {
    for row in engine.rows(of: engine.classMatrix(protocol: .tcp, port: port)) {
      cells += row.verdicts.count
      for verdict in row.verdicts where verdict == .allow { allowed += 1 }
    }
  }
  let (classTime, tally) = timed { engine.matrixTally(protocol: .tcp, port: port) }
  let pods = loaded.inventory.pods
  let source = pods[pods.count / 3]
  let destination = pods[(2 * pods.count) / 3]
  let flow = Flow(source: .pod(source), destination: .pod(destination), protocol: .tcp, port: port)
  _ = engine.explain(flow)
  let (explainTime, explanation) = timed { engine.explain(flow) }
  print(
    "  engine (in process): load \(seconds(loadTime)) (\(text.utf8.count / 1_000_000) MB YAML), "
      + "build \(seconds(buildTime)), \(tally.classes) classes")
  print(
    "  matrix TCP/\(port): class level \(seconds(classTime)), all \(cells) cells row by row "
      + "\(seconds(matrixTime)) (\(allowed) allowed); explain \(seconds(explainTime)) "
      + "(\(explanation.verdict.rawValue)); peak RSS \(String(format: "%.0f MB", peakRSSMegabytes()))"
  )
}

/// Shell figures for one generated cluster, through the built binary.
func shellFigures(_ name: String, _ cluster: GeneratedCluster, netpol: URL) -> Bool {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "netpol-bench-\(name)-\(getpid())")
  try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  guard let figures = ShellBench.run(netpol: netpol, cluster: cluster, folder: folder) else {
    return false
  }
  let times = figures.steps.map(\.seconds)
  let mean = times.isEmpty ? 0 : times.reduce(0, +) / Double(times.count)
  let worst = figures.steps.max { $0.seconds < $1.seconds }
  print("  shell start-up (load + first command): \(seconds(figures.startup))")
  print(
    "  shell steps: \(times.count), mean \(seconds(mean)), worst \(seconds(worst?.seconds ?? 0))"
      + " (\(worst?.command ?? "-"))")
  for (command, time) in figures.steps { print("    \(column(seconds(time), 9))  \(command)") }
  for problem in figures.problems.prefix(5) { print("  problem: \(problem)") }
  return figures.problems.isEmpty
}

let arguments = CommandLine.arguments.dropFirst()
let smoke = arguments.contains("--smoke")
let sizes: [(String, GeneratedCluster.Size)] =
  smoke ? [("small", .small)] : [("large", .large), ("xl", .xl)]
print("netpol-bench: generated clusters (seed 1), dataplane kubernetes")
let binary = netpolBinary()
var failed = false
for (name, size) in sizes {
  let (generateTime, cluster) = timed { GeneratedCluster.generate(size, seed: 1) }
  print("")
  print(
    "\(name): \(size.namespaces) namespaces, \(size.pods) pods, \(cluster.policies.count) "
      + "NetworkPolicies (generated in \(seconds(generateTime)))")
  engineFigures(name, cluster)
  if let binary, !shellFigures(name, cluster, netpol: binary) { failed = true }
}
if !smoke {
  print("")
  StartupBench.run()
  GroupedViewBench.run()
  DiffBench.run()
  runLoadBench()
}
if failed || binary == nil { exit(1) }
