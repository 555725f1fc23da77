import NetpolEngine
import NetpolModel

/// The cluster of the upstream policy API conformance suite (kubernetes-sigs/
/// network-policy-api v0.1.8, conformance/base/manifests.yaml): four namespaces of two pods.
enum AdminFixture {
  static let gryffindor = "network-policy-conformance-gryffindor"
  static let hufflepuff = "network-policy-conformance-hufflepuff"
  static let ravenclaw = "network-policy-conformance-ravenclaw"
  static let slytherin = "network-policy-conformance-slytherin"

  /// Pod names by namespace, as in the manifests.
  static let pods: [(String, String)] = [
    (gryffindor, "harry-potter"), (hufflepuff, "cedric-diggory"), (ravenclaw, "luna-lovegood"),
    (slytherin, "draco-malfoy"),
  ]

  /// The conformance cluster; pod IPs are 10.0.N.M.
  static var inventory: Inventory {
    var namespaces: [Namespace] = []
    var result: [Pod] = []
    for (index, (namespace, name)) in pods.enumerated() {
      namespaces.append(Namespace(name: namespace, labels: ["conformance-house": namespace]))
      for replica in 0..<2 {
        result.append(
          Pod(
            namespace: namespace, name: "\(name)-\(replica)",
            labels: ["app": name], ip: "10.0.\(index).\(replica + 10)"))
      }
    }
    return Inventory(namespaces: namespaces, pods: result)
  }

  /// The policies of a YAML text (which must load without problems).
  static func policies(_ text: String) -> [PolicyResource] {
    let result = PolicyLoader.load(text: text, file: "test.yaml")
    precondition(result.diagnostics.isEmpty, "\(result.diagnostics)")
    return result.policies.map(\.resource)
  }

  /// `namespace/pod`.
  static func pod(_ inventory: Inventory, _ id: String) -> Pod {
    guard let pod = inventory.pod(id: id) else { preconditionFailure("no pod \(id)") }
    return pod
  }

  /// Whether `from` reaches `to` on `proto`/`port` under `policies`.
  static func allowed(
    _ policies: [PolicyResource], inventory: Inventory = AdminFixture.inventory, from: String,
    to: String, _ proto: FlowProtocol = .tcp, _ port: Int = 80,
    dataplane: Dataplane = .kubernetes
  ) -> Bool {
    let engine = PolicyEngine(inventory: inventory, policies: policies, dataplane: dataplane)
    let destination: Endpoint
    if let pod = inventory.pod(id: to) {
      destination = .pod(pod)
    } else if let external = inventory.external(named: to) {
      destination = .external(external)
    } else {
      destination = .address(to)
    }
    let flow = Flow(
      source: .pod(pod(inventory, from)), destination: destination, protocol: proto, port: port)
    return engine.verdict(flow) == .allow
  }

  /// The same policy as a ClusterNetworkPolicy of the given tier (v1alpha2 form).
  static func asClusterNetworkPolicy(_ resource: PolicyResource, tier: AdminTier)
    -> PolicyResource
  {
    guard case .admin(var policy) = resource else { return resource }
    policy.kind = .clusterNetworkPolicy
    policy.tier = tier
    if policy.priority == nil { policy.priority = 0 }
    return .admin(policy)
  }
}
