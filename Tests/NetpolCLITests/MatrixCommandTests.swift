import Foundation
import Testing

/// issue 3 "Commands": `netpol matrix`.
@Suite("netpol matrix prints the verdict matrix in the contracted formats")
struct MatrixCommandTests {
  let cluster = "examples/demo/cluster.yaml"

  @Test("-o json prints exactly the contracted object")  // issue 3 "-o json prints exactly"
  func jsonContract() throws {
    let result = try runNetpol([
      "matrix", "--cluster", cluster, "-f", "examples/demo/s1-demo-policy.yaml", "--port", "80",
      "-o", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    // S1: only demo/server is isolated (ingress from app=client on 80/TCP): demo/curl carries
    // app=client, demo/client, kube-system/coredns and demo/server itself (self traffic is
    // computed like any flow) do not; every other cell is allowed.
    let pods = ["demo/client", "demo/curl", "demo/server", "kube-system/coredns"]
    let names = [
      "api.github.com", "example.com", "github.com", "google.com", "naver.com", "www.google.com",
    ]
    func row(serverAllowed: Bool) -> String {
      let cells =
        pods.map { $0 == "demo/server" && !serverAllowed ? "\"deny\"" : "\"allow\"" }
        + names.map { _ in "\"allow\"" }
      return "[" + cells.joined(separator: ",") + "]"
    }
    let expected =
      "{\"grouping\":\"pod\",\"dataplane\":\"kubernetes\",\"ciliumVersion\":null,"
      + "\"fqdnCache\":\"empty\",\"matrices\":[\n"
      + "{\"port\":80,\"protocol\":\"TCP\",\"title\":\"80/TCP on kubernetes\",\"sources\":["
      + pods.map { "\"\($0)\"" }.joined(separator: ",") + "],\"destinations\":["
      + (pods + names).map { "\"\($0)\"" }.joined(separator: ",")
      + "],\"notes\":[],\"verdicts\":[\n"
      + [
        row(serverAllowed: false), row(serverAllowed: true), row(serverAllowed: false),
        row(serverAllowed: false),
      ]
      .joined(separator: ",\n") + "]}\n],\"notes\":[]}\n"
    #expect(result.stdout == expected)
  }

  // k8s e2e truthtable.go PrettyPrint
  @Test("Piped, the tsv table follows the upstream truth table: '-' header, tabs, '.', 'X', '#'")
  func table() throws {
    let result = try runNetpol([
      "matrix", "--cluster", "examples/scenarios/s2/cluster.yaml", "-f",
      "examples/scenarios/s2/backend-policy.yaml", "--port", "8080",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    // S2: only shop/frontend reaches shop/backend; everything else is open.
    #expect(
      result.stdout == """
        8080/TCP on kubernetes
        -\tother/frontend\tshop/backend\tshop/batch\tshop/frontend\texample.com
        other/frontend\t#\tX\t.\t.\t.
        shop/backend\t.\t#\t.\t.\t.
        shop/batch\t.\tX\t#\t.\t.
        shop/frontend\t.\t.\t.\t#\t.

        """)
  }

  @Test("Without --port there is one matrix per container port, each titled")  // issue 3 "Commands"
  func defaultPorts() throws {
    let result = try runNetpol(["matrix", "--cluster", cluster])
    #expect(result.status == 0, "\(result.stderr)")
    let titles = result.stdout.split(separator: "\n").filter { !$0.contains("\t") && !$0.isEmpty }
    #expect(titles == ["53/TCP on kubernetes", "80/TCP on kubernetes", "53/UDP on kubernetes"])
  }

  @Test("Repeated --port with one --protocol gives one matrix each")
  func repeatedPorts() throws {
    let result = try runNetpol([
      "matrix", "--cluster", cluster, "--port", "53", "--port", "5353", "--protocol", "UDP", "-o",
      "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("{\"port\":53,\"protocol\":\"UDP\""))
    #expect(result.stdout.contains("{\"port\":5353,\"protocol\":\"UDP\""))
  }

  @Test("csv, markdown and dot render the same verdicts")
  func otherFormats() throws {
    let base = [
      "matrix", "--cluster", "examples/scenarios/s2/cluster.yaml", "-f",
      "examples/scenarios/s2/backend-policy.yaml", "--port", "8080",
    ]
    let csv = try runNetpol(base + ["-o", "csv"])
    #expect(csv.stdout.hasPrefix("protocol,port,source,destination,verdict,self\n"))
    #expect(csv.stdout.contains("TCP,8080,shop/batch,shop/backend,deny,false\n"))
    let markdown = try runNetpol(base + ["-o", "markdown"])
    #expect(markdown.stdout.contains("| shop/batch | . | X | # | . | . |"))
    let dot = try runNetpol(base + ["-o", "dot"])
    #expect(dot.stdout.contains("\"shop/frontend\" -> \"shop/backend\" [label=\"8080/TCP\"];"))
    #expect(!dot.stdout.contains("\"shop/batch\" -> \"shop/backend\""))
  }

  @Test("Colour is off when stdout is not a terminal, even without NO_COLOR")
  func noColourInPipes() throws {
    let result = try runNetpol(
      ["matrix", "--cluster", cluster, "--port", "80"], environment: ["NO_COLOR": ""])
    #expect(!result.stdout.contains("\u{1B}["))
  }

  @Test("Bad references and options are one-line errors")  // issue 3 "Bad references"
  func errors() throws {
    let missing = try runNetpol(["matrix", "--cluster", "examples/demo/nope.yaml", "--port", "80"])
    #expect(missing.status == 1)
    #expect(missing.stderr.hasPrefix("examples/demo/nope.yaml"))
    let port = try runNetpol(["matrix", "--cluster", cluster, "--port", "70000"])
    #expect(port.status == 64)
    #expect(port.stderr.contains("port 70000 is out of range (1-65535)"))
    let dataplane = try runNetpol(["matrix", "--cluster", cluster, "--dataplane", "weave"])
    #expect(dataplane.status == 64)
    #expect(dataplane.stderr.contains("unknown dataplane 'weave'"))
  }
}
