import Foundation
import Testing

/// A cluster whose external names try to retitle and clear the terminal, or pass for `web`.
private let hostileCluster = """
  namespaces: [{name: demo}]
  pods:
  - {namespace: demo, name: web, labels: {app: web}, ip: 10.0.0.1, ports: [{port: 80}]}
  external:
  - {name: "evil\\e]0;pwned\\a\\e[2J", ip: 203.0.113.5}
  - {name: "we\\u200Bb", ip: 203.0.113.6}
  - {name: "rtl\\u202Eexe.txt", ip: 203.0.113.7}

  """

@Suite("Values from the input are echoed with escape, invisible and bidi characters spelled out")
struct EscapedValueTests {
  @Test("matrix prints the names escaped in every text format and as JSON escapes")
  func matrix() throws {
    let directory = try makeTemporaryDirectory(files: ["cluster.yaml": hostileCluster])
    defer { try? FileManager.default.removeItem(at: directory) }
    for format in ["table", "wide", "markdown", "csv", "dot", "json"] {
      let result = try runNetpol(
        ["matrix", "--cluster", "cluster.yaml", "--port", "80", "-o", format], in: directory)
      #expect(result.status == 0, "\(format): \(result.stderr)")
      #expect(!result.stdout.contains("\u{1B}"), "\(format)")
      #expect(!result.stdout.contains("\u{7}"), "\(format)")
      #expect(!result.stdout.contains("\u{200B}"), "\(format)")
      #expect(!result.stdout.contains("\u{202E}"), "\(format)")
      if format == "json" {
        // RFC 8259 section 7: any character may be written as \uXXXX.
        #expect(result.stdout.contains(#""evil\u001b]0;pwned\u0007\u001b[2J""#))
        #expect(result.stdout.contains(#""we\u200bb""#))
      } else if format == "markdown" || format == "dot" {
        // Both formats escape the backslash itself, so that the reader sees `\u{1B}`.
        #expect(result.stdout.contains(#"evil\\u{1B}]0;pwned\\u{7}\\u{1B}[2J"#), "\(format)")
        #expect(result.stdout.contains(#"we\\u{200B}b"#), "\(format)")
        #expect(result.stdout.contains(#"rtl\\u{202E}exe.txt"#), "\(format)")
      } else {
        #expect(result.stdout.contains(#"evil\u{1B}]0;pwned\u{7}\u{1B}[2J"#), "\(format)")
        #expect(result.stdout.contains(#"we\u{200B}b"#), "\(format)")
        #expect(result.stdout.contains(#"rtl\u{202E}exe.txt"#), "\(format)")
      }
    }
  }

  @Test("explain escapes the destination's name")
  func explain() throws {
    let directory = try makeTemporaryDirectory(files: ["cluster.yaml": hostileCluster])
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try runNetpol(
      [
        "explain", "--cluster", "cluster.yaml", "--from", "demo/web", "--to", "we\u{200B}b",
        "--port", "80",
      ], in: directory)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains(#"we\u{200B}b"#), "\(result.stdout)")
    #expect(!result.stdout.contains("\u{200B}"))
    let json = try runNetpol(
      [
        "explain", "--cluster", "cluster.yaml", "--from", "demo/web", "--to", "we\u{200B}b",
        "--port", "80", "-o", "json",
      ], in: directory)
    #expect(json.status == 0, "\(json.stderr)")
    #expect(json.stdout.contains(#"we\u200bb"#), "\(json.stdout)")
    #expect(!json.stdout.contains("\u{200B}"))
  }

  @Test("diagnostics quote hostile values escaped and cut a 1 MB value")
  func diagnostics() throws {
    let huge = String(repeating: "a", count: 1_000_000)
    let directory = try makeTemporaryDirectory(files: [
      "policy.yaml": """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: p, namespace: demo}
      spec:
        podSelector: {matchLabels: {app: "\\e[2J\(huge)"}}

      """
    ])
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try runNetpol(["validate", "-f", "policy.yaml"], in: directory)
    #expect(result.status == 1)
    #expect(!result.stderr.contains("\u{1B}"))
    #expect(result.stderr.contains(#""\u{1B}[2Jaaaa"#), "\(result.stderr.prefix(300))")
    #expect(result.stderr.contains("…(999748 more characters)"))
    #expect(result.stderr.utf8.count < 10_000)
  }
}

@Suite("Reports about the input say what is true")
struct TruthfulReportTests {
  @Test("over 1,000 problems the summary gives the real count")
  func problemCount() throws {
    var text = ""
    for index in 0..<1500 {
      text +=
        "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
        + "metadata: {name: p\(index), namespace: demo}\nspec: {podSelector: {}, bogus: 1}\n"
    }
    let directory = try makeTemporaryDirectory(files: ["many.yaml": text])
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try runNetpol(["validate", "-f", "many.yaml"], in: directory)
    #expect(result.status == 1)
    #expect(result.stderr.contains("many.yaml: 500 more problems not shown\n"))
    #expect(result.stderr.hasSuffix("netpol validate: 1500 problems found\n"))
  }

  @Test("the same file twice: one duplicate reported, the policy evaluated once")
  func duplicates() throws {
    let cluster = "examples/demo/cluster.yaml"
    let policy = "examples/demo/s1-demo-policy.yaml"
    let validate = try runNetpol(["validate", "-f", policy, "-f", policy])
    #expect(validate.status == 0)
    #expect(validate.stdout == "1 policy valid (1 NetworkPolicy)\n")
    #expect(validate.stderr.contains("duplicate NetworkPolicy demo/demo-policy"))
    let isolation = try runNetpol(["isolation", "--cluster", cluster, "-f", policy, policy])
    #expect(isolation.status == 0)
    #expect(isolation.stderr.contains("warning: "))
    #expect(isolation.stdout.contains("demo/server          isolated by demo/demo-policy  open\n"))
  }

  @Test("ports out of range or not whole numbers say the valid range")
  func portRange() throws {
    for value in ["99999999999999999999", "1e30", "80.0"] {
      let directory = try makeTemporaryDirectory(files: [
        "p.yaml": """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: demo}
        spec:
          podSelector: {}
          ingress: [{ports: [{port: \(value)}]}]

        """
      ])
      defer { try? FileManager.default.removeItem(at: directory) }
      let result = try runNetpol(["validate", "-f", "p.yaml"], in: directory)
      #expect(result.status == 1)
      #expect(result.stderr.contains("between 1 and 65535"), "\(value): \(result.stderr)")
    }
  }

  @Test("an empty kind or apiVersion is an error, never a silently dropped document")
  func blankHeader() throws {
    let directory = try makeTemporaryDirectory(files: [
      "blank.yaml": "kind:\napiVersion: v1\n---\nkind: ~\napiVersion: v1\n---\n"
        + "apiVersion:\nkind: NetworkPolicy\n"
    ])
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try runNetpol(["validate", "-f", "blank.yaml"], in: directory)
    #expect(result.status == 1)
    #expect(result.stderr.contains("blank.yaml:1:6: kind: must not be empty"))
    #expect(result.stderr.contains("blank.yaml:4:7: kind: must not be empty"))
    #expect(result.stderr.contains("blank.yaml:7:12: apiVersion: must not be empty"))
    let fmt = try runNetpol(["fmt", "--in-place", "-f", "blank.yaml"], in: directory)
    #expect(fmt.status == 1)
  }

  @Test("the shell with a directory as input says so and exits 1")
  func shellFromDirectory() throws {
    let result = try runShellScript("\"$NETPOL\" shell < /")
    #expect(result.status == 1)
    #expect(result.stderr == "netpol shell: cannot read standard input: it is a directory\n")
  }
}
