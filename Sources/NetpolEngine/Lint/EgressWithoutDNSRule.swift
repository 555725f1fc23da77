import NetpolModel

/// NP001: a rule isolates egress but the selected pods cannot reach cluster DNS, or only over UDP,
/// or only to pods that are not kube-dns.
public struct EgressWithoutDNSRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP001's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP001", name: "egress-without-dns", severity: .error,
    summary:
      "Egress isolation without a DNS allow (also: DNS only over UDP, or to the wrong pods).",
    rationale: """
      A policy with egress rules (or `Egress` in policyTypes, or any Cilium egress entry) puts the \
      selected pods into egress isolation: everything not allowed is dropped, DNS lookups to \
      kube-dns included (see Isolation and combination and Cilium default deny in \
      docs/semantics.md). The pods can then resolve no name and every connection by name fails \
      before it starts. DNS also needs TCP port 53 for large answers, and the allow must reach the \
      kube-dns pods in kube-system: a podSelector alone means the policy's own namespace.
      """,
    triggeringExamples: [
      LintExample(
        """
        # egress to the backend only; policyTypes defaults to Ingress+Egress
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-specific-pod, namespace: demo}
        spec:
          podSelector: {matchLabels: {app: my-app}}
          ingress:
          - from: [{podSelector: {matchLabels: {app: frontend}}}]
            ports: [{protocol: TCP, port: 80}]
          ↓egress:
          - to: [{podSelector: {matchLabels: {app: backend}}}]
            ports: [{protocol: TCP, port: 443}]
        """),
      LintExample(
        """
        # DNS allowed, but to k8s-app=kube-dns pods of the policy's own namespace
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: dns-wrong-namespace, namespace: demo}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          ↓egress:
          - to: [{podSelector: {matchLabels: {k8s-app: kube-dns}}}]
            ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
        """),
      LintExample(
        """
        # DNS allowed over UDP only: answers larger than 512 bytes need TCP
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: dns-udp-only, namespace: demo}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          ↓egress:
          - to:
            - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
              podSelector: {matchLabels: {k8s-app: kube-dns}}
            ports: [{protocol: UDP, port: 53}]
        """),
      LintExample(
        """
        # default-deny egress and nothing else, checked against an inventory with CoreDNS
        namespaces: [{name: demo}, {name: kube-system}]
        pods:
        - {namespace: demo, name: web, labels: {app: web}}
        - {namespace: kube-system, name: coredns, labels: {k8s-app: kube-dns}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny-egress, namespace: demo}
        spec:
          podSelector: {}
          ↓policyTypes: [Egress]
        """),
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        # the same policy plus the allow-dns recipe's NetworkPolicy
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-specific-pod, namespace: demo}
        spec:
          podSelector: {matchLabels: {app: my-app}}
          egress:
          - to: [{podSelector: {matchLabels: {app: backend}}}]
            ports: [{protocol: TCP, port: 443}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-dns, namespace: demo}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
          - to:
            - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
              podSelector: {matchLabels: {k8s-app: kube-dns}}
            ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
        """),
      LintExample(
        """
        # ingress only: egress stays open
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
        # Cilium DNS allow through the proxy for every pod of the namespace
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
        """),
    ])

  /// Reports every egress-isolating rule whose pods cannot use cluster DNS.
  public func check(_ context: LintContext) -> [LintFinding] {
    let subjects = context.subjects.filter { context.isEnforced($0.policy) }
    var findings: [LintFinding] = []
    let engine = context.dnsPod != nil ? context.engine() : nil
    for subject in subjects where subject.isolatesEgress {
      if let engine, let dns = context.dnsPod {
        let pods = context.pods(selectedBy: subject).filter { $0.id != dns.id }
        if !pods.isEmpty {
          if let finding = checkWithInventory(subject, pods: pods, dns: dns, engine: engine) {
            findings.append(finding)
          }
          continue
        }
      }
      if let finding = checkStatically(subject, among: subjects) { findings.append(finding) }
    }
    return findings
  }

  /// Decides with the engine, for each selected pod, whether UDP and TCP 53 to kube-dns leave.
  private func checkWithInventory(
    _ subject: LintSubject, pods: [Pod], dns: Pod, engine: PolicyEngine
  ) -> LintFinding? {
    func egressAllowed(_ pod: Pod, _ proto: FlowProtocol) -> Bool {
      let flow = Flow(source: .pod(pod), destination: .pod(dns), protocol: proto, port: 53)
      return engine.explain(flow).egress?.verdict != .deny
    }
    let noUDP = pods.filter { !egressAllowed($0, .udp) }.map(\.id)
    let noTCP = pods.filter { !egressAllowed($0, .tcp) }.map(\.id)
    if !noUDP.isEmpty {
      return report(
        subject, kind: .none,
        detail: "\(LintText.list(noUDP)) cannot send DNS lookups to \(dns.id) (UDP 53 denied)")
    }
    if !noTCP.isEmpty {
      return report(
        subject, kind: .udpOnly,
        detail: "\(LintText.list(noTCP)) can query \(dns.id) over UDP only (TCP 53 denied)")
    }
    return nil
  }

  /// Decides from the YAML: DNS allows of this rule and of rules that cover the same pods.
  private func checkStatically(_ subject: LintSubject, among subjects: [LintSubject])
    -> LintFinding?
  {
    let related = subjects.filter {
      $0.isolatesEgress && LintContext.isSameOrCovers($0, subject)
    }
    let allowances = related.flatMap(DNSAccess.allowances(of:))
    let toDNS = allowances.filter(\.reachesDNSPods)
    if !toDNS.contains(where: \.udp) {
      if let wrong = allowances.first(where: { !$0.reachesDNSPods }) {
        return report(
          subject, kind: .wrongPods,
          detail: "port 53 is allowed at \(wrong.path), but only to pods that are not kube-dns")
      }
      return report(subject, kind: .none, detail: "no egress rule allows UDP port 53 to kube-dns")
    }
    if !toDNS.contains(where: \.tcp) {
      return report(subject, kind: .udpOnly, detail: "DNS is allowed over UDP only")
    }
    return nil
  }

  /// How DNS is broken.
  private enum Kind { case none, wrongPods, udpOnly }

  /// The finding for one rule.
  private func report(_ subject: LintSubject, kind: Kind, detail: String) -> LintFinding {
    let namespace = subject.namespace.map { " -n \($0)" } ?? ""
    let cilium = subject.ciliumRule != nil
    let snippet = cilium ? DNSAccess.ciliumSnippet : DNSAccess.networkPolicySnippet
    let message: String
    let explanation: String
    switch kind {
    case .none, .wrongPods:
      message = "egress is isolated but DNS is not allowed: \(detail)"
      explanation =
        "This rule puts the selected pods into egress isolation, so everything it does not "
        + "allow is dropped, DNS lookups to kube-dns in kube-system included. The pods can "
        + "resolve no name and every connection by name fails before it starts (see "
        + "Isolation and combination in docs/semantics.md)."
        + (kind == .wrongPods
          ? " A podSelector without namespaceSelector means pods of the policy's own "
            + "namespace, not kube-system." : "")
    case .udpOnly:
      message = "DNS is allowed over UDP only: \(detail)"
      explanation =
        "Resolvers retry over TCP port 53 when an answer is truncated (large records, many "
        + "addresses); with TCP denied those lookups time out. Allow both protocols."
    }
    return finding(
      subject.policy, DNSAccess.egressField(of: subject),
      severity: kind == .udpOnly ? .warning : .error, message: message,
      explanation: explanation,
      fix: "apply recipe allow-dns (shell: recipe allow-dns\(namespace)), or add:\n" + snippet)
  }
}
