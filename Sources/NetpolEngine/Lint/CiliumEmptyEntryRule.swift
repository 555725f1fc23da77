import NetpolModel

/// NP002: a CiliumNetworkPolicy entry `{}` written as "allow all".
public struct CiliumEmptyEntryRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP002's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP002", name: "cilium-empty-entry", severity: .error,
    summary: "CNP `egress: [{}]` / `ingress: [{}]` allows nothing (it only turns on default-deny).",
    rationale: """
      In a Kubernetes NetworkPolicy `egress: [{}]` allows all egress; in a Cilium policy an \
      entry without any peer or port selects no peer, so it allows nothing and only switches \
      the direction to default-deny: the "allow all egress" policy denies all egress \
      (see Empty Cilium entries in docs/semantics.md). Cilium's own default-deny examples use this \
      form on purpose, so a policy whose name says deny is only told about it (info).
      """,
    triggeringExamples: [
      LintExample(
        """
        # a common "allow all egress" example
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: allow-all-egress, namespace: demo}
        spec:
          endpointSelector: {}
          egress:
          - ↓{}
        """),
      LintExample(
        """
        apiVersion: cilium.io/v2
        kind: CiliumClusterwideNetworkPolicy
        metadata: {name: open-ingress}
        spec:
          endpointSelector: {}
          ingress:
          - ↓{}
        """),
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        # the right Cilium form of "allow all egress"
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: allow-all-egress, namespace: demo}
        spec:
          endpointSelector: {}
          egress:
          - toEntities: [all]
        """),
      LintExample(
        """
        # in a NetworkPolicy `egress: [{}]` does allow all egress
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-all-egress, namespace: demo}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
          - {}
        """),
    ])

  /// Reports every empty entry of a Cilium allow list.
  public func check(_ context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    for subject in context.subjects {
      guard let rule = subject.ciliumRule else { continue }
      let name = subject.policy.resource.metadata.name.lowercased()
      let meansDeny =
        name.contains("deny") || (rule.description ?? "").lowercased().contains("deny")
      for site in CiliumEntrySite.all(in: rule, at: subject.path, deny: false)
      where isEmpty(site.rule) {
        let field = site.field
        let path = site.path
        let peer = "\(site.peerKey)Entities"
        if meansDeny {
          findings.append(
            finding(
              subject.policy, path, severity: .info,
              message:
                "`\(field): [{}]` allows nothing; it only turns on \(field) default-deny (the "
                + "Cilium default-deny idiom)",
              explanation:
                "An empty Cilium entry selects no peer (see Empty Cilium entries in docs/semantics.md). That is what a "
                + "default-deny policy wants, but readers who know NetworkPolicy read it as "
                + "allow-all; a comment or the default-deny recipe makes the intent explicit.",
              fix: "keep it, or apply recipe default-deny-\(field) with --kind cnp"))
          continue
        }
        findings.append(
          finding(
            subject.policy, path,
            message:
              "`\(field): [{}]` in a \(subject.policy.resource.kind) allows NO \(field): "
              + "it only turns on \(field) default-deny",
            explanation:
              "In a NetworkPolicy an empty rule allows everything, but in a Cilium policy an "
              + "entry without peers or ports selects no peer: the selected pods lose all "
              + "\(field) traffic that no other policy allows (see Empty Cilium entries in docs/semantics.md). "
              + "Allow-all in Cilium form names the `all` entity.",
            fix:
              "apply recipe allow-all-\(field) with --kind cnp, or write:\n\(field):\n"
              + "- \(peer): [all]"))
      }
    }
    return findings
  }

  /// Whether an entry has no peer, port or ICMP field at all.
  private func isEmpty(_ entry: CiliumRuleEntry) -> Bool {
    entry.l3Kinds.isEmpty && entry.toPorts == nil && entry.icmps == nil
  }
}
