import NetpolEngine
import NetpolModel

/// Small builders so each conformance case reads like the YAML it models.
enum Fixture {
  /// A namespace with labels.
  static func ns(_ name: String, _ labels: [String: String] = [:]) -> Namespace {
    Namespace(name: name, labels: labels)
  }

  /// A pod `ns/name` with labels, IP and TCP ports.
  static func pod(
    _ id: String, _ labels: [String: String] = [:], ip: String? = nil,
    ports: [ContainerPort] = []
  ) -> Pod {
    let parts = id.split(separator: "/").map(String.init)
    return Pod(namespace: parts[0], name: parts[1], labels: labels, ip: ip, ports: ports)
  }

  /// A NetworkPolicy.
  static func np(
    _ id: String, select: LabelSelector = .everything, types: [PolicyType]? = nil,
    ingress: [NetworkPolicyRule]? = nil, egress: [NetworkPolicyRule]? = nil
  ) -> PolicyResource {
    let parts = id.split(separator: "/").map(String.init)
    return .networkPolicy(
      NetworkPolicy(
        metadata: ObjectMeta(name: parts[1], namespace: parts[0]),
        spec: NetworkPolicySpec(
          podSelector: select, policyTypes: types, ingress: ingress, egress: egress)))
  }

  /// A CiliumNetworkPolicy with one `spec` rule.
  static func cnp(_ id: String, _ rule: CiliumRule) -> PolicyResource {
    let parts = id.split(separator: "/").map(String.init)
    return .cilium(
      CiliumPolicy(
        kind: .networkPolicy, metadata: ObjectMeta(name: parts[1], namespace: parts[0]),
        spec: rule))
  }

  /// A CiliumClusterwideNetworkPolicy with one `spec` rule.
  static func ccnp(_ name: String, _ rule: CiliumRule) -> PolicyResource {
    .cilium(
      CiliumPolicy(kind: .clusterwideNetworkPolicy, metadata: ObjectMeta(name: name), spec: rule))
  }

  /// A selector from matchLabels.
  static func sel(_ labels: [String: String]) -> LabelSelector {
    LabelSelector(matchLabels: labels)
  }

  /// A numeric NetworkPolicy port.
  static func port(_ number: Int, _ proto: L4Protocol? = nil, end: Int? = nil) -> NetworkPolicyPort
  {
    NetworkPolicyPort(protocol: proto, port: .number(number), endPort: end)
  }

  /// A Cilium port rule.
  static func toPorts(
    _ port: String, _ proto: CiliumProtocol? = nil, end: Int? = nil, rules: L7Rules? = nil
  )
    -> PortRule
  {
    PortRule(ports: [CiliumPort(port: port, endPort: end, protocol: proto)], rules: rules)
  }
}

/// An engine plus shorthand flow checks.
struct World {
  /// The engine under test.
  var engine: PolicyEngine

  /// Builds the engine.
  init(
    namespaces: [Namespace] = [], pods: [Pod], external: [ExternalEndpoint] = [],
    policies: [PolicyResource], dataplane: Dataplane? = nil, options: EngineOptions = .init()
  ) {
    engine = PolicyEngine(
      inventory: Inventory(namespaces: namespaces, pods: pods, external: external),
      policies: policies, dataplane: dataplane, options: options)
  }

  /// The flow `from -> to` (each resolved like the CLI does).
  func flow(
    _ from: String, _ to: String, _ port: Int? = 80, _ proto: FlowProtocol = .tcp,
    icmpType: Int? = nil, method: String? = nil, path: String? = nil
  ) -> Flow {
    // Test fixtures always name existing endpoints.
    let source = (try? engine.resolve(from)) ?? .address(from)
    let destination = (try? engine.resolve(to)) ?? .address(to)
    return Flow(
      source: source, destination: destination, protocol: proto, port: port, icmpType: icmpType,
      httpMethod: method, httpPath: path)
  }

  /// The verdict of `from -> to`.
  func verdict(
    _ from: String, _ to: String, _ port: Int? = 80, _ proto: FlowProtocol = .tcp,
    icmpType: Int? = nil, method: String? = nil, path: String? = nil
  ) -> Verdict {
    engine.verdict(
      flow(from, to, port, proto, icmpType: icmpType, method: method, path: path))
  }

  /// The explanation of `from -> to`.
  func explain(
    _ from: String, _ to: String, _ port: Int? = 80, _ proto: FlowProtocol = .tcp,
    icmpType: Int? = nil, method: String? = nil, path: String? = nil
  ) -> Explanation {
    engine.explain(
      flow(from, to, port, proto, icmpType: icmpType, method: method, path: path))
  }

  /// Whether matrix and single-flow verdicts agree on every pod pair (and externals).
  func matrixAgrees(port: Int = 80, proto: FlowProtocol = .tcp) -> Bool {
    let matrix = engine.matrix(protocol: proto, port: port)
    for (row, source) in matrix.sources.enumerated() {
      for (column, destination) in matrix.destinations.enumerated() {
        let expected = engine.verdict(flow(source, destination, port, proto))
        if matrix.verdicts[row][column] != expected { return false }
      }
    }
    return true
  }
}
