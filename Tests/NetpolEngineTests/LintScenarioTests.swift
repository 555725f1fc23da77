import NetpolEngine
import NetpolModel
import Testing

/// The scenarios' lint findings on the repository's example files (scenarios.md S3, S4, S5).
@Suite("Lint reports the scenarios' mistakes on the example files")
struct LintScenarioTests {
  @Test("S3: allow-specific-pod cuts off DNS (NP001 error at spec.egress)")
  func s3() {
    let findings = LintSupport.lint(paths: ["examples/lint/s3-allow-specific-pod.yaml"])
    let dns = findings.filter { $0.ruleID == "NP001" }
    #expect(dns.count == 1)
    #expect(dns.first?.severity == .error)
    #expect(dns.first?.path == "spec.egress")
    #expect(dns.first?.fix.contains("recipe allow-dns") == true)
  }

  @Test("S3 with the demo cluster: the engine confirms demo/curl cannot reach CoreDNS")
  func s3Inventory() {
    let yaml = """
      pods:
      - {namespace: demo, name: curl, labels: {app: client}, ip: 10.244.0.109}
      - {namespace: kube-system, name: coredns, labels: {k8s-app: kube-dns}, ip: 10.244.0.10}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-specific-pod, namespace: demo}
      spec:
        podSelector: {matchLabels: {app: client}}
        egress:
        - to: [{podSelector: {matchLabels: {app: server}}}]
          ports: [{protocol: TCP, port: 80}]
      """
    let finding = LintSupport.lint(yaml).findings.first { $0.ruleID == "NP001" }
    #expect(
      finding?.message.contains("demo/curl cannot send DNS lookups to kube-system/coredns") == true)
  }

  @Test("S4: *.github.com misses github.com, an external name of the demo cluster (NP003 error)")
  func s4() {
    let findings = LintSupport.lint(paths: ["examples/demo"])
    let apex = findings.filter { $0.ruleID == "NP003" }
    #expect(apex.count == 1)
    #expect(apex.first?.severity == .error)
    #expect(apex.first?.policy == "demo/allow-egress-to-specific-domain")
    #expect(apex.first?.path == "spec.egress[0].toFQDNs[3]")
    #expect(!findings.contains { $0.ruleID == "NP004" }, "allow-dns carries rules.dns")
  }

  @Test("S5: the notes' allow-all-egress CNP is an error with toEntities: [all] as fix (NP002)")
  func s5() {
    let finding = LintSupport.lint(paths: ["examples/lint/s5-allow-all-egress.yaml"]).first {
      $0.ruleID == "NP002"
    }
    #expect(finding?.severity == .error)
    #expect(finding?.fix.contains("- toEntities: [all]") == true)
  }
}
