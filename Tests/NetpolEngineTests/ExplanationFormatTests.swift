import NetpolEngine
import NetpolModel
import NetpolViews
import Testing

/// issue 3 "Commands" (explain text/json/hubble) and semantics.md §3.
@Suite("Explanations render as text, JSON and Hubble lines")
struct ExplanationFormatTests {
  let pods = [
    Fixture.pod(
      "demo/server", ["app": "server"], ip: "10.0.0.10", ports: [ContainerPort(port: 80)]),
    Fixture.pod("demo/client", ip: "10.0.0.11"),
  ]
  let policy = Fixture.np(
    "demo/demo-policy", select: Fixture.sel(["app": "server"]),
    ingress: [
      NetworkPolicyRule(
        ports: [Fixture.port(80, .tcp)],
        peers: [NetworkPolicyPeer(podSelector: Fixture.sel(["app": "client"]))])
    ])

  @Test("The text names the verdict, both sides, the isolating policy and the nearest miss")
  func text() {
    let text = World(pods: pods, policies: [policy]).explain("demo/client", "demo/server").text()
    #expect(text.hasPrefix("DENIED: demo/client -> demo/server:80/TCP (dataplane kubernetes)\n"))
    #expect(text.contains("egress at demo/client: not isolated"))
    #expect(text.contains("ingress at demo/server: isolated by demo/demo-policy: denied"))
    #expect(
      text.contains(
        "demo/demo-policy spec.ingress[0].from[0] wants pods with app=client; demo/client has no label app"
      ))
  }

  @Test("An allowed flow names the allowing rule and port")
  func allowedText() {
    var labelled = pods
    labelled[1].labels = ["app": "client"]
    let explanation = World(pods: labelled, policies: [policy]).explain(
      "demo/client", "demo/server")
    #expect(
      explanation.ingress?.allowedBy == [
        RuleHit(
          policy: "demo/demo-policy", kind: "NetworkPolicy", path: "spec.ingress[0].from[0]",
          portPath: "spec.ingress[0].ports[0]")
      ])
    #expect(
      explanation.text().contains(
        "allowed by demo/demo-policy spec.ingress[0].from[0] (port spec.ingress[0].ports[0])"))
  }

  @Test("The JSON starts with the verdict and mirrors the text's structure")
  func json() {
    let json = World(pods: pods, policies: [policy]).explain("demo/client", "demo/server").json()
    #expect(
      json.hasPrefix(
        "{\"verdict\":\"deny\",\"reason\":\"ingress-denied\",\"flow\":{\"source\":\"demo/client\""))
    #expect(
      json.contains(
        "\"ingress\":{\"direction\":\"ingress\",\"endpoint\":\"demo/server\",\"isolated\":true,\"isolatedBy\":[\"demo/demo-policy\"]"
      ))
    #expect(json.contains("\"lookup\":null"))
  }

  // §3 typical sequences
  @Test("A denial prints a policy-verdict line and a Policy denied DROPPED line")
  func hubbleDenied() {
    let lines = World(pods: pods, policies: [policy]).hubble("demo/client", "demo/server")
    #expect(lines.count == 2)
    #expect(lines[0].hasPrefix("Jan  1 00:00:00.000: demo/client:41234 (ID:"))
    #expect(
      lines[0].hasSuffix(
        "<> demo/server:80 (ID:\(lines[0].split(separator: "(ID:")[2].prefix { $0 != ")" })) policy-verdict:none INGRESS DENIED (TCP Flags: SYN)"
      ))
    #expect(lines[1].hasSuffix("Policy denied DROPPED (TCP Flags: SYN)"))
  }

  @Test("An allowed ingress prints policy-verdict:L3-L4 INGRESS ALLOWED")  // §3
  func hubbleAllowed() {
    var labelled = pods
    labelled[1].labels = ["app": "client"]
    let lines = World(pods: labelled, policies: [policy]).hubble("demo/client", "demo/server")
    #expect(lines.count == 1)
    #expect(lines[0].contains(" -> demo/server:80 (ID:"))
    #expect(lines[0].hasSuffix("policy-verdict:L3-L4 INGRESS ALLOWED (TCP Flags: SYN)"))
  }

  @Test("A deny rule prints Policy denied by denylist")  // §3 "drop reason text"
  func hubbleDenylist() {
    let deny = Fixture.cnp(
      "demo/deny",
      CiliumRule(
        endpointSelector: .everything, egressDeny: [CiliumRuleEntry(cidr: ["142.250.0.0/16"])]))
    let lines = World(pods: pods, policies: [deny]).hubble("demo/client", "142.250.207.110", 443)
    #expect(
      lines.last
        == "Jan  1 00:00:00.000: demo/client:41234 (ID:\(lines[0].split(separator: "(ID:")[1].prefix { $0 != ")" })) <> 142.250.207.110:443 (ID:16777217) Policy denied by denylist DROPPED (TCP Flags: SYN)"
    )
  }

  // docs/engine.md Hubble identities
  @Test("Pod identities are stable and equal for equal label sets")
  func identities() {
    let twins = [
      Fixture.pod("x/a-1", ["app": "a"]), Fixture.pod("x/a-2", ["app": "a"]),
      Fixture.pod("x/b", ["app": "b"]),
    ]
    let world = World(pods: twins, policies: [Fixture.np("x/deny", types: [.ingress])])
    func ids(_ from: String, _ to: String) -> [Substring] {
      world.hubble(from, to)[0].split(separator: "(ID:").dropFirst().map {
        $0.prefix { $0 != ")" }
      }
    }
    #expect(ids("x/a-1", "x/b") == ids("x/a-2", "x/b"))
    #expect(ids("x/a-1", "x/b")[0] != ids("x/a-1", "x/b")[1])
  }
}
