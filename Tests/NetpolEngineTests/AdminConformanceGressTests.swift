import NetpolEngine
import NetpolModel
import Testing

/// The AdminNetworkPolicy of kubernetes-sigs/network-policy-api v0.1.8,
/// conformance/base/admin_network_policy/standard-gress-rules-combined.yaml, in flow style.
private let gressRules = """
  apiVersion: policy.networking.k8s.io/v1alpha1
  kind: AdminNetworkPolicy
  metadata: {name: gress-rules}
  spec:
    priority: 15
    subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: network-policy-conformance-gryffindor}}}
    egress:
    - {name: allow-to-ravenclaw-everything, action: Allow, to: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: network-policy-conformance-ravenclaw}}}]}
    - {name: deny-to-ravenclaw-everything, action: Deny, to: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: network-policy-conformance-ravenclaw}}}]}
    - {name: pass-to-ravenclaw-everything, action: Pass, to: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: network-policy-conformance-ravenclaw}}}]}
    - name: deny-to-slytherin-at-ports-80-53-9003
      action: Deny
      to: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: network-policy-conformance-slytherin}}}]
      ports: [{portNumber: {protocol: TCP, port: 80}}, {portNumber: {protocol: UDP, port: 53}}, {portNumber: {protocol: SCTP, port: 9003}}]
    - name: pass-to-slytherin-at-port-80-53-9003
      action: Pass
      to: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: network-policy-conformance-slytherin}}}]
      ports: [{portNumber: {protocol: TCP, port: 80}}, {portNumber: {protocol: UDP, port: 53}}, {portNumber: {protocol: SCTP, port: 9003}}]
    - name: allow-to-hufflepuff-at-ports-8080-5353-9003
      action: Allow
      to: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: network-policy-conformance-hufflepuff}}}]
      ports: [{portNumber: {protocol: TCP, port: 8080}}, {portNumber: {protocol: UDP, port: 5353}}, {portNumber: {protocol: SCTP, port: 9003}}]
    - {name: deny-to-hufflepuff-everything-else, action: Deny, to: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: network-policy-conformance-hufflepuff}}}]}
    ingress:
    - {name: allow-from-ravenclaw-everything, action: Allow, from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: network-policy-conformance-ravenclaw}}}]}
    - {name: deny-from-ravenclaw-everything, action: Deny, from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: network-policy-conformance-ravenclaw}}}]}
    - {name: pass-from-ravenclaw-everything, action: Pass, from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: network-policy-conformance-ravenclaw}}}]}
    - name: deny-from-slytherin-at-port-80-53-9003
      action: Deny
      from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: network-policy-conformance-slytherin}}}]
      ports: [{portNumber: {protocol: TCP, port: 80}}, {portNumber: {protocol: UDP, port: 53}}, {portNumber: {protocol: SCTP, port: 9003}}]
    - name: pass-from-slytherin-at-port-80-53-9003
      action: Pass
      from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: network-policy-conformance-slytherin}}}]
      ports: [{portNumber: {protocol: TCP, port: 80}}, {portNumber: {protocol: UDP, port: 53}}, {portNumber: {protocol: SCTP, port: 9003}}]
    - name: allow-from-hufflepuff-at-port-80-5353-9003
      action: Allow
      from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: network-policy-conformance-hufflepuff}}}]
      ports: [{portNumber: {protocol: TCP, port: 80}}, {portNumber: {protocol: UDP, port: 5353}}, {portNumber: {protocol: SCTP, port: 9003}}]
    - {name: deny-from-hufflepuff-everything-else, action: Deny, from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: network-policy-conformance-hufflepuff}}}]}
  """

/// One PokeServer call of the upstream test: after `swaps` (the subtest's and every earlier
/// subtest's rule swaps, as the suite mutates the live object), `from` reaching `to`.
struct GressCase: CustomTestStringConvertible, Sendable {
  /// `file:line` in conformance/tests/admin-network-policy-standard-gress-rules.go (v0.1.8).
  var source: String
  var swaps: [(Int, Int)]
  var from: String
  var to: String
  var proto: FlowProtocol
  var port: Int
  var allowed: Bool

  var testDescription: String { "\(source): \(from) -> \(to) \(proto.rawValue)/\(port)" }
}

private let g = AdminFixture.gryffindor
private let h = AdminFixture.hufflepuff
private let r = AdminFixture.ravenclaw
private let s = AdminFixture.slytherin
private let deny: [(Int, Int)] = [(0, 1)]
private let pass: [(Int, Int)] = [(0, 1), (0, 2)]
private let passPorts: [(Int, Int)] = [(0, 1), (0, 2), (3, 4)]

private func c(
  _ line: Int, _ swaps: [(Int, Int)], _ from: String, _ to: String, _ proto: FlowProtocol,
  _ port: Int, _ allowed: Bool
) -> GressCase {
  GressCase(
    source: "admin-network-policy-standard-gress-rules.go:\(line)", swaps: swaps, from: from,
    to: to, proto: proto, port: port, allowed: allowed)
}

private let cases: [GressCase] = [
  // allow-gress across protocols
  c(61, [], "\(g)/harry-potter-0", "\(r)/luna-lovegood-0", .tcp, 80, true),
  c(64, [], "\(g)/harry-potter-1", "\(r)/luna-lovegood-0", .udp, 53, true),
  c(67, [], "\(g)/harry-potter-0", "\(r)/luna-lovegood-0", .sctp, 9003, true),
  c(78, [], "\(r)/luna-lovegood-0", "\(g)/harry-potter-0", .tcp, 80, true),
  c(81, [], "\(r)/luna-lovegood-1", "\(g)/harry-potter-0", .udp, 53, true),
  c(84, [], "\(r)/luna-lovegood-1", "\(g)/harry-potter-0", .sctp, 9003, true),
  // allow-gress at the specified ports
  c(100, [], "\(g)/harry-potter-0", "\(h)/cedric-diggory-1", .tcp, 8080, true),
  c(103, [], "\(g)/harry-potter-1", "\(h)/cedric-diggory-1", .tcp, 80, false),
  c(106, [], "\(g)/harry-potter-0", "\(h)/cedric-diggory-1", .udp, 5353, true),
  c(109, [], "\(g)/harry-potter-1", "\(h)/cedric-diggory-1", .udp, 53, false),
  c(112, [], "\(g)/harry-potter-0", "\(h)/cedric-diggory-1", .sctp, 9003, true),
  c(115, [], "\(g)/harry-potter-1", "\(h)/cedric-diggory-1", .sctp, 9005, false),
  c(126, [], "\(h)/cedric-diggory-0", "\(g)/harry-potter-1", .tcp, 80, true),
  c(129, [], "\(h)/cedric-diggory-1", "\(g)/harry-potter-1", .tcp, 8080, false),
  c(132, [], "\(h)/cedric-diggory-0", "\(g)/harry-potter-1", .udp, 5353, true),
  c(135, [], "\(h)/cedric-diggory-1", "\(g)/harry-potter-1", .udp, 53, false),
  c(138, [], "\(h)/cedric-diggory-0", "\(g)/harry-potter-1", .sctp, 9003, true),
  c(141, [], "\(h)/cedric-diggory-1", "\(g)/harry-potter-1", .sctp, 9005, false),
  // deny-gress: the Deny rules swapped in front of the Allow rules
  c(209, deny, "\(g)/harry-potter-0", "\(r)/luna-lovegood-1", .tcp, 80, false),
  c(212, deny, "\(g)/harry-potter-1", "\(r)/luna-lovegood-1", .udp, 53, false),
  c(215, deny, "\(g)/harry-potter-0", "\(r)/luna-lovegood-1", .sctp, 9003, false),
  c(229, deny, "\(r)/luna-lovegood-0", "\(g)/harry-potter-0", .tcp, 80, false),
  c(232, deny, "\(r)/luna-lovegood-1", "\(g)/harry-potter-0", .udp, 53, false),
  c(235, deny, "\(r)/luna-lovegood-1", "\(g)/harry-potter-0", .sctp, 9003, false),
  // deny-gress at the specified ports
  c(255, deny, "\(g)/harry-potter-0", "\(s)/draco-malfoy-0", .tcp, 80, false),
  c(260, deny, "\(g)/harry-potter-1", "\(s)/draco-malfoy-0", .tcp, 8080, true),
  c(265, deny, "\(g)/harry-potter-0", "\(s)/draco-malfoy-0", .udp, 53, false),
  c(270, deny, "\(g)/harry-potter-1", "\(s)/draco-malfoy-0", .udp, 5353, true),
  c(275, deny, "\(g)/harry-potter-0", "\(s)/draco-malfoy-0", .sctp, 9003, false),
  c(280, deny, "\(g)/harry-potter-1", "\(s)/draco-malfoy-0", .sctp, 9005, true),
  c(293, deny, "\(s)/draco-malfoy-0", "\(g)/harry-potter-1", .tcp, 80, false),
  c(298, deny, "\(s)/draco-malfoy-1", "\(g)/harry-potter-1", .tcp, 8080, true),
  c(303, deny, "\(s)/draco-malfoy-0", "\(g)/harry-potter-1", .udp, 53, false),
  c(308, deny, "\(s)/draco-malfoy-1", "\(g)/harry-potter-1", .udp, 5353, true),
  c(313, deny, "\(s)/draco-malfoy-0", "\(g)/harry-potter-1", .sctp, 9003, false),
  c(318, deny, "\(s)/draco-malfoy-1", "\(g)/harry-potter-1", .sctp, 9005, true),
  // pass-gress: the Pass rules first; no NetworkPolicy or baseline, so allowed
  c(354, pass, "\(g)/harry-potter-0", "\(r)/luna-lovegood-1", .tcp, 80, true),
  c(360, pass, "\(g)/harry-potter-0", "\(r)/luna-lovegood-1", .udp, 5353, true),
  c(366, pass, "\(g)/harry-potter-0", "\(r)/luna-lovegood-1", .sctp, 9003, true),
  c(380, pass, "\(r)/luna-lovegood-0", "\(g)/harry-potter-0", .tcp, 80, true),
  c(384, pass, "\(r)/luna-lovegood-1", "\(g)/harry-potter-0", .udp, 53, true),
  c(388, pass, "\(r)/luna-lovegood-1", "\(g)/harry-potter-0", .sctp, 9003, true),
  // pass-gress at the specified ports
  c(423, passPorts, "\(g)/harry-potter-0", "\(s)/draco-malfoy-0", .tcp, 80, true),
  c(428, passPorts, "\(g)/harry-potter-1", "\(s)/draco-malfoy-0", .tcp, 8080, true),
  c(433, passPorts, "\(g)/harry-potter-0", "\(s)/draco-malfoy-0", .udp, 53, true),
  c(438, passPorts, "\(g)/harry-potter-1", "\(s)/draco-malfoy-0", .udp, 5353, true),
]

@Suite(
  "Upstream conformance: an AdminNetworkPolicy's rules decide in list order in both directions")
struct AdminConformanceGressTests {
  static func policy(swaps: [(Int, Int)], v1alpha2: Bool) -> [PolicyResource] {
    var resource = AdminFixture.policies(gressRules)[0]
    guard case .admin(var policy) = resource else { return [] }
    for (a, b) in swaps {
      policy.egress?.swapAt(a, b)
      policy.ingress?.swapAt(a, b)
    }
    resource = .admin(policy)
    return [v1alpha2 ? AdminFixture.asClusterNetworkPolicy(resource, tier: .admin) : resource]
  }

  @Test("v1alpha1 AdminNetworkPolicy", arguments: cases)
  func v1alpha1(_ flow: GressCase) {
    let policies = Self.policy(swaps: flow.swaps, v1alpha2: false)
    #expect(
      AdminFixture.allowed(policies, from: flow.from, to: flow.to, flow.proto, flow.port)
        == flow.allowed)
  }

  @Test("the same policy as a v1alpha2 ClusterNetworkPolicy in the Admin tier", arguments: cases)
  func v1alpha2(_ flow: GressCase) {
    let policies = Self.policy(swaps: flow.swaps, v1alpha2: true)
    #expect(
      AdminFixture.allowed(policies, from: flow.from, to: flow.to, flow.proto, flow.port)
        == flow.allowed)
  }
}
