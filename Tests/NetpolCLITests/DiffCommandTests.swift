import Foundation
import Testing

/// The demo-policy: only app=client pods reach app=server on 80/TCP. In the demo cluster
/// demo/curl carries app=client and demo/client has no labels.
private let demoPolicy = """
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: demo-policy, namespace: demo}
  spec:
    podSelector: {matchLabels: {app: server}}
    ingress:
      - from: [{podSelector: {matchLabels: {app: client}}}]
        ports: [{protocol: TCP, port: 80}]

  """

/// The same policy with the peer widened to every pod of the namespace.
private let widenedPolicy = demoPolicy.replacingOccurrences(
  of: "{podSelector: {matchLabels: {app: client}}}", with: "{podSelector: {}}")

@Suite("netpol diff compares two policy sets on the command line")
struct DiffCommandTests {
  private let cluster = CLIRunner.repositoryFile("examples/demo/cluster.yaml").path

  @Test("text names the flow and the rules on both sides; --exit-code exits 1 on a change")
  func text() throws {
    let directory = try makeTemporaryDirectory(files: [
      "old.yaml": demoPolicy, "new.yaml": widenedPolicy,
    ])
    defer { try? FileManager.default.removeItem(at: directory) }
    let old = directory.appendingPathComponent("old.yaml").path
    let new = directory.appendingPathComponent("new.yaml").path
    // Widening admits demo/client only (coredns is in kube-system, another namespace).
    let result = try runNetpol(["diff", "--cluster", cluster, old, new, "--port", "80"])
    #expect(result.status == 0)
    #expect(
      result.stdout
        == "1 flow changed (1 newly allowed, 0 newly denied; dataplane kubernetes, ports 80/TCP)\n"
        + "  now allowed  demo/client -> demo/server 80/TCP\n"
        + "    before (deny): ingress at demo/server: isolated by demo/demo-policy, no rule allows\n"
        + "    after (allow):  egress at demo/client: not isolated; ingress at demo/server: "
        + "allowed by demo/demo-policy spec.ingress[0].from[0]\n")
    let gated = try runNetpol(["diff", "--cluster", cluster, old, new, "--exit-code"])
    #expect(gated.status == 1)
    let same = try runNetpol(["diff", "--cluster", cluster, old, old, "--exit-code"])
    #expect(same.status == 0)
    #expect(
      same.stdout.hasPrefix("no flow changed (dataplane kubernetes, ports 53/TCP, 80/TCP, 53/UDP)"))
  }

  @Test("markdown starts with a summary line and has a table of newly allowed flows")
  func markdown() throws {
    let directory = try makeTemporaryDirectory(files: [
      "old.yaml": demoPolicy, "new.yaml": widenedPolicy,
    ])
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try runNetpol([
      "diff", "--cluster", cluster, directory.appendingPathComponent("old.yaml").path,
      directory.appendingPathComponent("new.yaml").path, "-o", "markdown",
    ])
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first?.hasPrefix("**netpol diff**: 1 flow changed") == true)
    #expect(lines.contains("### Newly allowed (1)"))
    #expect(lines.contains { $0.hasPrefix("| demo/client | demo/server | 80/TCP | ingress at") })
    #expect(!lines.contains { $0.hasPrefix("### Newly denied") })
  }

  @Test("--check subset passes for a narrowed set and fails the other way round")
  func check() throws {
    let directory = try makeTemporaryDirectory(files: [
      "old.yaml": demoPolicy, "new.yaml": widenedPolicy,
    ])
    defer { try? FileManager.default.removeItem(at: directory) }
    let old = directory.appendingPathComponent("old.yaml").path
    let new = directory.appendingPathComponent("new.yaml").path
    let narrowed = try runNetpol(["diff", "--cluster", cluster, new, old, "--check", "subset"])
    #expect(narrowed.status == 0)
    #expect(narrowed.stdout.hasPrefix("yes: "))
    let widened = try runNetpol(["diff", "--cluster", cluster, old, new, "--check", "subset"])
    #expect(widened.status == 1)
    #expect(
      widened.stdout.hasPrefix("no: the second set is a subset of the first; 1 counter-example\n"))
    #expect(widened.stdout.contains("demo/client -> demo/server 80/TCP"))
  }

  @Test("--base reads the policies of a git revision without checking it out")
  func base() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("policies/demo.yaml")
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(demoPolicy.utf8).write(to: file)
    func git(_ arguments: String...) throws {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments =
        [
          "git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c",
          "commit.gpgsign=false",
        ] + arguments
      process.currentDirectoryURL = directory
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "git \(arguments)")
    }
    try git("init", "-q")
    try git("add", ".")
    try git("commit", "-q", "-m", "first")
    try Data(widenedPolicy.utf8).write(to: file)
    try git("commit", "-q", "-am", "second")
    let result = try runNetpol(
      ["diff", "--cluster", cluster, "--base", "HEAD~1", "policies", "--port", "80", "-o", "json"],
      in: directory)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.hasPrefix(
        #"{"dataplane":"kubernetes","changes":[{"source":"demo/client","destination":"demo/server","port":80,"protocol":"TCP","before":"deny","after":"allow","#
      ))
    let head = try runNetpol(
      ["diff", "--cluster", cluster, "--base", "HEAD", "policies", "--exit-code"], in: directory)
    #expect(head.status == 0)
    let unknown = try runNetpol(
      ["diff", "--cluster", cluster, "--base", "no-such-rev", "policies"], in: directory)
    #expect(unknown.status == 2)
    #expect(unknown.stderr.hasPrefix("netpol diff: --base no-such-rev: "))
  }

  @Test("a broken policy file is reported with exit status 2")
  func badInput() throws {
    let directory = try makeTemporaryDirectory(files: ["bad.yaml": "kind: NetworkPolicy\nspec: [\n"]
    )
    defer { try? FileManager.default.removeItem(at: directory) }
    let bad = directory.appendingPathComponent("bad.yaml").path
    let result = try runNetpol(["diff", "--cluster", cluster, bad, bad])
    #expect(result.status == 2)
    #expect(result.stderr.contains("bad.yaml"))
  }
}
