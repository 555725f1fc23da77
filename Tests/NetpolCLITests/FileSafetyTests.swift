import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The kind of file at `path` without following links: `S_IFIFO`, `S_IFLNK`, `S_IFREG`...
private func fileType(_ path: String) -> mode_t? {
  var info = stat()
  guard lstat(path, &info) == 0 else { return nil }
  return info.st_mode & S_IFMT
}

@Suite("generate -o and the shell's save replace only regular files, through links")
struct OutputFileTargetTests {
  @Test("a FIFO, a link to a device and a directory are refused and left as they were")
  func specialFiles() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let fifo = directory.appendingPathComponent("fifo.yaml").path
    #expect(mkfifo(fifo, 0o644) == 0)
    let device = directory.appendingPathComponent("null.yaml").path
    try FileManager.default.createSymbolicLink(atPath: device, withDestinationPath: "/dev/null")
    let cases = [
      ("fifo.yaml", "not a regular file (a FIFO)"),
      ("null.yaml", "not a regular file (a character device)"),
      (".", "not a regular file (a directory)"),
    ]
    for (name, message) in cases {
      let result = try runNetpol(["generate", "allow-dns", "-o", name], in: directory)
      #expect(result.status == 1, "\(name)")
      #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
      #expect(!result.stderr.contains("NSCocoaErrorDomain"))
    }
    #expect(fileType(fifo) == S_IFIFO)
    #expect(fileType(device) == S_IFLNK)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(leftovers.sorted() == ["fifo.yaml", "null.yaml"])
  }

  @Test("a symbolic link is written through: the link stays, its target gets the policies")
  func throughLinks() throws {
    let directory = try makeTemporaryDirectory(files: ["real.yaml": "old\n"])
    defer { try? FileManager.default.removeItem(at: directory) }
    let link = directory.appendingPathComponent("link.yaml").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.yaml")
    let result = try runNetpol(["generate", "allow-dns", "-o", "link.yaml"], in: directory)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(fileType(link) == S_IFLNK)
    let text = try String(
      contentsOf: directory.appendingPathComponent("real.yaml"), encoding: .utf8)
    #expect(text.contains("name: allow-dns"))
  }

  @Test("--out-dir refuses a policy file name that is a FIFO")
  func outDirectory() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let plan = CLIRunner.repositoryFile("examples/plans/demo-zero-trust.yaml").path
    let first = try runNetpol(["generate", "-f", plan, "--out-dir", "a"], in: directory)
    #expect(first.status == 0, "\(first.stderr)")
    let name = try #require(
      try FileManager.default.contentsOfDirectory(
        atPath: directory.appendingPathComponent("a").path
      ).sorted().first)
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("b"), withIntermediateDirectories: true)
    let fifo = directory.appendingPathComponent("b/" + name).path
    #expect(mkfifo(fifo, 0o644) == 0)
    let result = try runNetpol(["generate", "-f", plan, "--out-dir", "b"], in: directory)
    #expect(result.status == 1)
    #expect(result.stderr.contains("not a regular file (a FIFO)"), "\(result.stderr)")
    #expect(fileType(fifo) == S_IFIFO)
  }

  @Test("save --force in the shell refuses a FIFO and keeps the session")
  func shellSave() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    #expect(mkfifo(directory.appendingPathComponent("out.yaml").path, 0o644) == 0)
    let result = try runNetpol(
      ["shell", "--keep-going"], stdin: "policy p -n demo\nsave out.yaml --force\nsave ok.yaml\n",
      in: directory)
    #expect(result.status == 1)
    #expect(result.stderr.contains("-:2: cannot write out.yaml: not a regular file (a FIFO)"))
    #expect(fileType(directory.appendingPathComponent("out.yaml").path) == S_IFIFO)
    #expect(result.stdout.contains("saved 1 policy to ok.yaml"))
  }
}

@Suite("fmt --in-place keeps every document it does not rewrite, byte for byte")
struct FmtKeepsOtherDocumentsTests {
  let service = """
    # the web service
    apiVersion: v1
    kind: Service
    metadata: {name: web,   namespace: demo}
    spec: {ports: [{port: 80}]}

    """
  let others = """
    ---
    apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: {name: web, namespace: demo}
    ---
    apiVersion: v1
    kind: List
    items:
    - {apiVersion: batch/v1, kind: CronJob, metadata: {name: nightly, namespace: demo}}
    - {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: q, namespace: demo}, spec: {podSelector: {}}}

    """
  let policy = """
    ---
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: p, namespace: demo}
    spec: {podSelector: {}, policyTypes: [Ingress]}

    """

  @Test(
    "Service, HorizontalPodAutoscaler and a List with a CronJob survive; the policy is canonical")
  func keepsOthers() throws {
    let directory = try makeTemporaryDirectory(files: ["all.yaml": service + policy + others])
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try runNetpol(["fmt", "--in-place", "-f", "all.yaml"], in: directory)
    #expect(result.status == 0, "\(result.stderr)")
    let text = try String(contentsOf: directory.appendingPathComponent("all.yaml"), encoding: .utf8)
    // The canonical form of the policy: what `kubectl get -o yaml` prints, in the API's key order.
    let canonical = """
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: p
        namespace: demo
      spec:
        podSelector: {}
        policyTypes:
        - Ingress

      """
    #expect(text == service + canonical + others)
  }
}

/// Starts `path` with SIGINT and SIGTERM unblocked and at their default action (the test
/// process blocks some signals, and a child inherits that), output to /dev/null.
private func spawnWithDefaultSignals(_ path: String, _ arguments: [String]) throws -> pid_t {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  var attributes = posix_spawnattr_t()
  posix_spawnattr_init(&attributes)
  defer { posix_spawnattr_destroy(&attributes) }
  var none = sigset_t()
  sigemptyset(&none)
  posix_spawnattr_setsigmask(&attributes, &none)
  var defaults = sigset_t()
  sigemptyset(&defaults)
  sigaddset(&defaults, SIGINT)
  sigaddset(&defaults, SIGTERM)
  posix_spawnattr_setsigdefault(&attributes, &defaults)
  posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
  let argv = ([path] + arguments).map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  var child: pid_t = 0
  let status = posix_spawn(&child, path, &actions, &attributes, argv, environ)
  guard status == 0 else { throw CLIRunner.NotFound(searched: [path]) }
  return child
}

@Suite("fmt --in-place leaves no temporary file behind when interrupted by a signal")
struct FmtSignalCleanupTests {
  @Test("SIGTERM and SIGINT during the rewrite of many files leave only the files")
  func signals() throws {
    var caught = 0
    for (attempt, signal) in [SIGTERM, SIGINT, SIGTERM, SIGINT].enumerated() {
      var files: [String: String] = [:]
      let body = String(repeating: "# padding so that each write takes a while\n", count: 800)
      for index in 0..<60 {
        files[String(format: "p%03d.yaml", index)] =
          body + "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
          + "metadata: {name: p\(index), namespace: demo}\nspec: {podSelector: {}}\n"
          + "---\n" + body + "apiVersion: v1\nkind: Service\nmetadata: {name: s\(index)}\n"
      }
      let directory = try makeTemporaryDirectory(files: files)
      defer { try? FileManager.default.removeItem(at: directory) }
      let child = try spawnWithDefaultSignals(
        try CLIRunner.binary().path, ["fmt", "--in-place", "-f", directory.path])
      var sawTemporary = false
      var status: Int32 = 0
      while !sawTemporary && waitpid(child, &status, WNOHANG) == 0 {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        sawTemporary = names.contains { $0.contains(".netpol-") }
        if !sawTemporary { usleep(200) }
      }
      guard sawTemporary else { continue }
      kill(child, signal)
      _ = waitpid(child, &status, 0)
      caught += 1
      // Killed by the signal (wait status: the signal number in the low 7 bits).
      #expect(status & 0x7F == signal, "attempt \(attempt): wait status \(status)")
      let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      #expect(!names.contains { $0.contains(".netpol-") }, "attempt \(attempt): \(names)")
      #expect(names.count == 60)
    }
    #expect(caught > 0, "no attempt caught a temporary file to interrupt")
  }
}
