/// The document tree of a policy: the envelope, metadata, label selectors and NetworkPolicy.
///
/// Field order follows the Go API types (`k8s.io/api/networking/v1/types.go`,
/// `apimachinery/pkg/apis/meta/v1/types.go`), which is also the order in which the Kubernetes
/// documentation writes its examples; `kubectl get -o yaml` instead sorts keys alphabetically,
/// which puts `kind` before `metadata` but `ports` before `to` and `podSelector` after
/// `policyTypes`, hard to read. The exceptions, chosen for reading order:
/// - `spec` lists `podSelector`, `policyTypes`, `ingress`, `egress` (types.go puts policyTypes
///   last): what is selected and which directions it isolates come before the rules.
/// - A rule lists `ports` before `from`/`to`, as types.go declares `NetworkPolicyIngressRule`
///   and `NetworkPolicyEgressRule`.
extension YAMLWriter {
  /// The whole document for a policy.
  static func node(for resource: PolicyResource) -> Node {
    var document = MappingBuilder()
    document.add("apiVersion", .string(resource.apiVersion))
    document.add("kind", .string(resource.kind))
    document.add("metadata", metadataNode(resource.metadata))
    switch resource {
    case .networkPolicy(let policy):
      document.add("spec", networkPolicySpecNode(policy.spec))
    case .cilium(let policy):
      document.add("spec", policy.spec.map(ciliumRuleNode))
      document.add("specs", list: policy.specs, ciliumRuleNode)
    case .admin(let policy):
      document.add("spec", adminSpecNode(policy))
    }
    return document.node
  }

  /// `metadata`: name, namespace, labels and annotations (both sorted by key).
  static func metadataNode(_ metadata: ObjectMeta) -> Node {
    var node = MappingBuilder()
    node.add("name", .string(metadata.name))
    node.add("namespace", string: metadata.namespace)
    if !metadata.labels.isEmpty { node.add("labels", .sortedMap(metadata.labels)) }
    if !metadata.annotations.isEmpty { node.add("annotations", .sortedMap(metadata.annotations)) }
    return node.node
  }

  /// A label selector: `matchLabels` (sorted), then `matchExpressions` as written; `{}` when
  /// empty.
  static func selectorNode(_ selector: LabelSelector) -> Node {
    var node = MappingBuilder()
    if !selector.matchLabels.isEmpty { node.add("matchLabels", .sortedMap(selector.matchLabels)) }
    if !selector.matchExpressions.isEmpty {
      node.add(
        "matchExpressions",
        .sequence(
          selector.matchExpressions.map { requirement in
            var entry = MappingBuilder()
            entry.add("key", .string(requirement.key))
            entry.add("operator", .string(requirement.operator.rawValue))
            if !requirement.values.isEmpty { entry.add("values", .strings(requirement.values)) }
            return entry.node
          }))
    }
    return node.node
  }

  /// `spec` of a NetworkPolicy; `podSelector` is always written (`{}` selects every pod).
  static func networkPolicySpecNode(_ spec: NetworkPolicySpec) -> Node {
    var node = MappingBuilder()
    node.add("podSelector", selectorNode(spec.podSelector))
    node.add("policyTypes", list: spec.policyTypes) { .string($0.rawValue) }
    node.add("ingress", list: spec.ingress) { networkPolicyRuleNode($0, peersKey: "from") }
    node.add("egress", list: spec.egress) { networkPolicyRuleNode($0, peersKey: "to") }
    return node.node
  }

  /// One ingress (`from`) or egress (`to`) rule: `ports`, then the peers.
  static func networkPolicyRuleNode(_ rule: NetworkPolicyRule, peersKey: String) -> Node {
    var node = MappingBuilder()
    node.add("ports", list: rule.ports, networkPolicyPortNode)
    node.add(peersKey, list: rule.peers, networkPolicyPeerNode)
    return node.node
  }

  /// A `NetworkPolicyPort`: `protocol`, `port` (a number, or a string for a named port),
  /// `endPort`.
  static func networkPolicyPortNode(_ port: NetworkPolicyPort) -> Node {
    var node = MappingBuilder()
    node.add("protocol", string: port.protocol?.rawValue)
    switch port.port {
    case .number(let number): node.add("port", .int(number))
    case .name(let name): node.add("port", .string(name))
    case nil: break
    }
    node.add("endPort", int: port.endPort)
    return node.node
  }

  /// A `NetworkPolicyPeer`: `podSelector`, `namespaceSelector`, `ipBlock`.
  static func networkPolicyPeerNode(_ peer: NetworkPolicyPeer) -> Node {
    var node = MappingBuilder()
    node.add("podSelector", peer.podSelector.map(selectorNode))
    node.add("namespaceSelector", peer.namespaceSelector.map(selectorNode))
    if let block = peer.ipBlock {
      var ipBlock = MappingBuilder()
      ipBlock.add("cidr", .string(block.cidr))
      if !block.except.isEmpty { ipBlock.add("except", .strings(block.except)) }
      node.add("ipBlock", ipBlock.node)
    }
    return node.node
  }
}
