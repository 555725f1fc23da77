import NetpolModel

/// NP006: a policy or peer selector that matches no pod of the inventory.
public struct SelectorMatchesNothingRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP006's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP006", name: "selector-matches-nothing", severity: .warning,
    summary: "A policy's pod selector, or a peer selector, matches no pod of the inventory.",
    rationale: """
      A policy whose subject selects no pod has no effect; a peer that matches no pod allows \
      nothing. Both usually mean a typo in a label or a namespace (for example, the client \
      lacks `app=client`). Reported only with an inventory (`--cluster`).
      """,
    needsInventory: true,
    triggeringExamples: [
      LintExample(
        """
        # no pod carries app=client yet
        namespaces: [{name: demo}]
        pods:
        - {namespace: demo, name: server, labels: {app: server}}
        - {namespace: demo, name: client}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: demo-policy, namespace: demo}
        spec:
          podSelector: {matchLabels: {app: server}}
          ingress:
          - from:
            - ↓podSelector: {matchLabels: {app: client}}
            ports: [{protocol: TCP, port: 80}]
        """),
      LintExample(
        """
        pods:
        - {namespace: demo, name: server, labels: {app: server}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: typo, namespace: demo}
        spec:
          ↓podSelector: {matchLabels: {app: sever}}
          policyTypes: [Ingress]
        """),
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        pods:
        - {namespace: demo, name: server, labels: {app: server}}
        - {namespace: demo, name: client, labels: {app: client}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: demo-policy, namespace: demo}
        spec:
          podSelector: {matchLabels: {app: server}}
          ingress:
          - from: [{podSelector: {matchLabels: {app: client}}}]
        """),
      LintExample(
        """
        # without an inventory nothing can be said
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: typo, namespace: demo}
        spec:
          podSelector: {matchLabels: {app: sever}}
        """),
    ])

  /// Reports subjects and peers that match no pod.
  public func check(_ context: LintContext) -> [LintFinding] {
    guard let inventory = context.inventory, !inventory.pods.isEmpty else { return [] }
    var findings: [LintFinding] = []
    for subject in context.subjects {
      guard let selector = subject.selector else { continue }
      let scope = subject.namespace.map { " in namespace \($0)" } ?? ""
      if context.pods(selectedBy: subject).isEmpty {
        let field =
          subject.networkPolicy != nil ? "spec.podSelector" : "\(subject.path).endpointSelector"
        findings.append(
          finding(
            subject.policy, field,
            message: "the policy selects no pod: no pod\(scope) matches "
              + LintText.selector(selector),
            explanation: Self.description.rationale,
            fix:
              "correct the selector, or label the pods it is meant for (shell: label NS/POD KEY=VALUE)"
          ))
      }
      findings += peerFindings(subject, context: context)
    }
    return findings
  }

  /// Peers of a subject that match no pod.
  private func peerFindings(_ subject: LintSubject, context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    func report(_ path: String, _ described: String) {
      findings.append(
        finding(
          subject.policy, path,
          message: "peer \(described) matches no pod, so this peer allows nothing",
          explanation: Self.description.rationale,
          fix:
            "correct the selector, or label the pods it is meant for (shell: label NS/POD KEY=VALUE)"
        ))
    }
    if let policy = subject.networkPolicy {
      let namespace = subject.namespace ?? "default"
      for site in NetworkPolicyRuleSite.all(in: policy.spec) {
        for (index, peer) in (site.rule.peers ?? []).enumerated() where peer.ipBlock == nil {
          guard peer.podSelector != nil || peer.namespaceSelector != nil else { continue }
          let pods = context.pods(
            podSelector: peer.podSelector, namespaceSelector: peer.namespaceSelector,
            policyNamespace: namespace)
          if pods.isEmpty {
            var parts: [String] = []
            if let selector = peer.namespaceSelector {
              parts.append("namespaceSelector \(LintText.selector(selector))")
            }
            if let selector = peer.podSelector {
              parts.append("podSelector \(LintText.selector(selector))")
            }
            report("\(site.path).\(site.peerKey)[\(index)]", parts.joined(separator: " + "))
          }
        }
      }
    }
    if let rule = subject.ciliumRule {
      for site in CiliumEntrySite.all(in: rule, at: subject.path, deny: false) {
        let peerField = "\(site.peerKey)Endpoints"
        for (index, selector) in (site.rule.endpoints ?? []).enumerated()
        where context.pods(endpoints: selector, policyNamespace: subject.namespace).isEmpty {
          report(
            "\(site.path).\(peerField)[\(index)]",
            "\(peerField) \(LintText.selector(IdentityLabels.normalize(selector)))")
        }
      }
    }
    return findings
  }
}
