/// `networking.k8s.io/v1` NetworkPolicy rules of the API server (`ValidateNetworkPolicySpec`).
extension Checker {
  mutating func networkPolicySpec(_ spec: NetworkPolicySpec) {
    selector(spec.podSelector, at: "spec.podSelector", cilium: false)
    if let types = spec.policyTypes, types.count > 2 {
      report("spec.policyTypes", "may not specify more than two policyTypes")
    }
    for (index, rule) in (spec.ingress ?? []).enumerated() {
      networkPolicyRule(rule, at: "spec.ingress[\(index)]", peersKey: "from")
    }
    for (index, rule) in (spec.egress ?? []).enumerated() {
      networkPolicyRule(rule, at: "spec.egress[\(index)]", peersKey: "to")
    }
  }

  mutating func networkPolicyRule(_ rule: NetworkPolicyRule, at path: String, peersKey: String) {
    for (index, port) in (rule.ports ?? []).enumerated() {
      networkPolicyPort(port, at: "\(path).ports[\(index)]")
    }
    for (index, peer) in (rule.peers ?? []).enumerated() {
      networkPolicyPeer(peer, at: "\(path).\(peersKey)[\(index)]")
    }
  }

  mutating func networkPolicyPort(_ port: NetworkPolicyPort, at path: String) {
    switch port.port {
    case .number(let number):
      if let problem = Validation.portNumber(number) {
        report("\(path).port", "invalid value \(number): \(problem)")
      }
      if let endPort = port.endPort {
        if let problem = Validation.portNumber(endPort) {
          report("\(path).endPort", "invalid value \(endPort): \(problem)")
        } else if endPort < number {
          report("\(path).endPort", "must be greater than or equal to `port`")
        }
      }
    case .name(let name):
      check(Validation.portName(name), name, at: "\(path).port")
      if port.endPort != nil {
        report("\(path).endPort", "may not be specified when `port` is non-numeric")
      }
    case nil:
      if port.endPort != nil {
        report("\(path).endPort", "may not be specified when `port` is not specified")
      }
    }
  }

  mutating func networkPolicyPeer(_ peer: NetworkPolicyPeer, at path: String) {
    var count = 0
    if let podSelector = peer.podSelector {
      count += 1
      selector(podSelector, at: "\(path).podSelector", cilium: false)
    }
    if let namespaceSelector = peer.namespaceSelector {
      count += 1
      selector(namespaceSelector, at: "\(path).namespaceSelector", cilium: false)
    }
    if let block = peer.ipBlock {
      count += 1
      cidrWithExcept(block.cidr, except: block.except, at: "\(path).ipBlock")
    }
    if count == 0 {
      report(path, "must specify a peer (podSelector, namespaceSelector or ipBlock)")
    } else if count > 1, peer.ipBlock != nil {
      report(path, "may not specify both ipBlock and another peer")
    }
  }
}
