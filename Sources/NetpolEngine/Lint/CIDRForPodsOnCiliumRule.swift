import NetpolModel

/// NP009: ipBlock / CIDR rules meant for pods on a Cilium dataplane, where they never match pod
/// IPs.
public struct CIDRForPodsOnCiliumRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP009's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP009", name: "cidr-for-pods-on-cilium", severity: .warning,
    summary:
      "An ipBlock or CIDR rule covering pod IPs on Cilium, where CIDR rules never match pods.",
    rationale: """
      Cilium applies CIDR rules only to peers it cannot map to a label identity: never to pod IPs \
      and, by default, not to node IPs (see Cilium peer kinds and Kubernetes policies on Cilium in \
      docs/semantics.md; AKS: Azure CNI Powered by Cilium limitations). An ipBlock or toCIDR meant \
      to allow pods therefore allows nothing on cilium, azure-cilium and azure-cilium-acns; use \
      pod or namespace selectors (or `toEntities: [cluster]`). With an inventory the covered pods \
      are named; without one a private range is only reported as info.
      """,
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
        """, dataplane: .cilium)
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        pods:
        - {namespace: demo, name: web, labels: {app: web}, ip: 10.244.0.5}
        ---
        # an external range: fine everywhere
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: to-partner, namespace: demo}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
          - to: [{ipBlock: {cidr: 203.0.113.0/24}}]
        """, dataplane: .cilium),
      LintExample(
        """
        pods:
        - {namespace: demo, name: web, labels: {app: web}, ip: 10.244.0.5}
        ---
        # on kubernetes an ipBlock does match pod IPs (NP010 discusses it)
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-from-pods, namespace: demo}
        spec:
          podSelector: {}
          ingress:
          - from: [{ipBlock: {cidr: 10.244.0.0/16}}]
        """, dataplane: .kubernetes),
    ])

  /// Reports CIDR peers that cover pods (or private ranges) on Cilium dataplanes.
  public func check(_ context: LintContext) -> [LintFinding] {
    guard context.dataplane.isCilium else { return [] }
    var findings: [LintFinding] = []
    for peer in CIDRPeer.all(in: context) where !peer.isEverything {
      let fix =
        "select the pods by label instead, e.g.\n- podSelector: {matchLabels: {app: NAME}}\n"
        + "(Cilium: toEndpoints / toEntities: [cluster])"
      if let pods = context.inventory?.pods, !pods.isEmpty {
        let covered = peer.coveredPodIDs(pods)
        guard !covered.isEmpty else { continue }
        findings.append(
          finding(
            peer.subject.policy, peer.path,
            message: "\(peer.text) covers pod IPs (\(LintText.list(covered))), but on "
              + "\(context.dataplane.rawValue) CIDR rules never match pods",
            explanation: Self.description.rationale, fix: fix))
      } else if peer.isPrivate {
        findings.append(
          finding(
            peer.subject.policy, peer.path, severity: .info,
            message: "\(peer.text) is a private range; if it is meant for pods, note that on "
              + "\(context.dataplane.rawValue) CIDR rules never match pod IPs",
            explanation: Self.description.rationale, fix: fix))
      }
    }
    return findings
  }
}
