import Foundation
import NetpolEngine
import NetpolModel
import NetpolSynthetic

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

let sizes: [(pods: Int, policies: Int, namespaces: Int)] = [
  (3_000, 1_000, 50), (20_000, 5_000, 200),
]
let port = 8080
print("netpol-bench: synthetic clusters (seed 1), one port (TCP/\(port)), dataplane kubernetes")
print(
  "The load column parses the generated inventory and policies as YAML text with PolicyLoader;"
)
print("build compiles the policies and groups pods into classes no rule can tell apart.")
print("")
let header = [
  column("pods/policies/ns", 18), column("classes", 8), column("load", 10), column("build", 10),
  column("matrix", 10), column("explain", 10), column("peak RSS", 10), "  matrix kind",
]
print(header.joined())
for size in sizes {
  let (inventory, policies) = SyntheticCluster.generate(
    pods: size.pods, policies: size.policies, namespaces: size.namespaces, seed: 1)
  let text = YAMLWriter.inventory(inventory) + "---\n" + YAMLWriter.stream(policies)
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
  let small = size.pods <= 5_000
  var cells = 0
  var allowed = 0
  let (matrixTime, _) = timed {
    if small {
      let matrix = engine.matrix(protocol: .tcp, port: port)
      let counts = matrix.counts
      allowed = counts.allowed
      cells = counts.allowed + counts.denied
    } else {
      engine.forEachMatrixRow(protocol: .tcp, port: port) { _, row in
        cells += row.count
        for verdict in row where verdict == .allow { allowed += 1 }
      }
    }
  }
  let pods = loaded.inventory.pods
  let source = pods[pods.count / 3]
  let destination = pods[(2 * pods.count) / 3]
  let flow = Flow(source: .pod(source), destination: .pod(destination), protocol: .tcp, port: port)
  _ = engine.explain(flow)
  let (explainTime, explanation) = timed { engine.explain(flow) }
  let (tallyTime, tally) = timed { engine.matrixTally(protocol: .tcp, port: port) }
  let row = [
    column("\(size.pods)/\(size.policies)/\(size.namespaces)", 18),
    column("\(tally.classes)", 8),
    column(seconds(loadTime), 10), column(seconds(buildTime), 10), column(seconds(matrixTime), 10),
    column(seconds(explainTime), 10), column(String(format: "%.0f MB", peakRSSMegabytes()), 10),
    small ? "  materialised" : "  streamed rows",
  ]
  print(row.joined())
  print(
    "  \(cells) cells, \(allowed) allowed (class-only tally: \(seconds(tallyTime))); "
      + "explain \(flow.summary): \(explanation.verdict.rawValue)"
  )
}
print("")
StartupBench.run()
