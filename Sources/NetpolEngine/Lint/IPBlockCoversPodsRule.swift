import NetpolModel

/// NP010: a NetworkPolicy ipBlock covering pod IPs on a dataplane where that is
/// implementation-defined.
public struct IPBlockCoversPodsRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP010's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP010", name: "ipblock-covers-pod-cidr", severity: .warning,
    summary:
      "A NetworkPolicy ipBlock that covers pod IPs (ipBlock is meant for cluster-external addresses).",
    rationale: """
      Kubernetes says ipBlock "should be cluster-external IPs": whether it matches pod traffic is \
      up to the plugin (Azure NPM and Calico match it, Cilium never does), pod IPs change on every \
      restart, and SNAT/DNAT may happen before or after policy (see Rules, peers and ports and \
      Feature support by dataplane in docs/semantics.md). A range that covers pods works on one \
      dataplane and silently not on another. `0.0.0.0/0` is reported as info only.
      """,
    needsInventory: true,
    triggeringExamples: [
      LintExample(
        """
        pods:
        - {namespace: demo, name: web, labels: {app: web}, ip: 10.244.0.5}
        - {namespace: demo, name: db, labels: {app: db}, ip: 10.244.1.7}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-from-pods, namespace: demo}
        spec:
          podSelector: {matchLabels: {app: db}}
          ingress:
          - from:
            - ↓ipBlock: {cidr: 10.244.0.0/16}
        """, dataplane: .azureNPM)
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        pods:
        - {namespace: demo, name: web, labels: {app: web}, ip: 10.244.0.5}
        ---
        # the pod range is excepted
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: internet, namespace: demo}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
          - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.244.0.0/16]}}]
        """, dataplane: .kubernetes)
    ])

  /// Reports ipBlocks covering pods on non-Cilium dataplanes.
  public func check(_ context: LintContext) -> [LintFinding] {
    guard !context.dataplane.isCilium, let pods = context.inventory?.pods, !pods.isEmpty else {
      return []
    }
    var findings: [LintFinding] = []
    for peer in CIDRPeer.all(in: context) where peer.isIPBlock {
      let covered = peer.coveredPodIDs(pods)
      guard !covered.isEmpty else { continue }
      findings.append(
        finding(
          peer.subject.policy, peer.path, severity: peer.isEverything ? .info : .warning,
          message: "ipBlock \(peer.text) covers pod IPs (\(LintText.list(covered))); whether "
            + "it matches pod traffic depends on the dataplane (Cilium: never)",
          explanation: Self.description.rationale,
          fix: peer.isEverything
            ? "add the pod CIDR to except if only external addresses are meant:\n"
              + "ipBlock: {cidr: \(peer.text), except: [POD-CIDR]}"
            : "select the pods by label instead:\n- podSelector: {matchLabels: {app: NAME}}"))
    }
    return findings
  }
}
