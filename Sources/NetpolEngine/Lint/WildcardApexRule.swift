import NetpolModel

/// NP003: `*.example.com` where `example.com` itself is contacted or listed.
public struct WildcardApexRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP003's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP003", name: "wildcard-misses-apex", severity: .error,
    summary: "`matchPattern: \"*.example.com\"` does not match `example.com` itself.",
    rationale: """
      In Cilium a `*` matches characters of one label, so `*.example.com` needs one label before \
      example.com and never matches the apex name (see DNS rules and toFQDNs in \
      docs/semantics.md). When the apex is in the inventory's external names or named in another \
      rule, the author evidently meant to reach it, and connections to it are dropped (for example \
      github.com with `*.github.com`). Otherwise the rule only informs.
      """,
    triggeringExamples: [
      LintExample(
        """
        external:
        - {fqdn: github.com, ips: [20.200.245.247]}
        - {fqdn: api.github.com, ips: [20.200.245.245]}
        ---
        # github.com is contacted but only *.github.com is allowed
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: allow-egress-to-specific-domain, namespace: demo}
        spec:
          endpointSelector: {matchLabels: {app: client}}
          egress:
          - toFQDNs:
            - matchName: google.com
            - ↓matchPattern: "*.github.com"
            toPorts:
            - ports: [{port: "443", protocol: TCP}]
        """),
      LintExample(
        """
        # the apex is named in another rule (a DNS rule), so it is evidently wanted
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: fqdn, namespace: demo}
        spec:
          endpointSelector: {}
          egress:
          - toEndpoints:
            - matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}
            toPorts:
            - ports: [{port: "53", protocol: ANY}]
              rules: {dns: [{matchName: example.com}, {matchPattern: "*.example.com"}]}
          - toFQDNs:
            - ↓matchPattern: "*.example.com"
        """),
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        external:
        - {fqdn: google.com, ips: [142.250.207.110]}
        ---
        # google.com is covered by its own matchName
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: allow-google, namespace: demo}
        spec:
          endpointSelector: {}
          egress:
          - toFQDNs:
            - matchName: google.com
            - matchPattern: "*.google.com"
        """)
    ])

  /// Reports `*.` / `**.` patterns whose apex is wanted but not matched.
  public func check(_ context: LintContext) -> [LintFinding] {
    let listed = Set(listedNames(context))
    let external = Set(
      (context.inventory?.external ?? []).filter(\.isFQDN).map { FQDNPattern.canonical($0.name) })
    var findings: [LintFinding] = []
    for subject in context.subjects {
      guard let rule = subject.ciliumRule else { continue }
      for (entryIndex, entry) in (rule.egress ?? []).enumerated() {
        let fqdns = entry.fqdns ?? []
        let coverage = ApexCoverage(
          fqdns, doubleStarSpansLabels: context.profile.doubleStarSpansLabels)
        for (index, selector) in fqdns.enumerated() {
          guard let pattern = selector.matchPattern, let apex = apex(of: pattern) else {
            continue
          }
          guard !coverage.covers(apex) else { continue }
          let key = FQDNPattern.canonical(apex)
          let path = "\(subject.path).egress[\(entryIndex)].toFQDNs[\(index)]"
          let evidence: String?
          if external.contains(key) {
            evidence = "\(apex) is an external name of the inventory"
          } else if listed.contains(key) {
            evidence = "\(apex) is named in another rule"
          } else {
            evidence = nil
          }
          findings.append(
            finding(
              subject.policy, path, severity: evidence == nil ? .info : .error,
              message: "matchPattern \"\(pattern)\" does not match \(apex) itself"
                + (evidence.map { "; \($0), so connections to it are dropped" } ?? ""),
              explanation:
                "A `*` in a Cilium FQDN pattern stands for characters of one label, so "
                + "\"\(pattern)\" needs at least one label before \(apex) (see DNS rules and toFQDNs in docs/semantics.md). "
                + "A common `*.github.com` example expects github.com to work; it does not.",
              fix: "add the apex next to the pattern:\ntoFQDNs:\n- matchName: \(apex)\n"
                + "- matchPattern: \"\(pattern)\""))
        }
      }
    }
    return findings
  }

  /// `example.com` for `*.example.com` or `**.example.com`; `nil` for other patterns.
  private func apex(of pattern: String) -> String? {
    for prefix in ["**.", "*."] where pattern.hasPrefix(prefix) {
      let rest = String(pattern.dropFirst(prefix.count))
      guard !rest.isEmpty, !rest.contains("*") else { return nil }
      return rest.hasSuffix(".") ? String(rest.dropLast()) : rest
    }
    return nil
  }

  /// Every literal name in `matchName` selectors (toFQDNs and DNS rules), canonical.
  private func listedNames(_ context: LintContext) -> [String] {
    var names: [String] = []
    for subject in context.subjects {
      for entry in subject.ciliumRule?.egress ?? [] {
        names += (entry.fqdns ?? []).compactMap(\.matchName)
        for portRule in entry.toPorts ?? [] {
          names += (portRule.rules?.dns ?? []).compactMap(\.matchName)
        }
      }
    }
    return names.map(FQDNPattern.canonical)
  }
}

/// Whether any selector of one `toFQDNs` list matches a name, without trying every selector:
/// exact names are looked up, and a pattern is tried only when the text after its last `*` ends
/// the name.
private final class ApexCoverage {
  let names: Set<String>
  let byTail: [String: [FQDNPattern]]
  let tailLengths: [Int]
  var known: [String: Bool] = [:]

  init(_ selectors: [FQDNSelector], doubleStarSpansLabels: Bool) {
    var names = Set<String>()
    var byTail: [String: [FQDNPattern]] = [:]
    var seen = Set<String>()
    for selector in selectors {
      if let name = selector.matchName {
        names.insert(FQDNPattern.canonical(name))
      } else if let pattern = selector.matchPattern {
        let canonical = FQDNPattern.canonical(pattern)
        guard seen.insert(canonical).inserted else { continue }
        if let star = canonical.lastIndex(of: "*") {
          let tail = String(canonical[canonical.index(after: star)...])
          byTail[tail, default: []].append(
            FQDNPattern(selector, doubleStarSpansLabels: doubleStarSpansLabels))
        } else {
          names.insert(canonical)
        }
      }
    }
    self.names = names
    self.byTail = byTail
    tailLengths = Set(byTail.keys.map(\.utf8.count)).sorted()
  }

  /// Whether some selector matches `name`.
  func covers(_ name: String) -> Bool {
    let target = FQDNPattern.canonical(name)
    if let answer = known[target] { return answer }
    var answer = names.contains(target)
    let bytes = Array(target.utf8)
    for length in tailLengths where !answer && length <= bytes.count {
      let tail = String(decoding: bytes[(bytes.count - length)...], as: UTF8.self)
      answer = byTail[tail]?.contains { $0.matches(name) } ?? false
    }
    known[target] = answer
    return answer
  }
}
