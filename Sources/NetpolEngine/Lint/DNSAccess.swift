import NetpolModel

/// What one egress allow entry offers towards cluster DNS (kube-dns on port 53).
struct DNSAllowance: Sendable {
  /// The entry's path.
  var path: String
  /// Whether it admits UDP port 53.
  var udp: Bool
  /// Whether it admits TCP port 53.
  var tcp: Bool
  /// Whether its peers can include the kube-dns pods in kube-system.
  var reachesDNSPods: Bool
  /// The `rules.dns` selectors on its port-53 rules (Cilium); empty = not proxied.
  var dnsSelectors: [FQDNSelector]
}

/// Finding the DNS allows of a policy rule from the YAML alone (no inventory needed).
enum DNSAccess {
  /// The namespace of the cluster DNS pods.
  static let dnsNamespace = "kube-system"

  /// Egress allow entries of `subject` that admit port 53 on UDP or TCP.
  static func allowances(of subject: LintSubject) -> [DNSAllowance] {
    if let policy = subject.networkPolicy {
      guard subject.isolatesEgress else { return [] }
      let namespace = subject.namespace ?? "default"
      return (policy.spec.egress ?? []).enumerated().compactMap { index, rule in
        let (udp, tcp) = networkPolicyPorts(rule.ports)
        guard udp || tcp else { return nil }
        let peers = rule.peers ?? []
        let reaches =
          peers.isEmpty
          || peers.contains { peer in
            peer.ipBlock != nil
              || reachesDNS(
                namespace: peer.namespaceSelector, pod: peer.podSelector, policyNamespace: namespace
              )
          }
        return DNSAllowance(
          path: "spec.egress[\(index)]", udp: udp, tcp: tcp, reachesDNSPods: reaches,
          dnsSelectors: [])
      }
    }
    guard let rule = subject.ciliumRule else { return [] }
    return (rule.egress ?? []).enumerated().compactMap { index, entry in
      guard entry.l3Kinds.isEmpty ? entry.toPorts != nil : true else { return nil }
      var udp = false
      var tcp = false
      var selectors: [FQDNSelector] = []
      if let toPorts = entry.toPorts, !toPorts.isEmpty {
        for portRule in toPorts {
          let (ruleUDP, ruleTCP) = ciliumPorts(portRule.ports)
          if ruleUDP || ruleTCP { selectors += portRule.rules?.dns ?? [] }
          udp = udp || ruleUDP
          tcp = tcp || ruleTCP
        }
      } else {
        (udp, tcp) = (true, true)
      }
      guard udp || tcp else { return nil }
      let reaches =
        entry.l3Kinds.isEmpty
        || (entry.endpoints ?? []).contains { reachesDNS(endpoints: $0, subject: subject) }
        || (entry.entities ?? []).contains { $0 == "all" || $0 == "cluster" }
        || entry.services != nil
      return DNSAllowance(
        path: "\(subject.path).egress[\(index)]", udp: udp, tcp: tcp, reachesDNSPods: reaches,
        dnsSelectors: selectors)
    }
  }

  /// Whether NetworkPolicy ports admit UDP/53 and TCP/53 (missing or empty = every port;
  /// protocol defaults to TCP, Kubernetes `SetDefaults_NetworkPolicy`).
  static func networkPolicyPorts(_ ports: [NetworkPolicyPort]?) -> (udp: Bool, tcp: Bool) {
    guard let ports, !ports.isEmpty else { return (true, true) }
    var udp = false
    var tcp = false
    for port in ports where admits53(port.port, endPort: port.endPort) {
      switch port.protocol ?? .tcp {
      case .udp: udp = true
      case .tcp: tcp = true
      case .sctp: break
      }
    }
    return (udp, tcp)
  }

  /// Whether Cilium ports admit UDP/53 and TCP/53 (protocol omitted = ANY, port 0 = all).
  static func ciliumPorts(_ ports: [CiliumPort]?) -> (udp: Bool, tcp: Bool) {
    guard let ports, !ports.isEmpty else { return (true, true) }
    var udp = false
    var tcp = false
    for port in ports {
      let value: PortValue = Int(port.port).map { .number($0) } ?? .name(port.port)
      if Int(port.port) != 0 && !admits53(value, endPort: port.endPort) { continue }
      switch port.protocol ?? .any {
      case .udp: udp = true
      case .tcp: tcp = true
      case .any:
        udp = true
        tcp = true
      case .sctp: break
      }
    }
    return (udp, tcp)
  }

  /// Whether a port (all, number, range, or a name kube-dns uses) covers 53.
  static func admits53(_ port: PortValue?, endPort: Int?) -> Bool {
    switch port {
    case nil: return true
    case .number(let number): return number == 53 || (number < 53 && (endPort ?? number) >= 53)
    case .name(let name): return name.lowercased().hasPrefix("dns")
    }
  }

  /// Whether a NetworkPolicy selector peer can include the kube-dns pods.
  static func reachesDNS(
    namespace: LabelSelector?, pod: LabelSelector?, policyNamespace: String
  ) -> Bool {
    if let namespace {
      if let name = namespace.matchLabels[Namespace.nameLabel], name != dnsNamespace {
        return false
      }
      for requirement in namespace.matchExpressions
      where requirement.key == Namespace.nameLabel && requirement.operator == .in
        && !requirement.values.contains(dnsNamespace)
      {
        return false
      }
    } else if policyNamespace != dnsNamespace {
      return false
    }
    if let app = pod?.matchLabels["k8s-app"], app != "kube-dns" { return false }
    return true
  }

  /// Whether a Cilium `toEndpoints` selector can include the kube-dns pods (see Cilium selectors
  /// and namespaces in docs/semantics.md: without a namespace key a CNP selector is limited to the
  /// policy's namespace).
  static func reachesDNS(endpoints selector: LabelSelector, subject: LintSubject) -> Bool {
    let normalized = IdentityLabels.normalize(selector)
    if let namespace = normalized.matchLabels[IdentityLabels.namespaceKey] {
      if namespace != dnsNamespace { return false }
    } else if case .namespace(let namespace) = IdentityLabels.scope(
      of: normalized, policyNamespace: subject.namespace), namespace != dnsNamespace
    {
      return false
    }
    if let app = normalized.matchLabels["k8s-app"], app != "kube-dns" { return false }
    return true
  }

  /// The field to point at when a rule isolates egress: its egress list, else what turned
  /// isolation on.
  static func egressField(of subject: LintSubject) -> String {
    if let policy = subject.networkPolicy {
      if !(policy.spec.egress ?? []).isEmpty { return "spec.egress" }
      return policy.spec.policyTypes != nil ? "spec.policyTypes" : "spec"
    }
    guard let rule = subject.ciliumRule else { return subject.path }
    if rule.egress != nil { return "\(subject.path).egress" }
    if rule.egressDeny != nil { return "\(subject.path).egressDeny" }
    return "\(subject.path).enableDefaultDeny"
  }

  /// The DNS allow as a NetworkPolicy egress rule.
  static let networkPolicySnippet = """
    egress:
    - to:
      - namespaceSelector:
          matchLabels:
            kubernetes.io/metadata.name: kube-system
        podSelector:
          matchLabels:
            k8s-app: kube-dns
      ports:
      - {protocol: UDP, port: 53}
      - {protocol: TCP, port: 53}
    """

  /// The DNS allow as a CiliumNetworkPolicy egress entry, through the DNS proxy.
  static let ciliumSnippet = """
    egress:
    - toEndpoints:
      - matchLabels:
          k8s:io.kubernetes.pod.namespace: kube-system
          k8s:k8s-app: kube-dns
      toPorts:
      - ports:
        - {port: "53", protocol: ANY}
        rules:
          dns:
          - matchPattern: "*"
    """
}
