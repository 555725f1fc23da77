import Foundation
import Testing

@Suite("netpol validate accepts the shipped examples")
struct ValidateExamplesTests {
  @Test("the demo's inventory and S1/S4 policies are valid and summarised")
  func demo() throws {
    // examples/demo: cluster.yaml (2 namespaces, 4 pods, 6 names), s1-demo-policy.yaml,
    // s4-allow-dns.yaml and s4-allow-egress-to-specific-domain.yaml.
    let result = try runNetpol(["validate", "-f", "examples/demo"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout
        == "3 policies valid (1 NetworkPolicy, 2 CiliumNetworkPolicy); "
        + "inventory: 2 namespaces, 4 pods, 6 external endpoints\n")
    #expect(result.stderr == "")
  }

  @Test("every fixture is valid, and several paths may follow one -f")
  func fixtures() throws {
    // examples/fixtures: 3 + 1 NetworkPolicy, 1 CiliumNetworkPolicy, 2 clusterwide.
    let result = try runNetpol([
      "validate", "-f", "examples/fixtures/networkpolicy-all-fields.yaml",
      "examples/fixtures/networkpolicy-list.json", "examples/fixtures/cilium-all-fields.yaml",
      "-f", "examples/fixtures/ciliumclusterwide-host-policy.yaml",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout
        == "7 policies valid (4 NetworkPolicy, 1 CiliumNetworkPolicy, "
        + "2 CiliumClusterwideNetworkPolicy)\n")
  }

  @Test("standard input is read when the path is -")
  func standardInput() throws {
    let policy = try CLIRunner.read("examples/demo/s1-demo-policy.yaml")
    let result = try runNetpol(["validate", "-f", "-"], stdin: policy)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "1 policy valid (1 NetworkPolicy)\n")
  }
}

@Suite("netpol validate reports bad input on one line per problem and exits 1")
struct ValidateBadInputTests {
  /// Writes `text` to `bad.yaml` in a new directory and validates it there.
  private func validate(_ text: String) throws -> (status: Int32, stdout: String, stderr: String) {
    let directory = try makeTemporaryDirectory(files: ["bad.yaml": text])
    defer { try? FileManager.default.removeItem(at: directory) }
    return try runNetpol(["validate", "-f", "bad.yaml"], in: directory)
  }

  @Test("a port out of range is reported at its value with its field path")
  func portOutOfRange() throws {
    // K-TYPES NetworkPolicyPort.port: 1-65535. The value `70000` is at line 9, column 13.
    let result = try validate(
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: web
      spec:
        podSelector: {}
        ingress:
        - ports:
          - port: 70000
      """)
    #expect(result.status == 1)
    #expect(result.stdout == "")
    #expect(result.stderr.hasPrefix("bad.yaml:9:13: spec.ingress[0].ports[0].port: "))
    #expect(result.stderr.hasSuffix("netpol validate: 1 problem found\n"))
  }

  @Test("a Cilium port written as a number is rejected, as the CRD wants a string")
  func ciliumNumericPort() throws {
    // shared/schemas/README.md: "port: 443 must be the string \"443\"". Value at 11:15.
    let result = try validate(
      """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata:
        name: web
      spec:
        endpointSelector: {}
        egress:
        - toEntities: [world]
          toPorts:
          - ports:
            - port: 443
      """)
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("bad.yaml:11:15: spec.egress[0].toPorts[0].ports[0].port: "))
  }

  @Test("every problem of a file is reported, each on its own line")
  func severalProblems() throws {
    // An unknown field (7:3) and a policy type that does not exist (9:5).
    let result = try validate(
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: web
      spec:
        podSelector: {}
        ingres: []
        policyTypes:
        - Sideways
      """)
    #expect(result.status == 1)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("bad.yaml:7:3: ") && $0.contains("ingres") })
    #expect(lines.contains { $0.hasPrefix("bad.yaml:9:5: spec.policyTypes[0]: ") })
    #expect(result.stderr.hasSuffix("netpol validate: 2 problems found\n"))
  }

  @Test(
    "malformed YAML never crashes: exit 1 with FILE:LINE:COL first",
    arguments: [
      "a:\n\tb: 1\n",
      "a: 1\na: 2\n",
      "k: 'unclosed\n",
      "- [a, b\n",
      "{\"apiVersion\": }",
      String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000),
      "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        + "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n",
      "just a string\n",
    ])
  func malformed(_ text: String) throws {
    let result = try validate(text)
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.range(of: #"^bad\.yaml:\d+:\d+: "#, options: .regularExpression) != nil)
  }

  @Test("binary garbage is bad input, not a crash")
  func binaryGarbage() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let bytes: [UInt8] = [0x00, 0xFF, 0xFE, 0x7F, 0x80, 0xC3, 0x28, 0x0A, 0x1B, 0x5B, 0x41]
    try Data(bytes).write(to: directory.appendingPathComponent("garbage.yaml"))
    let result = try runNetpol(["validate", "-f", "garbage.yaml"], in: directory)
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("garbage.yaml:"))
  }

  @Test("a missing file is bad input named in the message")
  func missingFile() throws {
    let result = try runNetpol(["validate", "-f", "no/such/file.yaml"])
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("no/such/file.yaml"))
  }
}

@Suite("netpol validate's command line")
struct ValidateUsageTests {
  @Test("without -f it is a usage error (exit 64)")
  func missingInput() throws {
    let result = try runNetpol(["validate"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("-f PATH"))
  }

  @Test("an unknown option is a usage error (exit 64)")
  func unknownOption() throws {
    let result = try runNetpol(["validate", "--bogus", "-f", "examples/demo"])
    #expect(result.status == 64)
  }

  @Test("netpol help validate documents -f with examples")
  func help() throws {
    let result = try runNetpol(["help", "validate"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("-f, --filename <path>"))
    #expect(result.stdout.contains("netpol validate -f examples/demo"))
  }
}

@Suite("netpol validate names every object it skips on standard error")
struct ValidateSkippedKindsTests {
  @Test("a file holding only a Service is valid but not silently so")
  func onlyAService() throws {
    // docs/cli.md "netpol validate": a skipped object is a `notice:` line, not a problem.
    let service = """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
        namespace: default
      spec:
        selector: {app: web}
        ports: [{port: 80}]
      """
    let directory = try makeTemporaryDirectory(files: ["svc.yaml": service])
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try runNetpol(["validate", "-f", "svc.yaml"], in: directory)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "0 policies valid\n")
    #expect(
      result.stderr
        == "notice: svc.yaml:1:1: skipped Service default/web (not a policy or inventory object)\n")
  }

  @Test("notices come before the problems of a file that also has errors")
  func withProblems() throws {
    let text = """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: nightly, namespace: jobs}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      """
    let directory = try makeTemporaryDirectory(files: ["mixed.yaml": text])
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try runNetpol(["validate", "-f", "mixed.yaml"], in: directory)
    #expect(result.status == 1)
    #expect(result.stdout == "")
    #expect(
      result.stderr.hasPrefix(
        "notice: mixed.yaml:1:1: skipped CronJob jobs/nightly (not a policy or inventory object)\n"
          + "mixed.yaml:6:7: kind: unsupported kind \"ConfigMap\" (apiVersion \"v1\")\n"))
    #expect(result.stderr.hasSuffix("netpol validate: 1 problem found\n"))
  }
}
