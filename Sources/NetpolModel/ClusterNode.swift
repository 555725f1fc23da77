/// A node of the cluster: its labels (matched by `nodes` selectors) and its addresses (the
/// `InternalIP`/`ExternalIP` entries of `status.addresses`), which its host-network pods share.
public struct ClusterNode: Sendable, Hashable {
  /// The node's name.
  public var name: String
  /// The node's labels.
  public var labels: [String: String]
  /// The node's IP addresses.
  public var ips: [String]

  /// Creates a node.
  public init(name: String, labels: [String: String] = [:], ips: [String] = []) {
    self.name = name
    self.labels = labels
    self.ips = ips
  }
}

extension Inventory {
  /// The node with this name, if listed.
  public func node(named name: String) -> ClusterNode? {
    nodes.first { $0.name == name }
  }

  /// The node that owns this address, if any.
  public func node(ip: String) -> ClusterNode? {
    guard let wanted = IPPrefix(ip) else { return nil }
    return nodes.first { node in node.ips.contains { IPPrefix($0) == wanted } }
  }

  /// The address a pod is reached at: its own, or its node's first address for a
  /// host-network pod.
  public func address(of pod: Pod) -> String? {
    guard pod.hostNetwork else { return pod.ip }
    return pod.node.flatMap { node(named: $0)?.ips.first }
  }
}
