import Foundation
import Testing

@Suite("netpol generate -f checks a plan's expectations before writing anything")
struct PlanCommandTests {
  @Test("a passing plan prints its policies as one stream and a summary on standard error")
  func passing() throws {
    let result = try runNetpol(["generate", "-f", "examples/plans/demo-zero-trust.yaml"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.components(separatedBy: "\n---\n").count == 4)
    #expect(result.stdout.hasPrefix("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"))
    #expect(result.stdout.contains("  name: deny-all\n  namespace: demo\n"))
    #expect(result.stderr == "netpol generate: 4 policies, 7 expectations hold\n")
  }

  @Test("--out-dir writes one file per policy, named NAMESPACE.NAME.KIND.yaml")
  func outDirectory() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let out = directory.appendingPathComponent("policies")
    let result = try runNetpol([
      "generate", "-f", "examples/plans/s4-fqdn-egress.yaml", "--out-dir", out.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "")
    let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(
      names == ["demo.allow-dns.cnp.yaml", "demo.allow-egress-to-specific-domain.cnp.yaml"])
    let text = try String(
      contentsOf: out.appendingPathComponent("demo.allow-dns.cnp.yaml"), encoding: .utf8)
    #expect(text.hasPrefix("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\n"))
    #expect(!text.contains("---"))
  }

  @Test("a failing plan prints each failure with the explanation, writes nothing, exits 1")
  func failing() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = directory.appendingPathComponent("out.yaml")
    let out = directory.appendingPathComponent("dir")
    for extra in [["-o", output.path], ["--out-dir", out.path]] {
      let result = try runNetpol(
        ["generate", "-f", "examples/plans/s3-dns-trap-fails.yaml"] + extra)
      #expect(result.status == 1)
      #expect(result.stdout == "")
      let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        .map(String.init)
      #expect(
        lines.first
          == "examples/plans/s3-dns-trap-fails.yaml:18:5: expect[1]: demo/curl -> "
          + "kube-system/coredns:53/UDP: expected allow, got deny")
      #expect(lines.dropFirst().first?.hasPrefix("    ") == true)
      #expect(result.stderr.contains("demo/allow-specific-pod"))
      #expect(
        result.stderr.hasSuffix(
          "\nnetpol generate: 1 of 2 expectations failed; nothing was written\n"))
    }
    #expect(!FileManager.default.fileExists(atPath: output.path))
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test("a plan with a mistake is reported with its position and exits 1")
  func invalidPlan() throws {
    let directory = try makeTemporaryDirectory(files: [
      "plan.yaml": "apply:\n  - recipe: default-deny-all\n    namespace: demo\n    param: {}\n"
    ])
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("plan.yaml").path
    let result = try runNetpol(["generate", "-f", path])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "\(path):4:5: apply[0].param: unknown field; use recipe, namespace, name, kind, params\n"
    )
    let missing = try runNetpol([
      "generate", "-f", directory.appendingPathComponent("no.yaml").path,
    ])
    #expect(missing.status == 1)
    #expect(missing.stderr.hasSuffix("no.yaml: no such file or directory\n"))
  }
}
