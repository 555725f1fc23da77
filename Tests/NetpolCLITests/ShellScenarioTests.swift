import Foundation
import Testing

/// One command of an `--echo` transcript and what it printed.
private struct Block: Equatable, CustomStringConvertible {
  var command: String
  var output: String
  var description: String { "\(command)\n\(output)" }
}

/// Splits `netpol run --echo` output at the echoed prompts (`netpol> `, `netpol NS/NAME> `).
private func blocks(_ transcript: String) -> [Block] {
  var result: [Block] = []
  for line in transcript.split(separator: "\n", omittingEmptySubsequences: false) {
    if let command = echoedCommand(line) {
      result.append(Block(command: command, output: ""))
    } else if !result.isEmpty {
      result[result.count - 1].output += line + "\n"
    }
  }
  if var last = result.popLast() {
    if last.output.hasSuffix("\n\n") { last.output.removeLast() }
    if last.output == "\n" { last.output = "" }
    result.append(last)
  }
  return result
}

/// The command of an echoed prompt line (`netpol> CMD`, `netpol NS/NAME> CMD`), else `nil`.
private func echoedCommand(_ line: Substring) -> String? {
  guard line.hasPrefix("netpol"), let marker = line.range(of: "> ") else { return nil }
  let prompt = line[..<marker.lowerBound]
  let words = prompt.split(separator: " ")
  guard prompt == "netpol" || (words.count == 2 && words[0] == "netpol") else { return nil }
  return String(line[marker.upperBound...])
}

/// What a step of a scenario must print: exactly this text, or (for explanations, whose wording
/// the engine owns) lines containing these fragments.
private enum Expected {
  case exactly(String)
  case mentions([String])
}

private func check(
  _ script: String, _ expected: [(String, Expected)],
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let result = try runNetpol(["run", "--echo", script])
  #expect(result.status == 0, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
  let actual = blocks(result.stdout)
  #expect(
    actual.map(\.command) == expected.map(\.0), sourceLocation: sourceLocation)
  for (block, (command, want)) in zip(actual, expected) {
    switch want {
    case .exactly(let text):
      #expect(block.output == text, "after `\(command)`", sourceLocation: sourceLocation)
    case .mentions(let fragments):
      for fragment in fragments {
        #expect(
          block.output.contains(fragment),
          "`\(command)` should mention \(fragment.debugDescription)",
          sourceLocation: sourceLocation)
      }
    }
  }
}

@Suite("The scenario scripts under examples/ reproduce scenarios.md")
struct ShellScenarioTests {
  @Test("S1: the policy denies client -> server:80, the label lets it through again")
  func s1() throws {
    // scenarios.md S1. Demo cluster: demo/server (app=server, 80/TCP), demo/client (no labels),
    // demo/curl (app=client), kube-system/coredns. K-DOC: a policy selecting every pod of demo
    // with no ingress rule isolates them all; only demo/server declares a port (80/TCP).
    try check(
      "examples/s1.netpol",
      [
        (
          "matrix --port 80/TCP --to demo/server",
          .exactly(
            """
            80/TCP on kubernetes
            from \\ to            demo/server
            demo/client          .
            demo/curl            .
            demo/server          #
            kube-system/coredns  .

            . allowed   X denied   # a pod to itself (implementation-defined)

            """)
        ),
        (
          "policy demo-policy -n demo",
          .exactly(
            "created NetworkPolicy demo/demo-policy: selects every pod of demo and allows no "
              + "ingress until you add rules\n3 flows now denied: demo/client -> demo/server "
              + "80/TCP, demo/curl -> demo/server 80/TCP, kube-system/coredns -> demo/server "
              + "80/TCP\n"
              // semantics.md §1.1 "ingress isolation": demo/server was open; demo-policy now
              // selects it for Ingress (K-DEF default), and its 3 flows are the summary's 3.
              // client and curl are isolated too but declare no port, so none of their flows
              // changed and they get no line.
              + "demo/server is now isolated for ingress by demo/demo-policy: 3 flows that were "
              + "allowed by default are now denied\n")
        ),
        (
          "select app=server",
          .exactly("demo/demo-policy selects app=server (1 pod)\nno flow changed\n")
        ),
        (
          "allow ingress from pods app=client port 80/TCP",
          .exactly(
            "demo/demo-policy rule 1: allow ingress from pods app=client port 80/TCP\n"
              + "1 flow now allowed: demo/curl -> demo/server 80/TCP\n")
        ),
        (
          "explain demo/client demo/server 80/TCP",
          .mentions(["DENIED", "demo/demo-policy", "app=client"])
        ),
        (
          "label demo/client app=client",
          .exactly(
            "labelled demo/client app=client\n1 flow now allowed: demo/client -> demo/server 80/TCP\n"
          )
        ),
        ("explain demo/client demo/server 80/TCP", .mentions(["ALLOWED", "demo/demo-policy"])),
        (
          "show",
          .exactly(
            """
            demo/demo-policy (NetworkPolicy, draft, unsaved)
              select app=server
              isolates Ingress (default)
              1. allow ingress from pods app=client port 80/TCP

            """)
        ),
      ])
  }

  @Test("S1: save writes the demo policy of the notes, and it validates")
  func s1Save() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let script = try CLIRunner.read("examples/s1.netpol")
    let result = try runNetpol(["shell"], stdin: script + "save s1.yaml\n", in: directory)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout.hasSuffix("saved 1 policy to s1.yaml\n"))
    let saved = directory.appendingPathComponent("s1.yaml").path
    let validation = try runNetpol(["validate", "-f", saved])
    #expect(validation.status == 0, "stderr: \(validation.stderr)")
    // The saved object equals the notes' demo-policy (examples/demo/s1-demo-policy.yaml).
    let reference = try runNetpol(["fmt", "-f", "examples/demo/s1-demo-policy.yaml"])
    let ours = try runNetpol(["fmt", "-f", saved])
    #expect(ours.stdout == reference.stdout)
  }

  @Test("S3: the egress rule silently cuts my-app off from DNS; allow-dns fixes it")
  func s3() throws {
    // scenarios.md S3; K-DEF: a non-empty egress list makes policyTypes Ingress and Egress.
    let added = "no flow changed\n"
    try check(
      "examples/s3.netpol",
      [
        ("ns add shop", .exactly("added namespace shop\n" + added)),
        (
          "pod add shop/my-app app=my-app --ip 10.244.1.10 --port http:80/TCP",
          .exactly("added pod shop/my-app\n" + added)
        ),
        (
          "pod add shop/frontend app=frontend --ip 10.244.1.11",
          .exactly("added pod shop/frontend\n" + added)
        ),
        (
          "pod add shop/backend app=backend --ip 10.244.1.12 --port https:443/TCP",
          .exactly("added pod shop/backend\n" + added)
        ),
        (
          "policy allow-specific-pod -n shop",
          .exactly(
            "created NetworkPolicy shop/allow-specific-pod: selects every pod of shop and allows "
              + "no ingress until you add rules\n12 flows now denied: demo/client -> shop/my-app "
              + "80/TCP, demo/curl -> shop/my-app 80/TCP, demo/server -> shop/my-app 80/TCP, ... "
              + "(9 more; diff lists all)\n"
              // §1.1 "ingress isolation": the new policy selects every pod of shop. backend
              // (443/TCP) and my-app (80/TCP) each lose the 6 other pods of the cluster
              // (3 demo, coredns, 2 shop): 6 + 6 = the summary's 12. frontend declares no port.
              + "shop/backend is now isolated for ingress by shop/allow-specific-pod: 6 flows "
              + "that were allowed by default are now denied\n"
              + "shop/my-app is now isolated for ingress by shop/allow-specific-pod: 6 flows "
              + "that were allowed by default are now denied\n")
        ),
        (
          "select app=my-app",
          .exactly(
            "shop/allow-specific-pod selects app=my-app (1 pod)\n6 flows now allowed: "
              + "demo/client -> shop/backend 443/TCP, demo/curl -> shop/backend 443/TCP, "
              + "demo/server -> shop/backend 443/TCP, ... (3 more; diff lists all)\n"
              // §1.1: no policy selects shop/backend any more, so it is open again; the 6
              // flows are the summary's 6, all to shop/backend 443/TCP. my-app stays isolated.
              + "shop/backend is no longer isolated for ingress: 6 flows are allowed by default "
              + "again\n")
        ),
        (
          "allow ingress from pods app=frontend port 80/TCP",
          .exactly(
            "shop/allow-specific-pod rule 1: allow ingress from pods app=frontend port 80/TCP\n"
              + "1 flow now allowed: shop/frontend -> shop/my-app 80/TCP\n")
        ),
        (
          "allow egress to pods app=backend port 443/TCP",
          .exactly(
            "shop/allow-specific-pod rule 2: allow egress to pods app=backend port 443/TCP\n"
              + "note: shop/allow-specific-pod now isolates egress too (policyTypes defaults to "
              + "Ingress and Egress once egress rules exist): its pods may only reach what egress "
              + "rules allow\n3 flows now denied: shop/my-app -> kube-system/coredns 53/TCP, "
              + "shop/my-app -> demo/server 80/TCP, shop/my-app -> kube-system/coredns 53/UDP\n"
              // §1.1 "egress isolation" + "policyTypes default" (K-DEF): the first egress rule
              // makes the policy isolate my-app for egress; the 3 flows are the summary's 3
              // (my-app -> backend 443/TCP is allowed by the rule).
              + "shop/my-app is now isolated for egress by shop/allow-specific-pod: 3 flows that "
              + "were allowed by default are now denied\n"
              + "note: DNS lookups are now denied for shop/my-app; `recipe allow-dns` (or allow "
              + "egress to pods k8s-app=kube-dns in ns kube-system port 53/UDP 53/TCP) fixes it\n")
        ),
        (
          "explain shop/my-app kube-system/coredns 53/UDP",
          .mentions(["DENIED", "shop/allow-specific-pod"])
        ),
        (
          "recipe allow-dns selector=app=my-app",
          .exactly(
            "recipe allow-dns: created NetworkPolicy shop/allow-dns\n2 flows now allowed: "
              + "shop/my-app -> kube-system/coredns 53/TCP, shop/my-app -> kube-system/coredns "
              + "53/UDP\n")
        ),
        (
          "explain shop/my-app kube-system/coredns 53/UDP",
          .mentions(["ALLOWED", "shop/allow-dns"])
        ),
      ])
  }

  @Test("S4: FQDN egress allows google.com and *.github.com names but not github.com")
  func s4() throws {
    // scenarios.md S4 verdicts; semantics.md §2.9: `*.github.com` needs one label before
    // github.com. Previews: pod flows on declared ports, external flows on the ports of
    // egress rules towards the outside (here 443/TCP).
    let afterRemoval =
      "6 flows now denied: demo/curl -> kube-system/coredns 53/TCP, demo/curl -> "
      + "kube-system/coredns 53/UDP, demo/curl -> api.github.com 443/TCP, ... (3 more; diff "
      + "lists all); 13 flows now allowed: demo/client -> demo/server 80/TCP, demo/client -> "
      + "api.github.com 443/TCP, demo/client -> example.com 443/TCP, ... (10 more; diff lists "
      + "all)\n"
      // semantics.md §2.3: without allow-dns (endpointSelector {}) client and server have no
      // selecting rule with an egress section, so they leave egress default-deny. client: server
      // 80/TCP + the 6 external names on 443/TCP = 7; server: the 6 names = 6; 7 + 6 = the
      // summary's 13 allowed. curl stays isolated by allow-egress-to-specific-domain: no line.
      + "demo/client is no longer isolated for egress: 7 flows are allowed by default again\n"
      + "demo/server is no longer isolated for egress: 6 flows are allowed by default again\n"
      + "note: DNS lookups are now denied for demo/curl; `recipe allow-dns` (or allow "
      + "egress to pods k8s-app=kube-dns in ns kube-system port 53/UDP 53/TCP) fixes it\n"
    // §2.3: allow-dns with an egress section puts every pod of demo into egress default-deny
    // again: the reverse of the lines above, 7 + 6 = the 13 denied flows of the summary.
    let reisolated =
      "demo/client is now isolated for egress by demo/allow-dns: 7 flows that were allowed by "
      + "default are now denied\n"
      + "demo/server is now isolated for egress by demo/allow-dns: 6 flows that were allowed by "
      + "default are now denied\n"
    try check(
      "examples/s4.netpol",
      [
        (
          "policy allow-dns -n demo --kind cnp",
          .exactly(
            "created CiliumNetworkPolicy demo/allow-dns: selects every pod of demo; it takes "
              + "effect once it has a rule\nno flow changed\n")
        ),
        (
          "allow egress to pods k8s:k8s-app=kube-dns in ns kube-system port 53/ANY dns '*'",
          .exactly(
            "demo/allow-dns rule 1: allow egress to pods k8s:k8s-app=kube-dns in ns kube-system "
              + "port 53/ANY dns '*'\n2 flows now denied: demo/client -> demo/server 80/TCP, "
              + "demo/curl -> demo/server 80/TCP\n"
              // The first Cilium rule switches evaluation to cilium; no flow changes because of
              // the switch itself (no earlier policy).
              + "dataplane: kubernetes -> cilium (demo/allow-dns is a Cilium policy with rules, "
              + "and Cilium evaluates the policies when any is present; `use kubernetes` keeps "
              + "kubernetes semantics)\n"
              // Cilium default deny: the rule's egress section puts every pod of demo into egress
              // default-deny; client and curl each lose their one flow (to server 80/TCP) of the
              // summary. server is isolated too, but its only flows (to coredns 53) are allowed.
              + "demo/client is now isolated for egress by demo/allow-dns: 1 flow that was allowed "
              + "by default is now denied\n"
              + "demo/curl is now isolated for egress by demo/allow-dns: 1 flow that was allowed "
              + "by default is now denied\n")
        ),
        (
          "policy allow-egress-to-specific-domain -n demo --kind cnp",
          .exactly(
            "created CiliumNetworkPolicy demo/allow-egress-to-specific-domain: selects every pod "
              + "of demo; it takes effect once it has a rule\nno flow changed\n")
        ),
        (
          "select app=client",
          .exactly(
            "demo/allow-egress-to-specific-domain selects app=client (1 pod)\nno flow changed\n")
        ),
        (
          "allow egress to fqdn example.com google.com '*.google.com' '*.github.com' port 443/TCP",
          .exactly(
            "demo/allow-egress-to-specific-domain rule 1: allow egress to fqdn example.com "
              + "google.com '*.google.com' '*.github.com' port 443/TCP\n4 flows now allowed: "
              + "demo/curl -> api.github.com 443/TCP, demo/curl -> example.com 443/TCP, "
              + "demo/curl -> google.com 443/TCP, ... (1 more; diff lists all)\n"
              // Live lint: `*.github.com` needs a label before github.com, which the inventory
              // names (Cilium matchPattern, see DNS rules and toFQDNs in docs/semantics.md).
              + "lint: NP003 matchPattern \"*.github.com\" does not match github.com itself; "
              + "github.com is an external name of the inventory, so connections to it are "
              + "dropped [demo/allow-egress-to-specific-domain spec.egress[0].toFQDNs[3]]\n")
        ),
        ("explain demo/curl google.com 443/TCP", .mentions(["ALLOWED"])),
        ("explain demo/curl www.google.com 443/TCP", .mentions(["ALLOWED"])),
        ("explain demo/curl naver.com 443/TCP", .mentions(["DENIED"])),
        ("explain demo/curl google.com 80/TCP", .mentions(["DENIED"])),
        ("explain demo/curl api.github.com 443/TCP", .mentions(["ALLOWED"])),
        ("explain demo/curl github.com 443/TCP", .mentions(["DENIED", "*.github.com"])),
        ("rm allow-dns", .exactly("removed CiliumNetworkPolicy demo/allow-dns\n" + afterRemoval)),
        ("explain demo/curl google.com 443/TCP", .mentions(["DENIED", "blocked"])),
        (
          "undo",
          .exactly(
            "undid: rm allow-dns\n13 flows now denied: demo/client -> demo/server 80/TCP, "
              + "demo/client -> api.github.com 443/TCP, demo/client -> example.com 443/TCP, ... "
              + "(10 more; diff lists all); 6 flows now allowed: demo/curl -> kube-system/coredns "
              + "53/TCP, demo/curl -> kube-system/coredns 53/UDP, demo/curl -> api.github.com "
              + "443/TCP, ... (3 more; diff lists all)\n" + reisolated)
        ),
        (
          "policy allow-dns",
          .exactly("draft: demo/allow-dns (CiliumNetworkPolicy)\nno flow changed\n")
        ),
        (
          "rule rm 1",
          .exactly(
            "removed rule 1: allow egress to pods k8s:k8s-app=kube-dns in ns kube-system port "
              + "53/ANY dns '*'\n" + afterRemoval)
        ),
        (
          "allow egress to pods k8s:k8s-app=kube-dns in ns kube-system port 53/ANY",
          .exactly(
            "demo/allow-dns rule 1: allow egress to pods k8s:k8s-app=kube-dns in ns kube-system "
              + "port 53/ANY\n13 flows now denied: demo/client -> demo/server 80/TCP, demo/client "
              + "-> api.github.com 443/TCP, demo/client -> example.com 443/TCP, ... (10 more; diff "
              + "lists all); 2 flows now allowed: demo/curl -> kube-system/coredns 53/TCP, "
              + "demo/curl -> kube-system/coredns 53/UDP\n" + reisolated)
        ),
        ("explain demo/curl google.com 443/TCP", .mentions(["DENIED", "rules.dns"])),
      ])
  }

  @Test("S4: the two policies built in the shell equal the notes' objects")
  func s4Objects() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let script = try CLIRunner.read("examples/s4.netpol")
    let steps = script.split(separator: "\n").prefix { !$0.hasPrefix("explain") }
    let result = try runNetpol(
      ["shell"], stdin: steps.joined(separator: "\n") + "\nsave s4.yaml\n", in: directory)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let saved = directory.appendingPathComponent("s4.yaml").path
    #expect(try runNetpol(["validate", "-f", saved]).status == 0)
    let ours = try runNetpol(["fmt", "-f", saved])
    let reference = try runNetpol([
      "fmt", "-f", "examples/demo/s4-allow-dns.yaml", "-f",
      "examples/demo/s4-allow-egress-to-specific-domain.yaml",
    ])
    #expect(ours.stdout == reference.stdout)
  }
}
