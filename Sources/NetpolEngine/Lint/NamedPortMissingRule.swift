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
      A named port resolves against the container ports of the destination pod: the selected \
      pods for ingress, the peer pods for egress (semantics.md §1.2 "named port", §2.7). When \
      none of them has a port of that name, the rule matches no traffic. Reported only with an \
      inventory (`--cluster`).
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
      for (field, rules) in [("ingress", policy.spec.ingress), ("egress", policy.spec.egress)] {
        for (ruleIndex, rule) in (rules ?? []).enumerated() {
          var targets = selected
          if field == "egress" {
            let peers = rule.peers ?? []
            targets =
              peers.isEmpty
              ? all
              : peers.flatMap {
                context.pods(
                  podSelector: $0.podSelector, namespaceSelector: $0.namespaceSelector,
                  policyNamespace: namespace)
              }
          }
          for (index, port) in (rule.ports ?? []).enumerated() {
            if case .name(let name) = port.port {
              result.append(("spec.\(field)[\(ruleIndex)].ports[\(index)].port", name, targets))
            }
          }
        }
      }
    }
    if let rule = subject.ciliumRule {
      for (field, entries) in [("ingress", rule.ingress), ("egress", rule.egress)] {
        for (entryIndex, entry) in (entries ?? []).enumerated() {
          var targets = selected
          if field == "egress" {
            guard let endpoints = entry.endpoints else { continue }
            targets = endpoints.flatMap {
              context.pods(endpoints: $0, policyNamespace: subject.namespace)
            }
          }
          for (ruleIndex, portRule) in (entry.toPorts ?? []).enumerated() {
            for (index, port) in (portRule.ports ?? []).enumerated() where Int(port.port) == nil {
              result.append(
                (
                  "\(subject.path).\(field)[\(entryIndex)].toPorts[\(ruleIndex)].ports[\(index)].port",
                  port.port, targets
                ))
            }
          }
        }
      }
    }
    return result
  }
}
