import Foundation
import Testing

@Suite("Scripted shell use through pipes and `netpol run`")
struct ScriptModeTests {
  @Test("netpol shell < SCRIPT runs the commands without prompts")
  func pipe() throws {
    let result = try runNetpol(
      ["shell"], stdin: "# a comment\nns add piped\npolicy p -n piped\ntypes egress\n")
    #expect(result.status == 0)
    #expect(
      result.stdout
        == "added namespace piped\nno flow changed\n"
        + "created NetworkPolicy piped/p: selects every pod of piped and allows no ingress until "
        + "you add rules\nno flow changed\npiped/p isolates Egress\nno flow changed\n")
    #expect(result.stderr.isEmpty)
  }

  @Test("the first error of piped input stops with -:LINE: message and status 1")
  func pipeError() throws {
    let result = try runNetpol(["shell"], stdin: "ns add a\nlabel demo/nobody x=y\nns add b\n")
    #expect(result.status == 1)
    #expect(result.stderr == "-:2: no pod `demo/nobody` in the cluster\n")
    #expect(!result.stdout.contains("added namespace b"))
  }

  @Test("netpol run reports SCRIPT:LINE and --keep-going continues")
  func runErrors() throws {
    let directory = try makeTemporaryDirectory(files: ["bad.netpol": "bogus\nns add later\n"])
    defer { try? FileManager.default.removeItem(at: directory) }
    let script = directory.appendingPathComponent("bad.netpol").path
    let stopped = try runNetpol(["run", script])
    #expect(stopped.status == 1)
    #expect(stopped.stderr.hasPrefix("\(script):1: unknown command `bogus`"))
    #expect(!stopped.stdout.contains("later"))
    let going = try runNetpol(["run", script, "--keep-going"])
    #expect(going.status == 1)
    #expect(going.stdout.contains("added namespace later"))
  }

  @Test("a missing script or cluster file is reported with status 1")
  func missingFiles() throws {
    let script = try runNetpol(["run", "/no/such.netpol"])
    #expect(script.status == 1)
    #expect(script.stderr == "/no/such.netpol: no such file (the script given to netpol run)\n")
    let cluster = try runNetpol(["shell", "--cluster", "/no/such.yaml"], stdin: "")
    #expect(cluster.status == 1)
    #expect(cluster.stderr.contains("/no/such.yaml"))
  }

  @Test("--cluster and -f preload the session")
  func preload() throws {
    let result = try runNetpol(
      [
        "shell", "--cluster", "examples/demo/cluster.yaml", "-f",
        "examples/demo/s1-demo-policy.yaml",
      ],
      stdin: "policies\n")
    #expect(result.status == 0)
    #expect(result.stdout == "   demo/demo-policy  NetworkPolicy  select app=server  1 rule\n")
  }

  @Test("netpol without a subcommand and without a terminal prints the help")
  func bareWithoutTerminal() throws {
    let result = try runNetpol([], stdin: "")
    #expect(result.status == 0)
    #expect(result.stdout.contains("USAGE: netpol"))
  }
}
