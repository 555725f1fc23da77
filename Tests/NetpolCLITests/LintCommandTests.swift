import Foundation
import Testing

/// `netpol lint` (issue 6): findings with ID, severity and FILE:LINE:COL, exit codes for CI, and
/// the json and sarif formats.
@Suite("netpol lint reports findings and exits 1 at or above --fail-on")
struct LintCommandTests {
  @Test("the S3 policy gets NP001 (error) at its egress list with the allow-dns recipe as fix")
  func s3() throws {
    // scenarios.md S3: egress non-empty => policyTypes Ingress+Egress => DNS denied.
    let result = try runNetpol(["lint", "-f", "examples/lint/s3-allow-specific-pod.yaml"])
    #expect(result.status == 1)
    #expect(
      result.stdout.contains(
        "examples/lint/s3-allow-specific-pod.yaml:22:3: error: NP001 egress is isolated but DNS is not allowed"
      ))
    #expect(result.stdout.contains("fix: apply recipe allow-dns"))
    #expect(result.stdout.contains("1 error, 0 warnings, 0 infos"))
  }

  @Test("the S5 policy gets NP002 (error) with toEntities: [all] as fix")
  func s5() throws {
    // scenarios.md S5 / semantics.md §2.4: a CNP `egress: [{}]` allows nothing.
    let result = try runNetpol(["lint", "-f", "examples/lint/s5-allow-all-egress.yaml"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("s5-allow-all-egress.yaml:12:5: error: NP002"))
    #expect(result.stdout.contains("- toEntities: [all]"))
  }

  @Test(
    "the S4 demo with its cluster gets NP003 (error) for *.github.com, since github.com is an external name"
  )
  func s4() throws {
    // scenarios.md S4: *.github.com does not match github.com (semantics.md §2.9).
    let result = try runNetpol(["lint", "-f", "examples/demo", "-o", "json"])
    #expect(result.status == 1)
    #expect(
      result.stdout.contains(
        "\"rule\":\"NP003\",\"name\":\"wildcard-misses-apex\",\"severity\":\"error\""))
    #expect(result.stdout.contains("\"path\":\"spec.egress[0].toFQDNs[3]\""))
  }

  @Test("--fail-on decides the exit status; clean input exits 0 with `no findings`")
  func failOn() throws {
    let dir = try makeTemporaryDirectory(files: [
      "redundant.yaml": """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: web, namespace: demo}
      spec:
        podSelector: {matchLabels: {app: web}}
        ingress:
        - {}
        - from: [{podSelector: {matchLabels: {app: client}}}]
      """,
      "clean.yaml": """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: web, namespace: demo}
      spec:
        podSelector: {matchLabels: {app: web}}
        ingress:
        - from: [{podSelector: {matchLabels: {app: client}}}]
      """,
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let info = dir.appendingPathComponent("redundant.yaml").path
    #expect(try runNetpol(["lint", "-f", info]).status == 0)
    #expect(try runNetpol(["lint", "-f", info, "--fail-on", "warning"]).status == 0)
    let strict = try runNetpol(["lint", "-f", info, "--fail-on", "info"])
    #expect(strict.status == 1)
    #expect(strict.stdout.contains("info: NP013"))
    let clean = try runNetpol([
      "lint", "-f", dir.appendingPathComponent("clean.yaml").path, "--fail-on", "info",
    ])
    #expect(clean.status == 0)
    #expect(clean.stdout == "no findings\n")
  }

  @Test("S7: the same policies are checked against each dataplane's support (semantics.md §4.1)")
  func s7() throws {
    let file = "examples/lint/s7-mixed.yaml"
    let calico = try runNetpol(["lint", "-f", file, "--dataplane", "calico"])
    #expect(calico.stdout.contains("CiliumNetworkPolicy is not enforced on calico"))
    let aks = try runNetpol(["lint", "-f", file, "--dataplane", "azure-cilium"])
    #expect(aks.stdout.contains("toFQDNs is not supported on azure-cilium"))
    #expect(aks.stdout.contains("L7 HTTP/Kafka rules are not supported on azure-cilium"))
    let acns = try runNetpol(["lint", "-f", file, "--dataplane", "azure-cilium-acns"])
    #expect(acns.stdout == "no findings\n")
    let windows = try runNetpol(["lint", "-f", file, "--dataplane", "azure-npm-windows"])
    for what in ["NotIn selector", "ipBlock except", "named port http"] {
      #expect(windows.stdout.contains("\(what) is not supported on azure-npm-windows"))
    }
  }

  @Test("--cilium-version 1.18 reports a leading **. pattern")
  func ciliumVersion() throws {
    let dir = try makeTemporaryDirectory(files: [
      "p.yaml": """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata: {name: fqdn, namespace: demo}
      spec:
        endpointSelector: {}
        egress:
        - toFQDNs: [{matchPattern: "**.example.com"}]
      """
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("p.yaml").path
    let old = try runNetpol([
      "lint", "-f", path, "--cilium-version", "1.18", "--fail-on", "warning",
    ])
    #expect(
      old.stdout.contains("NP011 \"**.example.com\" spans several labels only from Cilium 1.19"))
    let new = try runNetpol(["lint", "-f", path, "--cilium-version", "1.19"])
    #expect(!new.stdout.contains("spans several labels"))
  }

  @Test("wrong options exit 64 and bad input exits 1 with FILE:LINE:COL diagnostics")
  func errors() throws {
    #expect(try runNetpol(["lint", "-f", "examples/lint", "--fail-on", "fatal"]).status == 64)
    #expect(try runNetpol(["lint", "-f", "examples/lint", "--dataplane", "weave"]).status == 64)
    #expect(try runNetpol(["lint", "-f", "examples/lint", "-o", "xml"]).status == 64)
    let bad = try runNetpol(["lint", "-f", "-"], stdin: "kind: NetworkPolicy\nspec: [\n")
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("-:"))
  }

  @Test("-o sarif writes a SARIF 2.1.0 log with every rule and located results")
  func sarif() throws {
    let result = try runNetpol([
      "lint", "-f", "examples/lint/s3-allow-specific-pod.yaml", "-o", "sarif",
    ])
    #expect(result.status == 1)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    let log = try #require(object as? [String: Any])
    #expect(log["version"] as? String == "2.1.0")
    let runs = try #require(log["runs"] as? [[String: Any]])
    let driver = try #require((runs.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect(driver["name"] as? String == "netpol")
    let rules = try #require(driver["rules"] as? [[String: Any]])
    #expect(rules.contains { $0["id"] as? String == "NP001" })
    let results = try #require(runs.first?["results"] as? [[String: Any]])
    let first = try #require(results.first)
    #expect(first["ruleId"] as? String == "NP001")
    #expect(first["level"] as? String == "error")
    let location = try #require((first["locations"] as? [[String: Any]])?.first)
    let physical = try #require(location["physicalLocation"] as? [String: Any])
    let artifact = try #require(physical["artifactLocation"] as? [String: Any])
    #expect(artifact["uri"] as? String == "examples/lint/s3-allow-specific-pod.yaml")
    let region = try #require(physical["region"] as? [String: Any])
    #expect(region["startLine"] as? Int == 22)
    #expect(region["startColumn"] as? Int == 3)
  }
}
