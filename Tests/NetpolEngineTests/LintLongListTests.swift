import NetpolEngine
import NetpolModel
import Testing

/// The rules that compare entries with each other, on lists long enough that comparing every
/// pair would take minutes: the findings are those the rule's definition gives.
@Suite("Lint rules that compare entries find the same things on thousands of entries")
struct LintLongListTests {
  @Test("12,500 ingress rules, each with its own peer: only the exact repeats are redundant")
  func manyRules() {
    var yaml = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: big, namespace: demo}
      spec:
        podSelector: {}
        ingress:

      """
    for index in 0..<12_500 {
      yaml += "  - from: [{podSelector: {matchLabels: {app: a\(index)}}}]\n"
    }
    // Rule 12,500 repeats rule 7; rule 12,501 is wider than rule 3 (any port, two peers).
    yaml += "  - from: [{podSelector: {matchLabels: {app: a7}}}]\n"
    yaml +=
      "  - from: [{podSelector: {matchLabels: {app: a3}}}, {podSelector: {matchLabels: {app: x}}}]\n"
    let (findings, diagnostics) = LintSupport.lint(yaml)
    #expect(diagnostics.isEmpty)
    let redundant = findings.filter { $0.ruleName == "redundant-allow" }.map(\.path).sorted()
    #expect(redundant == ["spec.ingress[12500]", "spec.ingress[3]"])
  }

  @Test("4,000 matchPattern entries: every apex not covered is reported once")
  func manyPatterns() {
    var yaml = """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata: {name: fq, namespace: demo}
      spec:
        endpointSelector: {}
        egress:
        - toFQDNs:
          - matchName: d0.example.com
          - matchPattern: "d1*.example.com"

      """
    for index in 0..<4000 {
      yaml += "    - matchPattern: \"*.d\(index).example.com\"\n"
    }
    let (findings, diagnostics) = LintSupport.lint(yaml)
    #expect(diagnostics.isEmpty)
    let apex = findings.filter { $0.ruleID == "NP003" }
    // d0.example.com is listed by name; d1*.example.com matches every d1... apex (d1, d10-d19,
    // d100-d199, d1000-d1999: 1 + 10 + 100 + 1000 names), since `*` matches zero or more
    // characters of one label.
    #expect(apex.count == 4000 - 1 - 1111)
    #expect(!apex.contains { $0.path.hasSuffix("toFQDNs[2]") })
    #expect(apex.contains { $0.path.hasSuffix("toFQDNs[4]") })
  }
}
