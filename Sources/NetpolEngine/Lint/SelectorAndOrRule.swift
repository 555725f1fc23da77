import NetpolModel

/// NP008: namespaceSelector and podSelector as two peers (OR) where one peer (AND) was likely
/// meant, and the reverse.
public struct SelectorAndOrRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP008's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP008", name: "selector-and-or", severity: .warning,
    summary:
      "namespaceSelector and podSelector as two peers (OR) where one peer (AND) was likely meant, or the reverse.",
    rationale: """
      In one peer, `namespaceSelector` and `podSelector` are ANDed: the selected pods within the \
      selected namespaces. As two list items (`- namespaceSelector` / `- podSelector`) they are \
      ORed: every pod of those namespaces, plus the selected pods of the policy's own namespace \
      (see Rules, peers and ports in docs/semantics.md; Kubernetes docs, "Behavior of to and from \
      selectors"). One dash decides between the two. With an inventory, a combined peer that \
      matches no pod while each half does is reported too (the reverse mistake).
      """,
    triggeringExamples: [
      LintExample(
        """
        # two peers: ALL pods of kube-system, OR kube-dns pods of namespace demo
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: dns, namespace: demo}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
          - to:
            - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
            - ↓podSelector: {matchLabels: {k8s-app: kube-dns}}
            ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
        """),
      LintExample(
        """
        # one combined peer matches nothing, though each half matches pods
        namespaces: [{name: demo}, {name: monitoring, labels: {team: ops}}]
        pods:
        - {namespace: demo, name: web, labels: {app: web}}
        - {namespace: demo, name: agent, labels: {app: agent}}
        - {namespace: monitoring, name: prometheus, labels: {app: prometheus}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: demo}
        spec:
          podSelector: {matchLabels: {app: web}}
          ingress:
          - from:
            - ↓namespaceSelector: {matchLabels: {team: ops}}
              podSelector: {matchLabels: {app: agent}}
        """),
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        # one peer: kube-dns pods within kube-system
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: dns, namespace: demo}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
          - to:
            - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
              podSelector: {matchLabels: {k8s-app: kube-dns}}
            ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
        """)
    ])

  /// Reports both shapes of the confusion.
  public func check(_ context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    for subject in context.subjects {
      guard let policy = subject.networkPolicy else { continue }
      let namespace = subject.namespace ?? "default"
      for site in NetworkPolicyRuleSite.all(in: policy.spec) {
        let peerField = site.peerKey
        let peers = site.rule.peers ?? []
        let base = "\(site.path).\(peerField)"
        let namespaceOnly = peers.indices.filter {
          peers[$0].namespaceSelector.map { !$0.isEmpty } == true && peers[$0].podSelector == nil
        }
        let podOnly = peers.indices.filter {
          peers[$0].podSelector != nil && peers[$0].namespaceSelector == nil
            && peers[$0].ipBlock == nil
        }
        if let first = namespaceOnly.first, let second = podOnly.first {
          let namespaceText = LintText.selector(peers[first].namespaceSelector ?? .everything)
          let podText = LintText.selector(peers[second].podSelector ?? .everything)
          findings.append(
            finding(
              subject.policy, "\(base)[\(max(first, second))]",
              message: "\(peerField)[\(first)] and \(peerField)[\(second)] are two peers (OR): "
                + "every pod of namespaces \(namespaceText), or pods \(podText) of namespace "
                + "\(namespace); one peer (AND) was likely meant",
              explanation: Self.description.rationale,
              fix: "merge them into one list item (drop the second dash):\n\(peerField):\n"
                + "- namespaceSelector: {matchLabels: ...}\n  podSelector: {matchLabels: ...}"))
        }
        guard context.inventory != nil else { continue }
        for (index, peer) in peers.enumerated() {
          guard let namespaceSelector = peer.namespaceSelector, !namespaceSelector.isEmpty,
            let podSelector = peer.podSelector, !podSelector.isEmpty
          else { continue }
          let both = context.pods(
            podSelector: podSelector, namespaceSelector: namespaceSelector,
            policyNamespace: namespace)
          let namespacePods = context.pods(
            podSelector: nil, namespaceSelector: namespaceSelector, policyNamespace: namespace)
          let localPods = context.pods(
            podSelector: podSelector, namespaceSelector: nil, policyNamespace: namespace)
          guard both.isEmpty, !namespacePods.isEmpty, !localPods.isEmpty else { continue }
          findings.append(
            finding(
              subject.policy, "\(base)[\(index)]",
              message: "this one peer (AND) matches no pod, but its namespaceSelector alone "
                + "matches \(LintText.list(namespacePods.map(\.id))) and its podSelector alone "
                + "matches \(LintText.list(localPods.map(\.id))); two peers (OR) may have been meant",
              explanation: Self.description.rationale,
              fix: "if either side should be allowed, make them two list items:\n\(peerField):\n"
                + "- namespaceSelector: {matchLabels: ...}\n- podSelector: {matchLabels: ...}"))
        }
      }
    }
    return findings
  }
}
