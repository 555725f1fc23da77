import Foundation
import NetpolEngine
import NetpolModel
import NetpolViews
import Testing

// The example cluster: shop (frontend 5, api 4, db 2), payments (gateway 4, ledger 3), web-prod
// (web 8, cache 2), monitoring (prometheus 1, node-exporter 4), kube-system (coredns 2,
// kube-proxy 4, backup 1). Kubernetes NetworkPolicy semantics: a pod selected by an ingress
// policy accepts only what some policy allows; every other pod accepts everything.

@Suite("A grouped cell counts the pod pairs it stands for, leaving self traffic out")
struct GroupedMatrixTests {
  @Test("By namespace, isolated and open pods of one namespace make a partial cell")
  func namespaceCounts() throws {
    let options = MatrixViewOptions(format: .json, grouping: .namespace)
    let document = try jsonObject(render(shopEngine(), [(.tcp, 8080)], options))
    #expect(document["grouping"] as? String == "namespace")
    let matrix = try #require((document["matrices"] as? [[String: Any]])?.first)
    let sources = try #require(matrix["sources"] as? [String])
    let destinations = try #require(matrix["destinations"] as? [String])
    let allowed = try #require(matrix["allowed"] as? [[Int]])
    let pairs = try #require(matrix["pairs"] as? [[Int]])
    let verdicts = try #require(matrix["verdicts"] as? [[String]])
    func cell(_ from: String, _ to: String) -> (Int, Int, String)? {
      guard let row = sources.firstIndex(of: from), let column = destinations.firstIndex(of: to)
      else { return nil }
      return (allowed[row][column], pairs[row][column], verdicts[row][column])
    }
    // payments/gateway (4 pods) admits only the shop api on 8443, so on 8080 only the 3
    // ledger pods accept the 7 kube-system pods.
    #expect(cell("kube-system", "payments")! == (21, 49, "partial"))
    // In shop every pod is isolated; only frontend (5) -> api (4) is allowed on 8080;
    // 11 pods make 11 * 10 pairs without self traffic.
    #expect(cell("shop", "shop")! == (20, 110, "partial"))
    #expect(cell("web-prod", "shop")! == (0, 110, "deny"))
    #expect(cell("shop", "web-prod")! == (110, 110, "allow"))
    let sizes = ["shop": 11, "payments": 7, "web-prod": 10, "monitoring": 5, "kube-system": 7]
    #expect(matrix["sourcePods"] as? [Int] == sources.map { sizes[$0] ?? 0 })
  }

  @Test("By workload, a one-pod workload to itself is self traffic, shown as #")
  func workloadTable() {
    let options = MatrixViewOptions(format: .wide, grouping: .workload, from: [], to: [])
    let text = render(shopEngine(), [(.tcp, 8080)], options)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines[0] == "8080/TCP on kubernetes, by workload")
    let header = lines[1].split(separator: " ").map(String.init)
    let prometheus = lines.first { $0.hasPrefix("monitoring/prometheus ") }!
    let cells = prometheus.split(separator: " ").map(String.init)
    let column = header.firstIndex(of: "monitoring/prometheus")!
    #expect(cells[column - 2] == "#")  // header has "from", "\", "to" before the columns
    let frontend = lines.first { $0.hasPrefix("shop/frontend ") }!.split(separator: " ")
    #expect(frontend[header.firstIndex(of: "shop/api")! - 2] == ".")
    #expect(frontend[header.firstIndex(of: "shop/db")! - 2] == "X")
  }
}

@Suite("Workloads are read from the labels and names controllers give their pods")
struct WorkloadKeyTests {
  @Test("Each controller kind is recognised, any other pod is its own workload")
  func kinds() {
    func key(_ name: String, _ labels: [String: String]) -> String {
      let workload = WorkloadKey.of(Pod(namespace: "ns", name: name, labels: labels))
      return "\(workload.kind) \(workload.name)"
    }
    #expect(key("api-7d9f8c-abcde", ["pod-template-hash": "7d9f8c"]) == "Deployment api")
    #expect(
      key("db-1", ["statefulset.kubernetes.io/pod-name": "db-1", "controller-revision-hash": "x"])
        == "StatefulSet db")
    #expect(
      key("agent-x7k2p", ["controller-revision-hash": "5d", "pod-template-generation": "1"])
        == "DaemonSet agent")
    #expect(key("migrate-kq2lp", ["job-name": "migrate"]) == "Job migrate")
    #expect(key("backup-29123456-kq2lp", ["job-name": "backup-29123456"]) == "CronJob backup")
    #expect(key("debug", [:]) == "Pod debug")
  }
}
