import NetpolModel
import Testing

/// A NetworkPolicy in namespace demo whose spec is `spec` (lines 7 on, indented two spaces).
private func policy(name: String = "web", _ spec: String) -> String {
  """
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: \(name)
    namespace: demo
  spec:
  \(spec)
  """
}

// ValidateNetworkPolicy (kubernetes/pkg/apis/networking/validation) rules, semantics.md §1.2;
// messages as the API server words them.
@Suite("NetworkPolicies the API server would reject are reported at the offending field")
struct RejectedNetworkPolicyTests {
  @Test("an object name that is not a DNS subdomain")
  func badName() {
    #expect(
      Fixture.messages(policy(name: "Web_1", "  podSelector: {}")) == [
        "bad.yaml:4:9: metadata.name: invalid value \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
      ])
  }

  @Test("a label key and a label value with bad syntax")
  func badLabels() {
    let spec = "  podSelector:\n    matchLabels: {\"-app\": ok, tier: \"front end\"}"
    #expect(
      Fixture.messages(policy(spec)) == [
        "bad.yaml:8:19: spec.podSelector.matchLabels.-app: invalid value \"-app\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        "bad.yaml:8:31: spec.podSelector.matchLabels.tier: invalid value \"front end\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
      ])
  }

  @Test("In without values and Exists with values")
  func operatorValues() {
    let spec = """
        podSelector:
          matchExpressions:
          - {key: env, operator: In, values: []}
          - {key: app, operator: Exists, values: [web]}
      """
    #expect(
      Fixture.messages(policy(spec)) == [
        "bad.yaml:9:32: spec.podSelector.matchExpressions[0].values: must be specified when `operator` is 'In' or 'NotIn'",
        "bad.yaml:10:36: spec.podSelector.matchExpressions[1].values: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      ])
  }

  @Test("a port number outside 1-65535")
  func portRange() {
    let spec = "  ingress:\n  - ports: [{port: 70000}]"
    #expect(
      Fixture.messages(policy(spec)) == [
        "bad.yaml:8:20: spec.ingress[0].ports[0].port: invalid value 70000: must be between 1 and 65535, inclusive"
      ])
  }

  @Test("a quoted number is a port name, and must contain a letter")
  func quotedPort() {
    let spec = "  ingress:\n  - ports: [{port: \"80\"}]"
    #expect(
      Fixture.messages(policy(spec)) == [
        "bad.yaml:8:20: spec.ingress[0].ports[0].port: invalid value \"80\": must contain at least one letter (a-z)"
      ])
  }

  @Test("endPort with a named port, below port, and without port")
  func endPort() {
    let spec = """
        egress:
        - ports:
          - {port: http, endPort: 90}
          - {port: 90, endPort: 80}
          - {endPort: 80}
      """
    #expect(
      Fixture.messages(policy(spec)) == [
        "bad.yaml:9:29: spec.egress[0].ports[0].endPort: may not be specified when `port` is non-numeric",
        "bad.yaml:10:27: spec.egress[0].ports[1].endPort: must be greater than or equal to `port`",
        "bad.yaml:11:17: spec.egress[0].ports[2].endPort: may not be specified when `port` is not specified",
      ])
  }

  @Test("a CIDR that does not parse and an except outside the CIDR")
  func cidrs() {
    let spec = """
        ingress:
        - from:
          - ipBlock: {cidr: 10.0.0.0/33}
          - ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24, 10.0.0.0/16]}
      """
    #expect(
      Fixture.messages(policy(spec)) == [
        "bad.yaml:9:23: spec.ingress[0].from[0].ipBlock.cidr: invalid value \"10.0.0.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
        "bad.yaml:10:45: spec.ingress[0].from[1].ipBlock.except[0]: \"10.1.0.0/24\" must be a strict subset of `cidr` \"10.0.0.0/16\"",
        "bad.yaml:10:58: spec.ingress[0].from[1].ipBlock.except[1]: \"10.0.0.0/16\" must be a strict subset of `cidr` \"10.0.0.0/16\"",
      ])
  }

  @Test("ipBlock together with a selector in one peer, and an empty peer")
  func peers() {
    let spec = """
        ingress:
        - from:
          - {ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}
          - {}
      """
    #expect(
      Fixture.messages(policy(spec)) == [
        "bad.yaml:9:7: spec.ingress[0].from[0]: may not specify both ipBlock and another peer",
        "bad.yaml:10:7: spec.ingress[0].from[1]: must specify a peer (podSelector, namespaceSelector or ipBlock)",
      ])
  }

  @Test("the validator works on in-memory objects and gives paths without locations")
  func inMemory() {
    let bad = NetworkPolicy(
      metadata: ObjectMeta(name: "x", namespace: "Demo"),
      spec: NetworkPolicySpec(
        ingress: [NetworkPolicyRule(ports: [NetworkPolicyPort(port: .number(0))])]))
    #expect(
      PolicyValidator.validate(.networkPolicy(bad)).map(\.description) == [
        "metadata.namespace: invalid value \"Demo\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        "spec.ingress[0].ports[0].port: invalid value 0: must be between 1 and 65535, inclusive",
      ])
    let good = NetworkPolicy(metadata: ObjectMeta(name: "x", namespace: "demo"))
    #expect(PolicyValidator.validate(.networkPolicy(good)).isEmpty)
  }
}
