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
      nothing. Both usually mean a typo in a label or a namespace (scenarios.md S1: the client \
      lacks `app=client`). Reported only with an inventory (`--cluster`).
      """,
    needsInventory: true,
    triggeringExamples: [
      LintExample(
        """
        # scenarios.md S1: no pod carries app=client yet
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
      for (field, peerField, rules) in [
        ("ingress", "from", policy.spec.ingress), ("egress", "to", policy.spec.egress),
      ] {
        for (ruleIndex, rule) in (rules ?? []).enumerated() {
          for (index, peer) in (rule.peers ?? []).enumerated() where peer.ipBlock == nil {
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
              report(
                "spec.\(field)[\(ruleIndex)].\(peerField)[\(index)]",
                parts.joined(separator: " + "))
            }
          }
        }
      }
    }
    if let rule = subject.ciliumRule {
      for (field, peerField, entries) in [
        ("ingress", "fromEndpoints", rule.ingress), ("egress", "toEndpoints", rule.egress),
      ] {
        for (entryIndex, entry) in (entries ?? []).enumerated() {
          for (index, selector) in (entry.endpoints ?? []).enumerated()
          where context.pods(endpoints: selector, policyNamespace: subject.namespace).isEmpty {
            report(
              "\(subject.path).\(field)[\(entryIndex)].\(peerField)[\(index)]",
              "\(peerField) \(LintText.selector(IdentityLabels.normalize(selector)))")
          }
        }
      }
    }
    return findings
  }
}
