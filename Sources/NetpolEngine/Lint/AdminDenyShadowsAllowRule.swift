import NetpolModel

/// NP018: an Admin-tier Deny that drops traffic a NetworkPolicy explicitly allows.
public struct AdminDenyShadowsAllowRule: LintRule {
  /// Creates the rule.
  public init() {}

  /// NP018's documentation and examples.
  public static let description = LintRuleDescription(
    id: "NP018", name: "admin-deny-shadows-allow", severity: .warning,
    summary: "An Admin-tier Deny drops traffic that a NetworkPolicy rule allows; the "
      + "NetworkPolicy cannot override it.",
    rationale: """
      The Admin tier is evaluated before every NetworkPolicy: its Deny wins whatever the \
      namespaces allow. When a NetworkPolicy rule explicitly allows a connection the Deny \
      drops, one of the two is wrong: the namespace owner expects the traffic to flow, and \
      only the cluster admin can change it.
      """,
    needsInventory: true,
    triggeringExamples: [
      LintExample(
        """
        namespaces: [{name: a}, {name: b}]
        pods:
        - {namespace: a, name: client, ip: 10.0.0.1}
        - {namespace: b, name: server, ip: 10.0.0.2, ports: [{port: 80}]}
        ---
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: no-cross}
        spec:
          priority: 10
          subject: {namespaces: {}}
          ingress:
          - action: ↓Deny
            from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: a}}}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: from-a, namespace: b}
        spec:
          podSelector: {}
          ingress:
          - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: a}}}]
        """)
    ],
    nonTriggeringExamples: [
      LintExample(
        """
        namespaces: [{name: a}, {name: b}]
        pods:
        - {namespace: a, name: client, ip: 10.0.0.1}
        - {namespace: b, name: server, ip: 10.0.0.2, ports: [{port: 80}]}
        ---
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: no-cross}
        spec:
          priority: 10
          subject: {namespaces: {}}
          ingress:
          - action: Deny
            from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: a}}}]
        """)
    ])

  /// Reports each Admin Deny rule that decides a flow some NetworkPolicy rule allows, once.
  public func check(_ context: LintContext) -> [LintFinding] {
    guard context.inventory != nil else { return [] }
    let engine = context.engine()
    guard !engine.adminTiers.admin.isEmpty else { return [] }
    let views = engine.classes.views.map { view in
      view.pod.map { engine.endpointView(.pod($0)) } ?? view
    }
    var reported = Set<String>()
    var findings: [LintFinding] = []
    for subject in views where subject.isPod {
      for peer in views where peer.id != subject.id {
        for direction in PolicyType.allCases {
          let destination = direction == .ingress ? subject : peer
          for port in destination.containerPorts ?? [] {
            let flow = FlowShape(
              proto: FlowProtocol(rawValue: port.protocol.rawValue) ?? .tcp, port: port.port,
              icmpType: nil, httpMethod: nil, httpPath: nil)
            var notes: [String] = []
            guard
              let match = engine.firstMatch(
                engine.adminTiers.admin, direction, subject: subject, peer: peer, flow: flow,
                notes: &notes),
              match.rule.action == .deny
            else { continue }
            let side = engine.evaluateSide(
              direction, subject: subject, peer: peer, flow: flow, explain: false)
            guard side.explanation.decision == .allowedByRule,
              let allow = side.explanation.allowedBy.first
            else { continue }
            let key = direction == .ingress ? "ingress" : "egress"
            let path = "spec.\(key)[\(match.index)].action"
            guard reported.insert("\(match.policy.metadata.name) \(path)").inserted,
              let policy = context.policies.first(where: {
                $0.resource.qualifiedName == match.policy.metadata.name
                  && $0.resource.isClusterScoped
              })
            else { continue }
            let (from, to) = direction == .ingress ? (peer.id, subject.id) : (subject.id, peer.id)
            findings.append(
              finding(
                policy, path,
                message: "Deny in \(match.policy.metadata.name) drops \(from) -> \(to) "
                  + "\(port.port)/\(port.protocol.rawValue), which \(allow.policy) allows",
                explanation: Self.description.rationale,
                fix: "narrow the Deny, put an Allow or Pass above it for this traffic, or remove "
                  + "the NetworkPolicy rule"))
          }
        }
      }
    }
    return findings
  }
}
