import Foundation
import NetpolEngine
import NetpolModel
import Testing

@testable import NetpolRecipes

/// The outcome of the example plan `name`.
private func runExample(_ name: String) throws -> PlanOutcome {
  let path = Fixtures.root.appendingPathComponent("examples/plans/\(name)").path
  return try Plan.load(path: path).run(catalog: try Fixtures.catalog())
}

/// The error of parsing plan `text` (file `p.yaml` in the examples directory), or nil.
private func problem(_ text: String) -> String? {
  do {
    _ = try Plan.parse(
      text, file: "p.yaml", directory: Fixtures.root.appendingPathComponent("examples/plans").path)
    return nil
  } catch {
    return error.description
  }
}

@Suite("Plan files build a policy set and check its verdicts")
struct PlanTests {
  @Test("the demo zero-trust plan passes: S1's verdicts plus DNS (scenarios.md S1)")
  func zeroTrust() throws {
    let outcome = try runExample("demo-zero-trust.yaml")
    #expect(outcome.passed, "\(outcome.failures.map(\.description))")
    #expect(outcome.checked == 7)
    #expect(
      outcome.policies.map(\.qualifiedName)
        == ["demo/deny-all", "demo/allow-dns", "demo/demo-policy", "demo/client-to-server"])
    #expect(outcome.notices.isEmpty)
  }

  @Test("the S4 plan passes with the corrected FQDN recipe (scenarios.md S4)")
  func fqdn() throws {
    let outcome = try runExample("s4-fqdn-egress.yaml")
    #expect(outcome.passed, "\(outcome.failures.map(\.description))")
    #expect(outcome.checked == 6)
    #expect(outcome.policies.allSatisfy { $0.kind == "CiliumNetworkPolicy" })
  }

  @Test("the S3 plan fails: allow-specific-pod denies the pod's DNS (scenarios.md S3)")
  func dnsTrap() throws {
    let outcome = try runExample("s3-dns-trap-fails.yaml")
    #expect(!outcome.passed)
    #expect(outcome.checked == 2)
    #expect(outcome.failures.count == 1)
    let failure = try #require(outcome.failures.first)
    #expect(failure.expectation.path == "expect[1]")
    #expect(failure.actual == .deny)
    #expect(failure.flow == "demo/curl -> kube-system/coredns:53/UDP")
    #expect(
      failure.description.hasPrefix(
        "\(failure.expectation.location): expect[1]: demo/curl -> kube-system/coredns:53/UDP: "
          + "expected allow, got deny\n    "))
    #expect(failure.expectation.location.line == 18)
    #expect(failure.explanation.contains("demo/allow-specific-pod"))
  }

  @Test("the keys and values of a plan are checked with their position")
  func parseErrors() {
    #expect(
      problem("aply: []\n")
        == "p.yaml:1:1: aply: unknown field; a plan has inventory, dataplane, ciliumVersion, apply, expect"
    )
    #expect(
      problem("dataplane: weave\n")
        == "p.yaml:1:12: dataplane: unknown dataplane; use one of kubernetes, cilium, calico, "
        + "azure-npm, azure-npm-windows, azure-cilium, azure-cilium-acns")
    #expect(
      problem("apply:\n  - {recipe: allow-dns, namspace: demo}\n")
        == "p.yaml:2:25: apply[0].namspace: unknown field; use recipe, namespace, name, kind, "
        + "params"
    )
    #expect(
      problem("apply:\n  - {recipe: allow-dns, kind: pod}\n")
        == "p.yaml:2:31: apply[0].kind: a kind is networkpolicy, cnp or ccnp")
    #expect(
      problem("expect:\n  - {from: a/b, to: c/d, port: 80, expect: maybe}\n")
        == "p.yaml:2:44: expect[0].expect: expect is allow or deny")
    #expect(
      problem("expect:\n  - {from: a/b, to: c/d, expect: deny}\n")
        == "p.yaml:2:5: expect[0].port: missing field 'port' (needed for TCP)")
    #expect(
      problem("expect:\n  - {from: a/b, to: c/d, port: 70000, expect: deny}\n")
        == "p.yaml:2:32: expect[0].port: a port is 1-65535")
  }

  @Test("paths are relative to the plan file; params may be lists")
  func paths() throws {
    let plan = try Plan.parse(
      "inventory: ../demo/cluster.yaml\napply:\n  - recipe: allow-egress-fqdn\n"
        + "    params: {names: [a.com, b.com], ports: 443}\n",
      file: "p.yaml", directory: "/x/plans")
    #expect(plan.inventory == "/x/plans/../demo/cluster.yaml")
    #expect(plan.steps.first?.parameters == ["names": "a.com,b.com", "ports": "443"])
    let absolute = try Plan.parse("inventory: /c.yaml\n", file: "p.yaml", directory: "/x")
    #expect(absolute.inventory == "/c.yaml")
  }

  @Test("a step that does not render names its entry; duplicate policies are refused")
  func stepErrors() throws {
    let catalog = try Fixtures.catalog()
    let bad = try Plan.parse(
      "apply:\n  - recipe: allow-egress-cidr\n    namespace: demo\n", file: "p.yaml",
      directory: ".")
    #expect(throws: PlanError.self) { try bad.run(catalog: catalog) }
    do {
      _ = try bad.run(catalog: catalog)
    } catch {
      #expect(
        error.description
          == "p.yaml:2:5: apply[0]: recipe allow-egress-cidr needs parameter 'cidr': give --set "
          + "cidr=VALUE, where VALUE is an IPv4 or IPv6 prefix (e.g. 10.0.0.0/8 or 2001:db8::/32)")
    }
    let twice = try Plan.parse(
      "apply:\n  - {recipe: allow-dns, namespace: demo}\n"
        + "  - {recipe: allow-dns, namespace: demo}\n",
      file: "p.yaml", directory: ".")
    do {
      _ = try twice.run(catalog: catalog)
      Issue.record("a plan generating demo/allow-dns twice ran")
    } catch {
      #expect(
        error.description
          == "p.yaml:3:5: apply[1]: NetworkPolicy demo/allow-dns is also generated by apply[0]; "
          + "give one of them another name")
    }
  }

  @Test("an expectation naming an unknown pod is an error, not a failure")
  func unknownEndpoint() throws {
    let plan = try Plan.parse(
      "inventory: ../demo/cluster.yaml\nexpect:\n"
        + "  - {from: demo/nobody, to: demo/server, port: 80, expect: deny}\n",
      file: "p.yaml", directory: Fixtures.root.appendingPathComponent("examples/plans").path)
    #expect(throws: PlanError.self) { try plan.run(catalog: try Fixtures.catalog()) }
  }
}

@Suite("Plans apply policy files as well as recipes")
struct PlanFileEntryTests {
  private let directory = Fixtures.root.appendingPathComponent("examples/plans").path

  @Test("a {file: PATH} entry adds the file's policies to the set that is checked and output")
  func fileEntry() throws {
    // demo-policy admits only app=client pods to app=server on 80/TCP: demo/curl carries
    // app=client, demo/client has no labels.
    let text = """
      inventory: ../demo/cluster.yaml
      apply:
        - file: ../demo/s1-demo-policy.yaml
        - recipe: default-deny-ingress
          namespace: kube-system
      expect:
        - {from: demo/curl, to: demo/server, port: 80, expect: allow}
        - {from: demo/client, to: demo/server, port: 80, expect: deny}
        - {from: demo/client, to: kube-system/coredns, port: 53, protocol: UDP, expect: deny}
      """
    let plan = try Plan.parse(text, file: "p.yaml", directory: directory)
    let outcome = try plan.run(catalog: try Fixtures.catalog())
    #expect(outcome.passed, "\(outcome.failures.map(\.description))")
    #expect(outcome.checked == 3)
    #expect(outcome.policies.map(\.qualifiedName).first == "demo/demo-policy")
    #expect(outcome.policies.count == 2)
  }

  @Test("a missing file, extra keys and a bad ciliumVersion are reported")
  func problems() throws {
    let missing = try Plan.parse(
      "apply:\n  - file: no-such.yaml\n", file: "p.yaml", directory: directory)
    #expect(throws: PlanError.self) { try missing.run(catalog: try Fixtures.catalog()) }
    #expect(throws: PlanError.self) {
      try Plan.parse(
        "apply:\n  - {file: a.yaml, recipe: allow-dns}\n", file: "p.yaml", directory: directory)
    }
    #expect(throws: PlanError.self) {
      try Plan.parse("ciliumVersion: latest\napply: []\n", file: "p.yaml", directory: directory)
    }
    let plan = try Plan.parse(
      "ciliumVersion: \"1.18\"\napply: []\n", file: "p.yaml", directory: directory)
    #expect(plan.ciliumVersion == CiliumVersion(major: 1, minor: 18))
  }
}
