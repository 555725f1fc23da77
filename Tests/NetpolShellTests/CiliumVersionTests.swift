import NetpolEngine
import NetpolModel
import Testing

@testable import NetpolShell

/// A client pod, kube-dns, and two external names under example.com: one and two labels deep.
private func fqdnInventory() -> Inventory {
  Inventory(
    namespaces: [Namespace(name: "demo"), Namespace(name: "kube-system")],
    pods: [
      Pod(namespace: "demo", name: "curl", labels: ["app": "client"], ip: "10.244.0.109"),
      Pod(
        namespace: "kube-system", name: "coredns", labels: ["k8s-app": "kube-dns"],
        ip: "10.244.0.10", ports: [ContainerPort(name: "dns", port: 53, protocol: .udp)]),
    ],
    external: [
      ExternalEndpoint(name: "a.b.example.com", isFQDN: true, ips: ["203.0.113.10"]),
      ExternalEndpoint(name: "a.example.com", isFQDN: true, ips: ["203.0.113.11"]),
    ])
}

/// A shell on `fqdnInventory()` whose CNP lets app=client reach `**.example.com` on 443 and
/// sends every DNS query through the DNS proxy (`rules.dns` `*`, semantics.md §2.9).
private func fqdnShell(_ use: String) -> TestShell {
  var shell = TestShell(inventory: fqdnInventory())
  shell.ok(use)
  shell.ok("policy fqdn -n demo --kind cnp")
  shell.ok("select app=client")
  shell.ok("allow egress to fqdn '**.example.com' port 443")
  shell.ok("allow egress to pods k8s:k8s-app=kube-dns in ns kube-system port 53/UDP dns '*'")
  return shell
}

@Suite("the session's Cilium version decides what a leading **. matches")
struct CiliumVersionTests {
  // semantics.md §2.9: `**.example.com` on <1.19 ≡ `*.example.com` (a.example.com only); on
  // 1.19+ it spans labels (a.b.example.com too).
  @Test("on 1.18 a.b.example.com is denied, on 1.19 (the default) allowed")
  func doubleStar() {
    var old = fqdnShell("use cilium --cilium-version 1.18")
    #expect(old.state.engineOptions.ciliumVersion == CiliumVersion(major: 1, minor: 18))
    #expect(old.ok("explain demo/curl a.b.example.com 443/TCP").hasPrefix("DENIED: "))
    #expect(old.ok("explain demo/curl a.example.com 443/TCP").hasPrefix("ALLOWED: "))
    var new = fqdnShell("use cilium")
    #expect(new.ok("explain demo/curl a.b.example.com 443/TCP").hasPrefix("ALLOWED: "))
  }

  @Test("set cilium-version is a step: it previews the flows it changes, undo and redo it")
  func undoable() {
    var shell = fqdnShell("use cilium")
    #expect(
      shell.ok("set cilium-version 1.18")
        == "Cilium version: 1.18\n1 flow now denied: demo/curl -> a.b.example.com 443/TCP\n")
    #expect(shell.ok("diff").contains("Cilium version: 1.19 -> 1.18\n"))
    #expect(shell.ok("explain demo/curl a.b.example.com 443/TCP").hasPrefix("DENIED: "))
    #expect(shell.ok("undo").hasPrefix("undid: set cilium-version 1.18\n"))
    #expect(shell.state.engineOptions.ciliumVersion == CiliumVersion(major: 1, minor: 19))
    #expect(shell.ok("explain demo/curl a.b.example.com 443/TCP").hasPrefix("ALLOWED: "))
    shell.ok("redo")
    #expect(shell.state.engineOptions.ciliumVersion == CiliumVersion(major: 1, minor: 18))
    // The same version again changes nothing and records no step.
    #expect(shell.ok("set cilium-version 1.18") == "Cilium version: 1.18\n")
    #expect(shell.ok("undo").hasPrefix("undid: set cilium-version 1.18\n"))
  }

  @Test("use and matrix show the version the dataplane runs; AKS caps it at 1.18")
  func display() {
    // semantics.md §4.1: AKS ships Cilium 1.18 or older.
    var shell = TestShell(inventory: fqdnInventory())
    #expect(shell.ok("use cilium").hasPrefix("dataplane: cilium (Cilium 1.19)\n"))
    #expect(
      shell.ok("use azure-cilium-acns").hasPrefix("dataplane: azure-cilium-acns (Cilium 1.18)\n"))
    #expect(
      shell.ok("set cilium-version 1.19").hasPrefix(
        "Cilium version: 1.19 (azure-cilium-acns caps it at 1.18)\n"))
    #expect(shell.ok("use kubernetes").hasPrefix("dataplane: kubernetes\n"))
    #expect(
      shell.ok("set cilium-version 1.17").hasPrefix(
        "Cilium version: 1.17 (used on Cilium dataplanes; the dataplane is kubernetes)\n"))
    #expect(shell.ok("use auto").hasPrefix("dataplane: kubernetes (auto)\n"))
    shell.ok("use cilium --cilium-version 1.16.2")
    #expect(shell.ok("matrix --port 53/UDP").hasPrefix("53/UDP on cilium (Cilium 1.16)\n"))
  }

  @Test(
    "malformed versions are errors that point at the word",
    arguments: ["1.x", "1", "v1.18", "1.18.0.1", "-1.18", "1..18"])
  func invalid(word: String) {
    var shell = TestShell()
    let line = "set cilium-version \(word)"
    let error = shell.fail(line)
    #expect(error.message == "invalid Cilium version `\(word)`: use X.Y, e.g. 1.18")
    #expect(TestShell.underlined(error, in: line) == word)
    #expect(
      shell.fail("use cilium --cilium-version \(word)").message
        == "invalid Cilium version `\(word)`: use X.Y, e.g. 1.18")
  }

  @Test("missing and extra words are errors")
  func usage() {
    var shell = TestShell()
    #expect(
      shell.fail("use cilium --cilium-version").message
        == "expected X.Y after --cilium-version, e.g. 1.18")
    #expect(
      shell.fail("set cilium-version").message == "expected a Cilium version (X.Y, e.g. 1.18)")
    #expect(
      shell.fail("use cilium 1.18").message
        == "unexpected `1.18`; usage: use DATAPLANE|auto [--cilium-version X.Y]")
  }

  @Test("Tab offers --cilium-version after use DATAPLANE, and versions after it")
  func completion() {
    let completer = Completer(state: SessionState(inventory: fqdnInventory()))
    #expect(completer.complete("use cilium ").candidates == ["--cilium-version"])
    #expect(
      completer.complete("use cilium --cilium-version 1.1").candidates == CiliumVersion.suggested)
    #expect(completer.complete("set c").candidates == ["cilium-version", "colour"])
    #expect(completer.complete("set cilium-version 1.18").candidates == ["1.18"])
    #expect(completer.complete("set fqdn-cache ").candidates == ["empty", "warm"])
  }

  @Test("help describes use --cilium-version and set cilium-version")
  func help() {
    var shell = TestShell()
    #expect(shell.ok("help use").hasPrefix("usage: use DATAPLANE|auto [--cilium-version X.Y]\n"))
    #expect(shell.ok("help set").contains("usage: set cilium-version X.Y\n"))
    #expect(shell.ok("help set").contains("usage: set fqdn-cache warm|empty\n"))
  }
}

@Suite("set fqdn-cache chooses how flows to raw addresses meet toFQDNs")
struct FQDNCacheSettingTests {
  // semantics.md §6 "Names": a flow to a raw IP performs no lookup; by default its cache is
  // empty, so toFQDNs does not match it; a session may offer a warm cache and must say which
  // model a verdict used.
  @Test("a raw address is denied with an empty cache and allowed with a warm one")
  func rawAddress() {
    var shell = fqdnShell("use cilium")
    let empty = shell.ok("explain demo/curl 203.0.113.10 443/TCP")
    #expect(empty.hasPrefix("DENIED: "))
    #expect(empty.contains("FQDN cache model: empty per flow"))
    #expect(shell.ok("set fqdn-cache warm").hasPrefix("FQDN cache: warm"))
    #expect(shell.state.engineOptions.warmFQDNCache)
    let warm = shell.ok("explain demo/curl 203.0.113.10 443/TCP")
    #expect(warm.hasPrefix("ALLOWED: "))
    #expect(warm.contains("FQDN cache model: warm"))
    #expect(shell.ok("diff").contains("FQDN cache: empty -> warm\n"))
    shell.ok("undo")
    #expect(!shell.state.engineOptions.warmFQDNCache)
    #expect(
      shell.fail("set fqdn-cache hot").message
        == "expected `warm` or `empty` after `set fqdn-cache`, got `hot`")
  }
}
