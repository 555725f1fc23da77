import NetpolModel
import Testing

@testable import NetpolShell

@Suite("The shell's recipe takes parameters as netpol generate does")
struct RecipeRepeatedParameterTests {
  @Test("a single-value parameter given twice is refused, pointing at the second")
  func repeatedSingle() {
    var shell = TestShell()
    let line = "recipe allow-egress-cidr cidr=10.0.0.0/8 cidr=192.0.2.0/24 -n demo"
    let error = shell.fail(line)
    #expect(
      error.message
        == "cidr is given twice; parameter 'cidr' of allow-egress-cidr takes one value")
    #expect(TestShell.underlined(error, in: line) == "cidr=192.0.2.0/24")
    #expect(shell.state.policies.isEmpty)
  }

  @Test("a list parameter given twice collects both values")
  func repeatedList() throws {
    var shell = TestShell()
    shell.ok("recipe allow-egress-cidr cidr=10.0.0.0/8 ports=80 ports=443 -n demo")
    let policy = try #require(shell.state.policies.first)
    guard case .networkPolicy(let networkPolicy) = policy else {
      Issue.record("expected a NetworkPolicy")
      return
    }
    let ports = networkPolicy.spec.egress?.first?.ports?.compactMap(\.port) ?? []
    #expect(ports == [.number(80), .number(443)])
  }
}

@Suite("The shell's cluster view escapes hostile names and cuts long values")
struct ClusterViewEscapingTests {
  @Test("an escape sequence in an external name and a 1 MB label value are not echoed raw")
  func escaped() {
    var inventory = s1Inventory()
    inventory.external.append(
      ExternalEndpoint(name: "evil\u{1B}]0;pwned\u{7}", isFQDN: false, ips: ["203.0.113.5"]))
    inventory.pods[0].labels["huge"] = String(repeating: "v", count: 1_000_000)
    var shell = TestShell(inventory: inventory)
    let text = shell.ok("cluster")
    #expect(!text.contains("\u{1B}"))
    #expect(text.contains(#"evil\u{1B}]0;pwned\u{7}"#))
    #expect(text.contains("…(999744 more characters)"))
    #expect(text.utf8.count < 5_000)
  }
}
