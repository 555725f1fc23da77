import Foundation
import NetpolModel
import Testing

// The rules of the policy.networking.k8s.io CRDs: OpenAPI limits and the CEL
// x-kubernetes-validations (v0.1.8 config/crd/experimental/*.yaml; HEAD
// config/crd/experimental/policy.networking.k8s.io_clusternetworkpolicies.yaml).
@Suite(
  "Admin policies that the API server would reject get one line each with file, line and field")
struct AdminPolicyValidationTests {
  static let anp = """
    apiVersion: policy.networking.k8s.io/v1alpha1
    kind: AdminNetworkPolicy
    metadata: {name: x}
    spec:
      priority: 1
      subject: {namespaces: {}}

    """

  @Test("a BaselineAdminNetworkPolicy must be named default (CEL rule)")
  func banpName() {
    let text = """
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: BaselineAdminNetworkPolicy
      metadata:
        name: mine
      spec:
        subject: {namespaces: {}}
      """
    #expect(
      Fixture.messages(text) == [
        "bad.yaml:4:9: metadata.name: Only one baseline admin network policy with "
          + "metadata.name=\"default\" can be created in the cluster"
      ])
  }

  @Test("a named port with a networks peer in one egress rule is rejected (CEL rule)")
  func namedPortWithNetworks() {
    let text =
      Self.anp + """
          egress:
          - action: Allow
            to: [{networks: ["10.0.0.0/8"]}]
            ports: [{namedPort: http}]
        """
    #expect(
      Fixture.messages(text) == [
        "bad.yaml:8:5: spec.egress[0]: networks/nodes/domainNames peer cannot be set with "
          + "namedPorts since there are no namedPorts for networks/nodes/domainNames"
      ])
  }

  @Test("a destinationNamedPort with a nodes peer is rejected in v1alpha2 too")
  func destinationNamedPortWithNodes() {
    let text = """
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata: {name: x}
      spec:
        tier: Admin
        priority: 1
        subject: {namespaces: {}}
        egress:
        - action: Deny
          to: [{nodes: {}}]
          protocols: [{destinationNamedPort: http}]
      """
    #expect(
      Fixture.messages(text).first?.hasPrefix("bad.yaml:9:5: spec.egress[0]: networks/") == true)
  }

  @Test("a priority outside 0...1000 is rejected")
  func priority() {
    let text = Self.anp.replacingOccurrences(of: "priority: 1", with: "priority: 1001")
    #expect(
      Fixture.messages(text) == [
        "bad.yaml:5:13: spec.priority: must be between 0 and 1000, found 1001"
      ])
  }

  @Test("a port range whose start is not below its end is rejected in both versions")
  func portRange() {
    let v1 =
      Self.anp + """
          ingress:
          - action: Deny
            from: [{namespaces: {}}]
            ports: [{portRange: {start: 90, end: 80}}]
        """
    #expect(
      Fixture.messages(v1) == [
        "bad.yaml:10:14: spec.ingress[0].ports[0].portRange: Start port must be less than End port "
          + "(start 90, end 80)"
      ])
    let v2 = """
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata: {name: x}
      spec:
        tier: Baseline
        priority: 0
        subject: {namespaces: {}}
        ingress:
        - action: Deny
          from: [{namespaces: {}}]
          protocols: [{tcp: {destinationPort: {range: {start: 5, end: 5}}}}]
      """
    #expect(
      Fixture.messages(v2).first?.contains(
        "spec.ingress[0].protocols[0].tcp.destinationPort.range: Start port must be less") == true)
  }

  @Test("a subject or peer with two fields, or none, is rejected")
  func exactlyOne() {
    let text = """
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: AdminNetworkPolicy
      metadata: {name: x}
      spec:
        priority: 1
        subject:
          namespaces: {}
          pods: {namespaceSelector: {}, podSelector: {}}
        ingress:
        - action: Deny
          from: [{}]
      """
    #expect(
      Fixture.messages(text) == [
        "bad.yaml:7:5: spec.subject: exactly one of \"namespaces\", \"pods\" may be set, found 2",
        "bad.yaml:11:12: spec.ingress[0].from[0]: exactly one of \"namespaces\", \"pods\" must be set",
      ])
  }

  @Test("v1alpha1 words are rejected in v1alpha2 and the other way round; BANP has no Pass")
  func actionWords() {
    let v1 = Self.anp + "  ingress:\n  - {action: Accept, from: [{namespaces: {}}]}\n"
    #expect(
      Fixture.messages(v1) == [
        "bad.yaml:8:14: spec.ingress[0].action: unsupported value \"Accept\": supported values: "
          + "\"Allow\", \"Deny\", \"Pass\""
      ])
    let banp = """
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: BaselineAdminNetworkPolicy
      metadata: {name: default}
      spec:
        subject: {namespaces: {}}
        egress:
        - {action: Pass, to: [{namespaces: {}}]}
      """
    #expect(
      Fixture.messages(banp) == [
        "bad.yaml:7:14: spec.egress[0].action: unsupported value \"Pass\": supported values: "
          + "\"Allow\", \"Deny\""
      ])
  }

  @Test("ingress peers have no networks; BaselineAdminNetworkPolicy egress has no domainNames")
  func peerFields() {
    let text =
      Self.anp + "  ingress:\n  - {action: Deny, from: [{networks: [10.0.0.0/8]}]}\n"
    #expect(
      Fixture.messages(text) == [
        "bad.yaml:8:27: spec.ingress[0].from[0]: exactly one of \"namespaces\", \"pods\" must be set",
        "bad.yaml:8:28: spec.ingress[0].from[0].networks: unknown field \"networks\"",
      ])
    let banp = """
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: BaselineAdminNetworkPolicy
      metadata: {name: default}
      spec:
        subject: {namespaces: {}}
        egress:
        - {action: Allow, to: [{domainNames: [example.com]}]}
      """
    #expect(
      Fixture.messages(banp).contains(
        "bad.yaml:7:27: spec.egress[0].to[0].domainNames: unknown field \"domainNames\""))
  }

  @Test("bad CIDRs and domain names, and more than 25 networks, are rejected")
  func networksAndNames() {
    let many = (0..<26).map { "10.0.\($0).0/24" }.joined(separator: ", ")
    let text =
      Self.anp + """
          egress:
          - action: Deny
            to:
            - networks: ["10.0.0.0/33"]
            - domainNames: ["*bad"]
            - networks: [\(many)]
        """
    let messages = Fixture.messages(text)
    #expect(
      messages == [
        "bad.yaml:10:18: spec.egress[0].to[0].networks[0]: invalid value \"10.0.0.0/33\": "
          + "Invalid CIDR format provided",
        "bad.yaml:11:21: spec.egress[0].to[1].domainNames[0]: invalid value \"*bad\": must be a "
          + "DNS name such as \"example.com\" or a wildcard such as \"*.example.com\"",
        "bad.yaml:12:7: spec.egress[0].to[2].networks: must have at most 25 entries, found 26",
      ])
  }

  @Test("a v1alpha2 protocol without a destination port is rejected, as minProperties 1 does")
  func emptyProtocol() {
    let text = """
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata: {name: x}
      spec:
        tier: Admin
        priority: 1
        subject: {namespaces: {}}
        egress:
        - {action: Deny, to: [{namespaces: {}}], protocols: [{tcp: {}}]}
      """
    #expect(
      Fixture.messages(text).first?.contains("protocols[0].tcp: missing required field") == true)
  }

  @Test("more than 25 rules in a ClusterNetworkPolicy are rejected")
  func ruleCap() {
    let rules = String(repeating: "  - {action: Deny, from: [{namespaces: {}}]}\n", count: 26)
    let text = """
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata: {name: x}
      spec:
        tier: Admin
        priority: 1
        subject: {namespaces: {}}
        ingress:

      """ + rules
    #expect(
      Fixture.messages(text) == ["bad.yaml:8:3: spec.ingress: must have at most 25 rules, found 26"]
    )
  }
}
