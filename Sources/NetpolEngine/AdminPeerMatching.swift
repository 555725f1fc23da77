import NetpolModel

/// Subject, peer and port matching of the admin policy kinds (kubernetes-sigs/
/// network-policy-api, apis/v1alpha1/shared_types.go and apis/v1alpha2/
/// clusternetworkpolicy_types.go): host-network pods are never subjects nor `namespaces`/`pods`
/// peers; `networks` match any address inside them, pods and nodes included; `nodes` match the
/// addresses of the nodes whose labels match.
extension PolicyEngine {
  /// Whether `subject` selects the pod of `view`.
  func adminSelects(_ subject: AdminSubject, _ view: EndpointView) -> Bool {
    guard let pod = view.pod, !pod.hostNetwork else { return false }
    switch subject {
    case .namespaces(let selector): return selector.matches(view.namespaceLabels)
    case .pods(let pods): return adminPodsMatch(pods, pod, view)
    }
  }

  private func adminPodsMatch(_ pods: AdminPods, _ pod: Pod, _ view: EndpointView) -> Bool {
    (pods.namespaceSelector ?? .everything).matches(view.namespaceLabels)
      && pods.podSelector.matches(pod.labels)
  }

  /// Whether one peer entry matches the other end of the flow.
  func adminPeerMatches(_ peer: AdminPeer, _ view: EndpointView) -> Bool {
    switch peer {
    case .namespaces(let selector):
      guard let pod = view.pod, !pod.hostNetwork else { return false }
      return selector.matches(view.namespaceLabels)
    case .pods(let pods):
      guard let pod = view.pod, !pod.hostNetwork else { return false }
      return adminPodsMatch(pods, pod, view)
    case .nodes(let selector):
      guard let address = view.addressText, let node = inventory.node(ip: address) else {
        return false
      }
      return selector.matches(node.labels)
    case .networks(let networks):
      guard let address = view.address else { return false }
      return networks.contains { IPPrefix($0)?.contains(address) == true }
    case .domainNames(let patterns):
      guard !view.isPod else { return false }
      var names = view.names
      if view.addressText != view.id, IPPrefix(view.id) == nil { names.append(view.id) }
      return patterns.contains { pattern in
        names.contains { AdminDomainName.matches(pattern, host: $0) }
      }
    }
  }

  /// Whether a port entry matches the flow; named ports resolve on the destination pod.
  func adminPortMatches(_ port: AdminPort, flow: FlowShape, destination: EndpointView) -> Bool {
    guard let number = flow.port, let proto = flow.proto.l4 else { return false }
    switch port {
    case .number(let wanted, let value): return wanted == proto && value == number
    case .range(let wanted, let start, let end):
      return wanted == proto && (start...end).contains(number)
    case .named(let name):
      return destination.containerPorts?.contains {
        $0.name == name && $0.protocol == proto && $0.port == number
      } == true
    }
  }
}
