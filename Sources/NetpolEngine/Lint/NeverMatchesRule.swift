import NetpolModel

/// NP012: rules, peers and selectors that can never match.
public struct NeverMatchesRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP012's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP012", name: "never-matches", severity: .warning,
    summary: "A rule, peer or selector that can never match any traffic.",
    rationale: """
      Some constructs are valid but inert: rules of a direction missing from an explicit \
      `policyTypes` are ignored (see Isolation and combination in docs/semantics.md); a selector \
      whose parts contradict each other matches no object (Kubernetes labels and selectors); an \
      ipBlock whose `except` covers its whole `cidr` admits no address; an empty \
      `toEndpoints: []` selects nothing (see Empty Cilium entries); a named port cannot \
      resolve against ipBlock peers (see Rules, peers and ports). The author meant something else.
      """,
    triggeringExamples: [
      LintExample(
        """
        # egress rules with policyTypes [Ingress] are ignored
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: demo}
        spec:
          podSelector: {}
          policyTypes: [Ingress]
          ↓egress:
          - to: [{podSelector: {}}]
        """),
      LintExample(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: demo}
        spec:
          podSelector: {}
          ingress:
          - from:
            - podSelector:
                matchLabels: {app: web}
                ↓matchExpressions: [{key: app, operator: DoesNotExist}]
        """),
      LintExample(
        """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: web, namespace: demo}
        spec:
          endpointSelector: {}
          ingress:
          - ↓fromEndpoints: []
        """),
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: demo}
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
          ingress:
          - from: [{podSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}}]
          egress:
          - to: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.0.1.0/24]}}]
        """)
    ])

  /// Reports inert constructs.
  public func check(_ context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    for subject in context.subjects {
      if let policy = subject.networkPolicy {
        findings += networkPolicyFindings(subject, policy)
      }
      if let rule = subject.ciliumRule {
        findings += ciliumFindings(subject, rule)
      }
    }
    return findings
  }

  private func networkPolicyFindings(_ subject: LintSubject, _ policy: NetworkPolicy)
    -> [LintFinding]
  {
    var findings: [LintFinding] = []
    let spec = policy.spec
    if let types = spec.policyTypes, !types.isEmpty {
      for (type, rules, field) in [
        (PolicyType.ingress, spec.ingress, "ingress"), (.egress, spec.egress, "egress"),
      ] where !types.contains(type) && !(rules ?? []).isEmpty {
        findings.append(
          finding(
            subject.policy, "spec.\(field)",
            message: "these \(field) rules are ignored: policyTypes lists only "
              + types.map(\.rawValue).joined(separator: ", "),
            explanation: Self.description.rationale,
            fix: "add \(type.rawValue) to policyTypes:\npolicyTypes: ["
              + (types + [type]).map(\.rawValue).joined(separator: ", ") + "]"))
      }
    }
    findings += contradictions(subject, spec.podSelector, path: "spec.podSelector")
    for site in NetworkPolicyRuleSite.all(in: spec) {
      let base = site.path
      let peers = site.rule.peers ?? []
      for (index, peer) in peers.enumerated() {
        let peerPath = "\(base).\(site.peerKey)[\(index)]"
        if let selector = peer.podSelector {
          findings += contradictions(subject, selector, path: "\(peerPath).podSelector")
        }
        if let selector = peer.namespaceSelector {
          findings += contradictions(subject, selector, path: "\(peerPath).namespaceSelector")
        }
        if let block = peer.ipBlock, let cidr = IPPrefix(block.cidr),
          block.except.compactMap(IPPrefix.init).contains(where: { $0.contains(cidr) })
        {
          findings.append(
            finding(
              subject.policy, "\(peerPath).ipBlock",
              message:
                "ipBlock \(block.cidr) admits no address: an except entry covers all of it",
              explanation: Self.description.rationale,
              fix: "remove the except entry, or make it a sub-range of \(block.cidr)"))
        }
      }
      if site.isEgress, !peers.isEmpty, peers.allSatisfy({ $0.ipBlock != nil }) {
        for (index, port) in (site.rule.ports ?? []).enumerated() {
          guard case .name(let name) = port.port else { continue }
          findings.append(
            finding(
              subject.policy, "\(base).ports[\(index)].port",
              message: "named port \(name) cannot resolve: the rule's peers are all ipBlocks, "
                + "which have no container ports",
              explanation: Self.description.rationale, fix: "use the port number"))
        }
      }
    }
    return findings
  }

  private func ciliumFindings(_ subject: LintSubject, _ rule: CiliumRule) -> [LintFinding] {
    var findings: [LintFinding] = []
    if let selector = rule.endpointSelector {
      findings += contradictions(subject, selector, path: "\(subject.path).endpointSelector")
    }
    for site in CiliumEntrySite.all(in: rule, at: subject.path, deny: true) {
      let field = "\(site.peerKey)Endpoints"
      if let endpoints = site.rule.endpoints, endpoints.isEmpty,
        site.rule.l3Kinds == ["Endpoints"]
      {
        findings.append(
          finding(
            subject.policy, "\(site.path).\(field)",
            message: "\(field): [] selects no endpoint, so this entry matches nothing",
            explanation: Self.description.rationale,
            fix: "write \(field): [{}] for every pod of the namespace, or remove the entry"))
      }
      for (index, selector) in (site.rule.endpoints ?? []).enumerated() {
        findings += contradictions(subject, selector, path: "\(site.path).\(field)[\(index)]")
      }
    }
    return findings
  }

  /// Findings for selectors whose parts contradict each other.
  private func contradictions(_ subject: LintSubject, _ selector: LabelSelector, path: String)
    -> [LintFinding]
  {
    guard let why = contradiction(selector) else { return [] }
    return [
      finding(
        subject.policy, selector.matchExpressions.isEmpty ? path : "\(path).matchExpressions",
        message: "selector \(LintText.selector(selector)) matches nothing: \(why)",
        explanation: Self.description.rationale,
        fix: "remove one of the contradicting requirements")
    ]
  }

  /// Why a selector can match no object, or `nil`.
  private func contradiction(_ selector: LabelSelector) -> String? {
    var required: [String: Set<String>] = [:]
    for (key, value) in selector.matchLabels { required[key] = [value] }
    var absent = Set<String>()
    var present = Set(selector.matchLabels.keys)
    for requirement in selector.matchExpressions {
      let key = requirement.key
      switch requirement.operator {
      case .in:
        let allowed = Set(requirement.values).intersection(required[key] ?? Set(requirement.values))
        if allowed.isEmpty { return "no value of \(key) satisfies every requirement" }
        required[key] = allowed
        present.insert(key)
      case .notIn:
        if let allowed = required[key] {
          let left = allowed.subtracting(requirement.values)
          if left.isEmpty { return "no value of \(key) satisfies every requirement" }
          required[key] = left
        }
      case .exists: present.insert(key)
      case .doesNotExist: absent.insert(key)
      }
    }
    if let key = present.intersection(absent).sorted().first {
      return "\(key) must both exist and not exist"
    }
    return nil
  }
}
