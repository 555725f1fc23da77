import Foundation
import NetpolEngine
import NetpolModel
import NetpolSynthetic
import NetpolViews

/// Times `matrix --group-by workload` and `--group-by namespace` on the xl synthetic cluster,
/// rendered as the table into a sink that only counts bytes (load excluded: the engine is built
/// once, as `netpol matrix` builds it after loading).
enum GroupedViewBench {
  /// A sink that counts what it is given.
  final class CountingSink: TextSink {
    var bytes = 0
    func write(_ text: String) { bytes += text.utf8.count }
  }

  static func run() {
    let (inventory, policies) = SyntheticCluster.generate(
      pods: 20_000, policies: 5_000, namespaces: 200, seed: 1)
    var labelled = inventory
    // Deployment pods carry pod-template-hash and are named NAME-HASH-SUFFIX.
    labelled.pods = inventory.pods.map { pod in
      var pod = pod
      guard let app = pod.labels["app"], let dash = pod.name.lastIndex(of: "-") else { return pod }
      let hash =
        "h" + String(app.unicodeScalars.reduce(7) { ($0 &* 31 &+ Int($1.value)) % 999_983 })
      pod.labels["pod-template-hash"] = hash
      pod.name = "\(app)-\(hash)-\(pod.name[pod.name.index(after: dash)...])"
      return pod
    }
    let engine = PolicyEngine(inventory: labelled, policies: policies, dataplane: .kubernetes)
    let context = MatrixContext(engine: engine)
    print("")
    print("grouped views, 20000 pods, TCP/8080, table format (engine built beforehand):")
    for grouping in [Grouping.workload, .namespace] {
      let sink = CountingSink()
      let (time, _) = timed {
        MatrixRenderer.render(
          [engine.matrixRows(protocol: .tcp, port: 8080)], context: context,
          options: MatrixViewOptions(format: .wide, grouping: grouping), to: sink)
      }
      print(
        "  --group-by \(grouping.rawValue): \(seconds(time)), \(sink.bytes) bytes, "
          + String(format: "peak RSS %.0f MB", peakRSSMegabytes()))
    }
  }
}
