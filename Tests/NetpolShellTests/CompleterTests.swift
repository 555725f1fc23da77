import NetpolModel
import Testing

@testable import NetpolShell

@Suite("Tab completion offers what fits the context")
struct CompleterTests {
  private func completer(
    files: [String: [(name: String, isDirectory: Bool)]] = [:]
  ) -> Completer {
    var state = SessionState(inventory: s1Inventory())
    state.inventory.external.append(
      ExternalEndpoint(name: "google.com", isFQDN: true, ips: ["1.2.3.4"]))
    state.policies = [
      .networkPolicy(NetworkPolicy(metadata: ObjectMeta(name: "demo-policy", namespace: "demo")))
    ]
    state.draft = "demo/demo-policy"
    return Completer(
      state: state, recipes: { ["allow-dns": ["selector", "queries"], "default-deny": []] },
      listDirectory: { files[$0] })
  }

  private func candidates(_ line: String) -> [String] { completer().complete(line).candidates }

  @Test(
    "command words and subcommands",
    arguments: [
      ("po", ["pod", "policies", "policy"]), ("ex", ["exit", "expect", "explain", "external"]),
      ("pod ", ["add", "rm"]), ("ns a", ["add"]), ("rule ", ["rm"]), ("set p", ["preview"]),
      ("set preview ", ["off", "on"]), ("help al", ["allow"]), ("zzz ", []),
    ])
  func commands(line: String, expected: [String]) {
    #expect(candidates(line) == expected)
  }

  @Test(
    "pods, namespaces, labels and policy names from the session",
    arguments: [
      ("label demo/c", ["demo/client"]), ("pod rm ", ["demo/client", "demo/server"]),
      ("pod add d", ["demo/"]), ("label demo/client a", ["app="]),
      ("label demo/client app=", ["app=server"]), ("unlabel demo/server ", ["app"]),
      ("select app=s", ["app=server"]), ("select app=server,a", ["app=server,app="]),
      ("show ", ["demo-policy"]), ("rm d", ["demo-policy"]), ("emit demo-policy ", ["demo-policy"]),
      ("policy x -n ", ["demo"]),
      ("policy x --kind c", ["ccnp", "cnp", "cnp-admin", "cnp-baseline"]),
      ("policy demo-policy ", ["--kind", "-n"]), ("external rm ", ["google.com"]),
    ])
  func names(line: String, expected: [String]) {
    #expect(candidates(line) == expected)
  }

  @Test(
    "the rule grammar: directions, peers, selectors, namespaces, entities, ports",
    arguments: [
      ("allow ", ["egress", "ingress"]), ("allow ingress ", ["from"]), ("deny egress ", ["to"]),
      ("allow ingress from ", ["all", "cidr", "entity", "fqdn", "ns", "pods", "{}"]),
      ("allow ingress from pods ", ["all", "app="]),
      ("allow ingress from pods app=server ", ["in", "port"]),
      ("allow ingress from pods app=server in ", ["ns"]),
      ("allow ingress from pods app=server in ns ", ["demo"]),
      ("allow egress to entity w", ["world", "world-ipv4", "world-ipv6"]),
      ("allow egress to fqdn g", ["google.com"]),
      ("allow ingress from all port ", ["80/TCP", "http"]),
      ("allow egress to cidr 10.0.0.0/8 ", ["except", "port"]),
    ])
  func rules(line: String, expected: [String]) {
    #expect(candidates(line) == expected)
  }

  @Test(
    "dataplanes, recipes and their parameters, views",
    arguments: [
      ("use azure-c", ["azure-cilium", "azure-cilium-acns"]), ("recipe a", ["allow-dns"]),
      ("recipe allow-dns ", ["--kind", "--name", "-n", "queries=", "selector="]),
      ("recipe allow-dns selector=x ", ["--kind", "--name", "-n", "queries="]),
      // Parameter values complete like `select app=<Tab>` does: from the cluster's labels.
      ("recipe allow-dns selector=a", ["selector=app="]),
      ("recipe allow-dns selector=app=", ["selector=app=server"]),
      ("explain demo/client g", ["google.com"]),
      ("explain demo/client demo/server ", ["80/TCP", "http"]),
      ("matrix --", ["--from", "--port", "--to"]), ("rule rm ", []),
      ("types ", ["both", "default", "egress", "ingress"]),
    ])
  func others(line: String, expected: [String]) {
    #expect(candidates(line) == expected)
  }

  @Test("file paths after load and save, directories ending in a slash")
  func paths() {
    let files: [String: [(name: String, isDirectory: Bool)]] = [
      ".": [("examples", true), ("policy.yaml", false), (".hidden", false)],
      "examples/": [("demo", true), ("s1.netpol", false)],
    ]
    let completer = completer(files: files)
    #expect(completer.complete("load ex").candidates == ["examples/"])
    #expect(completer.complete("load ").candidates == ["examples/", "policy.yaml"])
    #expect(
      completer.complete("load examples/").candidates == ["examples/demo/", "examples/s1.netpol"])
    #expect(completer.complete("save p").candidates == ["policy.yaml"])
    #expect(completer.complete("save x.yaml ").candidates == ["--force"])
    #expect(completer.complete("load nowhere/").candidates == [])
  }

  @Test("the common prefix of ambiguous candidates extends the word")
  func commonPrefix() {
    let completion = completer().complete("use azure-")
    #expect(completion.word == "azure-")
    #expect(completion.commonPrefix == "azure-")
    #expect(completer().complete("use azure-c").commonPrefix == "azure-cilium")
    #expect(Completion(word: "x", candidates: []).commonPrefix == "x")
  }
}
