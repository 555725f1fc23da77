import NetpolModel
import Testing

/// A CNP (or `kind`) in namespace demo whose spec is `spec` (lines 5 on, indented two spaces).
private func cilium(_ spec: String, kind: String = "CiliumNetworkPolicy") -> String {
  """
  apiVersion: cilium.io/v2
  kind: \(kind)
  metadata: {name: web, namespace: demo}
  spec:
  \(spec)
  """
}

// Cilium v2 CRD schema and pkg/policy/api/rule_validation.go (semantics.md §2.1, §2.5, §2.7).
@Suite("Cilium policies the CRD or agent would reject are reported at the offending field")
struct RejectedCiliumPolicyTests {
  @Test("neither or both of endpointSelector and nodeSelector")
  func subjectSelector() {
    #expect(
      Fixture.messages(cilium("  egress: [{toEntities: [world]}]")) == [
        "bad.yaml:4:1: spec: a rule needs exactly one of `endpointSelector` or `nodeSelector`"
      ])
    let both = "  endpointSelector: {}\n  nodeSelector: {}\n  egress: [{toEntities: [world]}]"
    #expect(
      Fixture.messages(cilium(both, kind: "CiliumClusterwideNetworkPolicy")) == [
        "bad.yaml:4:1: spec: a rule cannot have both `endpointSelector` and `nodeSelector`"
      ])
  }

  @Test("nodeSelector in a namespaced CiliumNetworkPolicy")
  func nodeSelectorInCNP() {
    #expect(
      Fixture.messages(cilium("  nodeSelector: {}\n  ingress: [{}]")) == [
        "bad.yaml:5:3: spec.nodeSelector: only a CiliumClusterwideNetworkPolicy may use `nodeSelector` (host policies)"
      ])
  }

  @Test("a rule with no ingress, ingressDeny, egress or egressDeny; a policy with no rule")
  func emptyRule() {
    #expect(
      Fixture.messages(cilium("  endpointSelector: {}")) == [
        "bad.yaml:4:1: spec: a rule must have at least one of ingress, ingressDeny, egress or egressDeny"
      ])
    #expect(
      Fixture.messages("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: a}\n")
        == ["bad.yaml:1:1: spec: a Cilium policy needs `spec` or a non-empty `specs`"])
  }

  @Test("two L3 peer kinds in one entry")
  func combinedL3() {
    let spec = "  endpointSelector: {}\n  egress:\n  - toEndpoints: [{}]\n    toCIDR: [10.0.0.0/8]"
    #expect(
      Fixture.messages(cilium(spec)) == [
        "bad.yaml:7:5: spec.egress[0]: combining toEndpoints and toCIDR is not supported yet; use separate entries"
      ])
  }

  @Test("icmps and toPorts in the same entry")
  func icmpsWithPorts() {
    let spec = """
        endpointSelector: {}
        ingress:
        - icmps: [{fields: [{type: 8}]}]
          toPorts: [{ports: [{port: "80"}]}]
      """
    #expect(
      Fixture.messages(cilium(spec)) == [
        "bad.yaml:7:5: spec.ingress[0]: icmps and toPorts cannot be in the same entry; define a separate entry"
      ])
  }

  @Test("DNS rules on ingress, without a port, and on a port range")
  func dnsRules() {
    let spec = """
        endpointSelector: {}
        ingress:
        - toPorts: [{ports: [{port: "53"}], rules: {dns: [{matchName: a.com}]}}]
        egress:
        - toPorts: [{rules: {dns: [{matchPattern: "*"}]}}]
        - toPorts: [{ports: [{port: "53", endPort: 54}], rules: {dns: [{matchPattern: "*"}]}}]
      """
    #expect(
      Fixture.messages(cilium(spec)) == [
        "bad.yaml:7:47: spec.ingress[0].toPorts[0].rules.dns: DNS rules are not allowed on ingress",
        "bad.yaml:9:24: spec.egress[0].toPorts[0].rules.dns: port 53 must be specified for DNS rules",
        "bad.yaml:10:46: spec.egress[1].toPorts[0].ports[0].endPort: DNS rules do not support port ranges",
      ])
  }

  @Test("HTTP rules on a port that is not explicitly TCP")
  func httpOnUDP() {
    let spec = """
        endpointSelector: {}
        ingress:
        - toPorts: [{ports: [{port: "80", protocol: UDP}, {port: "81"}], rules: {http: [{}]}}]
      """
    #expect(
      Fixture.messages(cilium(spec)) == [
        "bad.yaml:7:47: spec.ingress[0].toPorts[0].ports[0].protocol: L7 rules can only apply to TCP (not UDP) except for DNS rules",
        "bad.yaml:7:53: spec.ingress[0].toPorts[0].ports[1].protocol: L7 rules can only apply to TCP (not ANY) except for DNS rules",
      ])
  }

  @Test("more than 40 ports in one toPorts entry")
  func tooManyPorts() {
    let ports = (1...41).map { "{port: \"\($0)\"}" }.joined(separator: ", ")
    let spec = "  endpointSelector: {}\n  egress:\n  - toPorts:\n    - ports: [\(ports)]"
    #expect(
      Fixture.messages(cilium(spec)) == [
        "bad.yaml:8:7: spec.egress[0].toPorts[0].ports: too many ports, the max is 40"
      ])
  }

  @Test("toFQDNs and L7 rules in deny entries")
  func denyLimits() {
    let spec = """
        endpointSelector: {}
        egressDeny:
        - toFQDNs: [{matchName: a.com}]
        - toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{}]}}]
      """
    #expect(
      Fixture.messages(cilium(spec)) == [
        "bad.yaml:7:5: spec.egressDeny[0].toFQDNs: toFQDNs is not allowed in deny rules",
        "bad.yaml:8:54: spec.egressDeny[1].toPorts[0].rules: L7 rules are not allowed in deny rules",
      ])
  }

  @Test("FQDN selectors: bad characters, both fields, neither field")
  func fqdnSelectors() {
    let spec = """
        endpointSelector: {}
        egress:
        - toFQDNs:
          - {matchName: "*.a.com"}
          - {matchName: a.com, matchPattern: "*.a.com"}
          - {}
      """
    #expect(
      Fixture.messages(cilium(spec)) == [
        "bad.yaml:8:19: spec.egress[0].toFQDNs[0].matchName: invalid value \"*.a.com\": must be dot-separated labels of letters, digits, '-' and '_'",
        "bad.yaml:9:7: spec.egress[0].toFQDNs[1]: only one of `matchName` or `matchPattern` is allowed",
        "bad.yaml:10:7: spec.egress[0].toFQDNs[2]: needs exactly one of `matchName` or `matchPattern`",
      ])
  }

  @Test("an entity outside the CRD enum")
  func entity() {
    let spec = "  endpointSelector: {}\n  egress: [{toEntities: [world, internet]}]"
    #expect(
      Fixture.messages(cilium(spec)) == [
        "bad.yaml:6:33: spec.egress[0].toEntities[1]: unsupported entity \"internet\": supported values: all, cluster, health, host, ingress, init, kube-apiserver, none, remote-node, unmanaged, world"
      ])
  }

  @Test("a port string that is neither a number up to 65535 nor an IANA name")
  func portStrings() {
    let spec = """
        endpointSelector: {}
        egress:
        - toPorts: [{ports: [{port: "65536"}, {port: "my--port"}, {port: "http", endPort: 90}]}]
      """
    #expect(
      Fixture.messages(cilium(spec)) == [
        "bad.yaml:7:31: spec.egress[0].toPorts[0].ports[0].port: invalid value \"65536\": must be between 0 and 65535",
        "bad.yaml:7:48: spec.egress[0].toPorts[0].ports[1].port: invalid value \"my--port\": must be a port number or an IANA port name: must not contain consecutive hyphens",
        "bad.yaml:7:85: spec.egress[0].toPorts[0].ports[2].endPort: endPort is only allowed with a numeric port",
      ])
  }

  @Test("ICMP types that are not 0-255 or a name of the family")
  func icmpTypes() {
    let spec = """
        endpointSelector: {}
        egress:
        - icmps: [{fields: [{type: 256}, {family: IPv4, type: PacketTooBig}]}]
      """
    #expect(
      Fixture.messages(cilium(spec)) == [
        "bad.yaml:7:30: spec.egress[0].icmps[0].fields[0].type: invalid value \"256\": must be 0-255 or an ICMPv4 type name such as EchoRequest",
        "bad.yaml:7:57: spec.egress[0].icmps[0].fields[1].type: invalid value \"PacketTooBig\": must be 0-255 or an ICMPv4 type name such as EchoRequest",
      ])
  }

  @Test("a CIDRSet except outside its cidr")
  func cidrSetExcept() {
    let spec =
      "  endpointSelector: {}\n  egress: [{toCIDRSet: [{cidr: 10.0.0.0/8, except: [11.0.0.0/8]}]}]"
    #expect(
      Fixture.messages(cilium(spec)) == [
        "bad.yaml:6:53: spec.egress[0].toCIDRSet[0].except[0]: \"11.0.0.0/8\" is not inside `cidr` \"10.0.0.0/8\""
      ])
  }

  @Test("Cilium selector keys may carry a source prefix; other keys are checked")
  func selectorKeys() {
    let spec = """
        endpointSelector:
          matchLabels: {"k8s:app": web, "any:tier": db, "k8s:-bad": x, ":x": v}
        ingress: [{}]
      """
    #expect(
      Fixture.messages(cilium(spec)) == [
        "bad.yaml:6:51: spec.endpointSelector.matchLabels.k8s:-bad: invalid value \"k8s:-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        "bad.yaml:6:66: spec.endpointSelector.matchLabels.:x: invalid label source \"\" in key \":x\"",
      ])
  }
}
