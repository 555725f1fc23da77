import NetpolModel

/// NP007: a named port that no pod on the receiving side declares.
public struct NamedPortMissingRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP007's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP007", name: "named-port-missing", severity: .warning,
    summary: "A named port that none of the pods it applies to declares.",
    rationale: """
      A named port resolves against the container ports of the destination pod: the selected pods \
      for ingress, the peer pods for egress (see Rules, peers and ports and Cilium ports and ICMP \
      in docs/semantics.md). When none of them has a port of that name, the rule matches no \
      traffic. Reported only with an inventory (`--cluster`).
      """,
    needsInventory: true,
    triggeringExamples: [
      LintExample(
        """
        pods:
        - {namespace: demo, name: server, labels: {app: server}, ports: [{name: http, port: 80}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: demo}
        spec:
          podSelector: {matchLabels: {app: server}}
          ingress:
          - ports:
            - {protocol: TCP, port: ↓https}
        """)
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        pods:
        - {namespace: demo, name: server, labels: {app: server}, ports: [{name: http, port: 80}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: demo}
        spec:
          podSelector: {matchLabels: {app: server}}
          ingress:
          - ports: [{protocol: TCP, port: http}]
        """)
    ])

  /// Reports named ports missing on every pod they resolve against.
  public func check(_ context: LintContext) -> [LintFinding] {
    guard let inventory = context.inventory, !inventory.pods.isEmpty else { return [] }
    var findings: [LintFinding] = []
    for subject in context.subjects {
      let selected = context.pods(selectedBy: subject)
      guard !selected.isEmpty else { continue }
      for (path, name, candidates) in namedPorts(subject, selected: selected, context: context)
      where !candidates.isEmpty && LintContext.pods(candidates, withPortNamed: name).isEmpty {
        findings.append(
          finding(
            subject.policy, path,
            message:
              "named port \(name) is declared by none of \(LintText.list(candidates.map(\.id)))",
            explanation: Self.description.rationale,
            fix: "use the port number, or the name the pods declare (`cluster` lists them)"))
      }
    }
    return findings
  }

  /// Each named port with its path and the pods it resolves against.
  private func namedPorts(_ subject: LintSubject, selected: [Pod], context: LintContext)
    -> [(String, String, [Pod])]
  {
    var result: [(String, String, [Pod])] = []
    let all = context.inventory?.pods ?? []
    if let policy = subject.networkPolicy {
      let namespace = subject.namespace ?? "default"
      for site in NetworkPolicyRuleSite.all(in: policy.spec) {
        var targets = selected
        if site.isEgress {
          let peers = site.rule.peers ?? []
          targets =
            peers.isEmpty
            ? all
            : peers.flatMap {
              context.pods(
                podSelector: $0.podSelector, namespaceSelector: $0.namespaceSelector,
                policyNamespace: namespace)
            }
        }
        for (index, port) in (site.rule.ports ?? []).enumerated() {
          if case .name(let name) = port.port {
            result.append(("\(site.path).ports[\(index)].port", name, targets))
          }
        }
      }
    }
    if let rule = subject.ciliumRule {
      for site in CiliumEntrySite.all(in: rule, at: subject.path, deny: false) {
        var targets = selected
        if site.isEgress {
          guard let endpoints = site.rule.endpoints else { continue }
          targets = endpoints.flatMap {
            context.pods(endpoints: $0, policyNamespace: subject.namespace)
          }
        }
        for (ruleIndex, portRule) in (site.rule.toPorts ?? []).enumerated() {
          for (index, port) in (portRule.ports ?? []).enumerated() where Int(port.port) == nil {
            result.append(
              ("\(site.path).toPorts[\(ruleIndex)].ports[\(index)].port", port.port, targets))
          }
        }
      }
    }
    return result
  }
}
