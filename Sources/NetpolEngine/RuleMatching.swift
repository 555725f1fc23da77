import NetpolModel

/// Peer, port and entry matching (see Rules, peers and ports, Cilium peer kinds and Cilium ports
/// and ICMP in docs/semantics.md). Each check returns `nil` when it matches, else why not; with
/// `explain: false` the reason is an empty string.
struct RuleMatcher: Sendable {
  /// The dataplane's knobs.
  var profile: DataplaneProfile
  /// Labels of every namespace, by name.
  var namespaceLabels: [String: [String: String]]

  /// Whether a rule applies to the endpoint.
  func selects(_ subject: SubjectSelector, _ view: EndpointView) -> Bool {
    guard let pod = view.pod, let selector = subject.selector else { return false }
    if let namespace = subject.namespace, pod.namespace != namespace { return false }
    return selector.matches(subject.usesIdentityLabels ? view.identity : pod.labels)
  }

  // MARK: Peers

  /// Why `peer` does not admit `view`, or `nil` when it does.
  func peerMiss(_ peer: CompiledPeer, _ view: EndpointView, explain: Bool) -> String? {
    switch peer {
    case .selectors(_, let podSelector, let namespaceSelector, let policyNamespace):
      guard let pod = view.pod else {
        return explain ? "wants pods; \(view.described) is not a pod" : ""
      }
      if podSelector == nil && namespaceSelector == nil {
        return explain ? "is an empty peer and matches nothing" : ""
      }
      if let namespaceSelector {
        if !namespaceSelector.matches(view.namespaceLabels) {
          guard explain else { return "" }
          let why =
            SelectorText.miss(namespaceSelector, view.namespaceLabels, owner: "") ?? ""
          return
            "wants namespaces with \(SelectorText.describe(namespaceSelector)); namespace \(pod.namespace)\(why)"
        }
      } else if pod.namespace != policyNamespace {
        return explain
          ? "wants pods in namespace \(policyNamespace) (podSelector alone = the policy's namespace); \(pod.id) is in namespace \(pod.namespace)"
          : ""
      }
      if let podSelector, !podSelector.matches(pod.labels) {
        guard explain else { return "" }
        let why = SelectorText.miss(podSelector, pod.labels, owner: pod.id) ?? ""
        return "wants pods with \(SelectorText.describe(podSelector)); \(why)"
      }
      return nil
    case .ipBlock(_, let cidr, let except, let text):
      if view.isPod && !profile.ipBlockMatchesPodIPs {
        return explain
          ? "ipBlock \(text) never matches pod IPs on \(profile.dataplane.rawValue) (see Kubernetes policies on Cilium in docs/semantics.md); \(view.id) is a pod"
          : ""
      }
      return blockMiss(
        cidr: cidr, except: except, text: text, view, explain: explain, what: "ipBlock")
    case .endpoints(_, let selector, let scope):
      return endpointsMiss(selector: selector, scope: scope, view, explain: explain)
    case .entity(_, let name):
      if entityMatches(name, view) { return nil }
      return explain
        ? "wants entity \(name); \(view.described) is \(view.isPod ? "a pod (entity cluster)" : "world")"
        : ""
    case .cidr(_, let cidr, let except, let text):
      if view.isPod {
        return explain
          ? "CIDR \(text) never matches pod IPs (see Cilium peer kinds in docs/semantics.md); \(view.id) is a pod"
          : ""
      }
      return blockMiss(cidr: cidr, except: except, text: text, view, explain: explain, what: "CIDR")
    case .fqdn(_, let selector):
      if view.isPod {
        return explain
          ? "toFQDNs never matches pods (see DNS rules and toFQDNs in docs/semantics.md); \(view.id) is a pod"
          : ""
      }
      if !profile.enforcesFQDN {
        return explain
          ? "toFQDNs cannot learn names on \(profile.dataplane.rawValue) (no DNS proxy, see Dataplanes in docs/semantics.md)"
          : ""
      }
      let pattern = FQDNPattern(selector, doubleStarSpansLabels: profile.doubleStarSpansLabels)
      if view.names.contains(where: pattern.matches) { return nil }
      guard explain else { return "" }
      if let hint = FQDNPattern.hint(selector, names: view.names) { return hint }
      if view.names.isEmpty {
        return
          "wants \(pattern.written); the FQDN cache holds no name for \(view.addressText ?? view.id)"
      }
      return
        "wants \(pattern.written); cached name \(view.names.joined(separator: ", ")) does not match"
    case .unmatchable(_, let reason):
      return explain ? "matches nothing here: \(reason)" : ""
    }
  }

  /// CIDR-with-except checks shared by `ipBlock` and Cilium CIDR peers.
  private func blockMiss(
    cidr: IPPrefix?, except: [IPPrefix], text: String, _ view: EndpointView,
    explain: Bool, what: String
  ) -> String? {
    guard let address = view.address else {
      return explain ? "\(what) \(text) needs an address; \(view.id) has none in the inventory" : ""
    }
    guard let cidr, cidr.contains(address) else {
      return explain
        ? "wants addresses in \(text); \(view.id) is \(view.addressText ?? "?")" : ""
    }
    if let hole = except.first(where: { $0.contains(address) }) {
      return explain
        ? "wants addresses in \(text); \(view.id) (\(view.addressText ?? "?")) is in the except range \(hole.exceptRangeText)"
        : ""
    }
    return nil
  }

  /// Cilium `from/toEndpoints` with namespace scoping (see Cilium selectors and namespaces in
  /// docs/semantics.md).
  private func endpointsMiss(
    selector: LabelSelector, scope: EndpointScope, _ view: EndpointView, explain: Bool
  ) -> String? {
    switch scope {
    case .namespace(let namespace):
      guard let pod = view.pod else {
        return explain ? "wants pods of namespace \(namespace); \(view.described) is not a pod" : ""
      }
      if pod.namespace != namespace {
        return explain
          ? "wants pods in namespace \(namespace) (a CiliumNetworkPolicy's endpoint selectors are limited to its namespace); \(pod.id) is in namespace \(pod.namespace)"
          : ""
      }
    case .anyPod:
      if !view.isPod {
        return explain ? "wants pods; \(view.described) is not a pod" : ""
      }
    case .unscoped:
      break
    }
    if selector.matches(view.identity) { return nil }
    guard explain else { return "" }
    if !view.isPod {
      return
        "wants endpoints with \(SelectorText.describe(selector)); \(view.described) is not a pod"
    }
    let why = SelectorText.miss(selector, view.identity, owner: view.id) ?? ""
    return "wants endpoints with \(SelectorText.describe(selector)); \(why)"
  }

  /// Entity membership of inventory endpoints (see Cilium peer kinds in docs/semantics.md): pods
  /// are `cluster`, other addresses `world`; `all` is everything; nodes and the API server are not
  /// in the inventory.
  func entityMatches(_ name: String, _ view: EndpointView) -> Bool {
    switch name {
    case "all": return true
    case "cluster": return view.isPod
    case "world": return !view.isPod
    case "world-ipv4": return !view.isPod && view.address?.isIPv6 != true
    case "world-ipv6": return !view.isPod && view.address?.isIPv6 == true
    default: return false
    }
  }

  // MARK: Ports

  /// Why `port` does not admit the flow's protocol and port, or `nil`.
  /// `destinationPorts` are the container ports of the destination pod (for named ports).
  func portMiss(
    _ port: CompiledPort, protocol proto: FlowProtocol, number: Int?,
    destinationPorts: [ContainerPort]?, destination: String, explain: Bool
  ) -> String? {
    guard port.protocols.contains(proto) else {
      return explain
        ? "allows \(describe(port)); the flow is \(proto.rawValue)\(number.map { " \($0)" } ?? "")"
        : ""
    }
    switch port.spec {
    case .all:
      return nil
    case .range(let low, let high):
      guard let number, number >= low, number <= high else {
        return explain
          ? "allows \(describe(port)); the flow is \(proto.rawValue) \(number.map(String.init) ?? "?")"
          : ""
      }
      return nil
    case .named(let name):
      guard let ports = destinationPorts else {
        return explain
          ? "named port '\(name)' resolves only against a pod; \(destination) is not a pod" : ""
      }
      let wanted = name.lowercased()
      let candidates = ports.filter { ($0.name?.lowercased() ?? "") == wanted }
      guard
        let container = candidates.first(where: {
          FlowProtocol(rawValue: $0.protocol.rawValue) == proto
        })
      else {
        return explain
          ? "named port '\(name)' (\(proto.rawValue)): \(destination) has no container port with that name and protocol"
          : ""
      }
      if container.port != number {
        return explain
          ? "named port '\(name)' is \(container.port)/\(proto.rawValue) on \(destination); the flow is port \(number.map(String.init) ?? "?")"
          : ""
      }
      return nil
    }
  }

  /// `TCP 80`, `UDP 1000-2000`, `TCP port 'http'`, `ANY all ports`.
  func describe(_ port: CompiledPort) -> String {
    let proto = port.protocols.count == 1 ? port.protocolText : port.protocolText
    switch port.spec {
    case .all: return "\(proto) (all ports)"
    case .range(let low, let high):
      return low == high ? "\(proto) \(low)" : "\(proto) \(low)-\(high)"
    case .named(let name): return "\(proto) port '\(name)'"
    }
  }
}

extension IPPrefix {
  /// An except range as explanations print it: the address as written with its length, IPv6
  /// as eight uncompressed groups (`10.0.0.5/32`, `fd00:0:0:0:0:0:0:0/8`).
  fileprivate var exceptRangeText: String {
    guard isIPv6 else { return "\(addressText)/\(length)" }
    let groups = (0..<8).map { index in
      String(((index < 4 ? high : low) >> UInt64(48 - 16 * (index % 4))) & 0xffff, radix: 16)
    }
    return groups.joined(separator: ":") + "/\(length)"
  }
}
