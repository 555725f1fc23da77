import Foundation
import NetpolModel

/// NP004: `toFQDNs` whose names no `rules.dns` rule of the same pods covers.
public struct FQDNWithoutDNSRuleRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP004's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP004", name: "fqdn-without-dns-proxy", severity: .error,
    summary:
      "`toFQDNs` without a `rules.dns` rule covering its names (or DNS allowed only at L3/L4).",
    rationale: """
      `toFQDNs` learns addresses only from DNS answers that Cilium's DNS proxy sees, and the proxy \
      only sees lookups allowed by an egress rule carrying `rules.dns` whose patterns match the \
      name (see DNS rules and toFQDNs in docs/semantics.md). Without such a rule the lookup is \
      dropped (no DNS allow), passes unseen (DNS allowed at L3/L4 only: names resolve but \
      connections are dropped) or is REFUSED (patterns do not match the name) — in every case the \
      policy denies what it was written to allow.
      """,
    triggeringExamples: [
      LintExample(
        """
        # toFQDNs alone: the lookup itself is denied by the egress isolation it causes
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: allow-example, namespace: demo}
        spec:
          endpointSelector: {matchLabels: {app: client}}
          egress:
          - ↓toFQDNs: [{matchName: example.com}]
            toPorts: [{ports: [{port: "443", protocol: TCP}]}]
        """),
      LintExample(
        """
        # DNS allowed at L3/L4 only: names resolve, but toFQDNs learns nothing
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: allow-example, namespace: demo}
        spec:
          endpointSelector: {}
          egress:
          - toEndpoints:
            - matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}
            toPorts: [{ports: [{port: "53", protocol: ANY}]}]
          - ↓toFQDNs: [{matchName: example.com}]
        """),
      LintExample(
        """
        # the DNS rule answers *.internal only: example.com is REFUSED
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: allow-example, namespace: demo}
        spec:
          endpointSelector: {}
          egress:
          - toEndpoints:
            - matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}
            toPorts:
            - ports: [{port: "53", protocol: ANY}]
              rules: {dns: [{matchPattern: "*.internal"}]}
          - toFQDNs: [↓{matchName: example.com}]
        """),
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        # a namespace-wide DNS proxy rule, then the FQDN policy
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: allow-dns, namespace: demo}
        spec:
          endpointSelector: {}
          egress:
          - toEndpoints:
            - matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}
            toPorts:
            - ports: [{port: "53", protocol: ANY}]
              rules: {dns: [{matchPattern: "*"}]}
        ---
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: allow-egress-to-specific-domain, namespace: demo}
        spec:
          endpointSelector: {matchLabels: {app: client}}
          egress:
          - toFQDNs: [{matchName: google.com}, {matchPattern: "*.google.com"}]
            toPorts: [{ports: [{port: "443", protocol: TCP}]}]
        """)
    ])

  /// Reports FQDN selectors whose lookups the DNS proxy never answers.
  public func check(_ context: LintContext) -> [LintFinding] {
    let subjects = context.subjects.filter { context.isEnforced($0.policy) }
    var findings: [LintFinding] = []
    for subject in subjects {
      guard let rule = subject.ciliumRule else { continue }
      // NetworkPolicies count too: Cilium merges them with its own rules (see Kubernetes
      // policies on Cilium in docs/semantics.md).
      let related = subjects.filter {
        ($0.ciliumRule != nil || $0.networkPolicy != nil) && LintContext.isSameOrCovers($0, subject)
      }
      let allowances = related.flatMap(DNSAccess.allowances(of:)).filter(\.reachesDNSPods)
      let proxied = allowances.filter { !$0.dnsSelectors.isEmpty }
      let patterns = proxied.flatMap(\.dnsSelectors).map {
        FQDNPattern($0, doubleStarSpansLabels: context.profile.doubleStarSpansLabels)
      }
      for (entryIndex, entry) in (rule.egress ?? []).enumerated() {
        guard let fqdns = entry.fqdns, !fqdns.isEmpty else { continue }
        let entryPath = "\(subject.path).egress[\(entryIndex)]"
        if proxied.isEmpty {
          let l4Only = !allowances.isEmpty
          findings.append(
            finding(
              subject.policy, "\(entryPath).toFQDNs",
              message: l4Only
                ? "toFQDNs learns nothing: DNS is allowed at L3/L4 only (no rules.dns), so "
                  + "names resolve but connections to them are dropped"
                : "toFQDNs without any DNS allow: the lookups are dropped, so the names never "
                  + "resolve",
              explanation: Self.description.rationale,
              fix: "apply recipe allow-dns with --kind cnp (it carries rules.dns), or add:\n"
                + DNSAccess.ciliumSnippet))
          continue
        }
        // An L4-only allow next to a rules.dns rule adds a wildcard DNS rule (see Cilium L7
        // rules in docs/semantics.md): the proxy answers every name.
        if allowances.contains(where: { $0.dnsSelectors.isEmpty }) { continue }
        for (index, selector) in fqdns.enumerated() {
          let sample = sampleName(selector)
          guard !patterns.contains(where: { $0.matches(sample) }) else { continue }
          let written = FQDNPattern(selector).written
          findings.append(
            finding(
              subject.policy, "\(entryPath).toFQDNs[\(index)]",
              message: "no rules.dns pattern matches \(written): the DNS proxy answers its "
                + "lookups with REFUSED",
              explanation: Self.description.rationale,
              fix: "add the name to the DNS rule's patterns (or use matchPattern \"*\"):\n"
                + "rules:\n  dns:\n  - \(written)"))
        }
      }
    }
    return findings
  }

  /// A concrete name a selector matches: the name itself, or the pattern with `*` as `a`.
  private func sampleName(_ selector: FQDNSelector) -> String {
    if let name = selector.matchName { return name }
    let pattern = selector.matchPattern ?? ""
    if pattern == "*" || pattern == "**" { return "a.example" }
    return pattern.replacingOccurrences(of: "**", with: "a").replacingOccurrences(
      of: "*", with: "a")
  }
}
