import NetpolModel

/// NP005: CNP `fromEndpoints` / `toEndpoints` silently limited to the policy's namespace.
public struct EndpointsNamespaceScopeRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP005's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP005", name: "cnp-endpoints-namespace-scoped", severity: .warning,
    summary:
      "CNP `from/toEndpoints` without a namespace key only selects pods of the policy's namespace.",
    rationale: """
      In a CiliumNetworkPolicy a `fromEndpoints`/`toEndpoints` selector that names no \
      `io.kubernetes.pod.namespace` (or namespace-label) key is ANDed with the policy's own \
      namespace (see Cilium selectors and namespaces in docs/semantics.md). A selector meant for \
      pods elsewhere — kube-dns in kube-system is the classic — then matches nothing. \
      `kubernetes.io/metadata.name` is a namespace label: on a pod selector it matches no pod.
      """,
    triggeringExamples: [
      LintExample(
        """
        # kube-dns lives in kube-system, but this selector is limited to namespace demo
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: dns, namespace: demo}
        spec:
          endpointSelector: {}
          egress:
          - toEndpoints:
            - ↓matchLabels: {k8s-app: kube-dns}
            toPorts: [{ports: [{port: "53", protocol: ANY}]}]
        """),
      LintExample(
        """
        namespaces: [{name: demo}, {name: monitoring}]
        pods:
        - {namespace: demo, name: web, labels: {app: web}}
        - {namespace: monitoring, name: prometheus, labels: {app: prometheus}}
        ---
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: scrape, namespace: demo}
        spec:
          endpointSelector: {matchLabels: {app: web}}
          ingress:
          - fromEndpoints:
            - ↓matchLabels: {app: prometheus}
        """),
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: dns, namespace: demo}
        spec:
          endpointSelector: {}
          egress:
          - toEndpoints:
            - matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}
            toPorts: [{ports: [{port: "53", protocol: ANY}]}]
        """),
      LintExample(
        """
        # the clusterwide kind is not namespace-scoped
        apiVersion: cilium.io/v2
        kind: CiliumClusterwideNetworkPolicy
        metadata: {name: dns}
        spec:
          endpointSelector: {}
          egress:
          - toEndpoints: [{matchLabels: {k8s-app: kube-dns}}]
            toPorts: [{ports: [{port: "53", protocol: ANY}]}]
        """),
    ])

  /// Reports namespace-scoped selectors that evidently aim at other namespaces.
  public func check(_ context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    for subject in context.subjects {
      guard let rule = subject.ciliumRule, let namespace = subject.namespace else { continue }
      for site in CiliumEntrySite.all(in: rule, at: subject.path, deny: true) {
        let peerField = "\(site.peerKey)Endpoints"
        for (index, selector) in (site.rule.endpoints ?? []).enumerated() {
          let normalized = IdentityLabels.normalize(selector)
          guard
            case .namespace = IdentityLabels.scope(of: normalized, policyNamespace: namespace),
            let why = reason(normalized, namespace: namespace, context: context)
          else { continue }
          let path = "\(site.path).\(peerField)[\(index)]"
          findings.append(
            finding(
              subject.policy, path,
              message: "\(peerField) selector \(LintText.selector(normalized)) only matches "
                + "pods in namespace \(namespace): \(why)",
              explanation: Self.description.rationale,
              fix: "name the namespace in the selector:\n- matchLabels:\n"
                + "    k8s:io.kubernetes.pod.namespace: OTHER-NAMESPACE\n"
                + normalized.matchLabels.sorted { $0.key < $1.key }
                .filter { $0.key != Namespace.nameLabel }
                .map { "    k8s:\($0.key): \($0.value)\n" }.joined()
                + "(or use a CiliumClusterwideNetworkPolicy)"))
        }
      }
    }
    return findings
  }

  /// Why the selector evidently targets another namespace, or `nil`.
  private func reason(_ selector: LabelSelector, namespace: String, context: LintContext)
    -> String?
  {
    if selector.keys.contains(Namespace.nameLabel) {
      return "\(Namespace.nameLabel) is a namespace label, not a pod label"
    }
    if let inventory = context.inventory {
      let everywhere = inventory.pods.filter { selector.matches(context.identity($0)) }
      let here = everywhere.filter { $0.namespace == namespace }
      if here.isEmpty && !everywhere.isEmpty {
        return "it would match \(LintText.list(everywhere.map(\.id))) elsewhere"
      }
      return nil
    }
    if let app = selector.matchLabels["k8s-app"], namespace != DNSAccess.dnsNamespace {
      return "k8s-app=\(app) pods usually run in kube-system"
    }
    return nil
  }
}
