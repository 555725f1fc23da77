import NetpolEngine
import NetpolModel

/// What `explain` and `connect` used for an endpoint or a port a user named by workload or by
/// port name, and the line that says so.
public struct EndpointChoice: Sendable, Hashable {
  /// The pod id or address to evaluate.
  public var id: String
  /// `shop/api is Deployment shop/api (4 pods): using shop/api-7d9f-abcde`, or `nil` when the
  /// text named the endpoint itself.
  public var note: String?
}

extension ViewScope {
  /// The endpoint `text` stands for: itself, or for a workload (`shop/api`, or `api` when only
  /// one workload has that name) its first pod by name, with a note naming the pod.
  public func choose(_ text: String) -> EndpointChoice {
    if pod(id: text) != nil || externalNames.contains(text) { return EndpointChoice(id: text) }
    guard let workload = workload(named: text), workload.kind != "Pod" else {
      return EndpointChoice(id: text)
    }
    let members = inventory.pods.filter { $0.namespace == workload.namespace }
      .filter { self.workload(of: $0) == workload }.sorted { $0.name < $1.name }
    guard let first = members.first else { return EndpointChoice(id: text) }
    let count = members.count == 1 ? "1 pod" : "\(members.count) pods"
    return EndpointChoice(
      id: first.id,
      note: "\(text) is \(workload.kind) \(workload.id) (\(count)): using \(first.id)")
  }

  /// The number and protocol of the container port called `name` on pod `id`, with a note
  /// (`port http of shop/api-7d9f-abcde is 8080/TCP`); `nil` when the pod declares no such port.
  public func namedPort(_ name: String, on id: String) -> (FlowProtocol, Int, String)? {
    guard let pod = pod(id: id), let port = pod.ports.first(where: { $0.name == name }),
      let proto = FlowProtocol(name: port.protocol.rawValue)
    else { return nil }
    return (proto, port.port, "port \(name) of \(id) is \(port.port)/\(proto.rawValue)")
  }
}
