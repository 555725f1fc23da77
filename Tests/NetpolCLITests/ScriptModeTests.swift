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

@Suite("netpol run scripts with expect lines are connectivity tests")
struct ScriptExpectationTests {
  @Test("every expectation runs; failures print SCRIPT:LINE and the script exits 1 with a count")
  func failingExpectations() throws {
    // demo/client has no labels, so the demo-policy (ingress to app=server only from
    // app=client on 80/TCP) denies it; demo/curl carries app=client and is allowed.
    let script = """
      load examples/demo/s1-demo-policy.yaml
      expect allow demo/curl demo/server 80/TCP
      expect allow demo/client demo/server 80/TCP
      expect deny demo/client demo/server http
      expect deny demo/curl demo/server 80
      ns add later

      """
    let directory = try makeTemporaryDirectory(files: ["t.netpol": script])
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("t.netpol").path
    let result = try runNetpol(["run", path])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "\(path):3: expected allow, got deny: ingress at demo/server: isolated by "
        + "demo/demo-policy, no rule allows\n"
        + "\(path):5: expected deny, got allow: egress at demo/curl: not isolated; "
        + "ingress at demo/server: allowed by "
        + "demo/demo-policy spec.ingress[0].from[0]\n"
        + "\(path): 2 of 4 expectations failed\n")
    #expect(result.stdout.contains("PASS: allow demo/curl -> demo/server:80/TCP"))
    #expect(result.stdout.contains("added namespace later"))
  }

  @Test("a script whose expectations all hold exits 0")
  func passingExpectations() throws {
    let script = "load examples/demo/s1-demo-policy.yaml\nexpect deny demo/client demo/server 80\n"
    let directory = try makeTemporaryDirectory(files: ["ok.netpol": script])
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try runNetpol(["run", directory.appendingPathComponent("ok.netpol").path])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
  }
}
