/// A namespace of the inventory.
public struct Namespace: Sendable, Hashable {
  /// The namespace's name.
  public var name: String
  /// Its labels, always including `kubernetes.io/metadata.name` (as the API server adds).
  public var labels: [String: String]

  /// Creates a namespace; adds the `kubernetes.io/metadata.name` label.
  public init(name: String, labels: [String: String] = [:]) {
    self.name = name
    var all = labels
    all[Namespace.nameLabel] = name
    self.labels = all
  }

  /// The label the API server puts on every namespace, whose value is the namespace's name.
  public static let nameLabel = "kubernetes.io/metadata.name"
}

/// A named container port of a pod.
public struct ContainerPort: Sendable, Hashable {
  /// The port's IANA name, if any.
  public var name: String?
  /// The port number.
  public var port: Int
  /// The protocol (TCP when omitted in the inventory).
  public var `protocol`: L4Protocol

  /// Creates a container port.
  public init(name: String? = nil, port: Int, protocol: L4Protocol = .tcp) {
    self.name = name
    self.port = port
    self.protocol = `protocol`
  }
}

/// A pod of the inventory.
public struct Pod: Sendable, Hashable {
  /// The pod's namespace.
  public var namespace: String
  /// The pod's name.
  public var name: String
  /// The pod's labels.
  public var labels: [String: String]
  /// The pod's IP address, if known.
  public var ip: String?
  /// The pod's container ports.
  public var ports: [ContainerPort]
  /// The name of the node the pod runs on, if known.
  public var node: String?
  /// Whether the pod uses its node's network namespace (`spec.hostNetwork`): it has the
  /// node's address, and policies see it as that node rather than as a pod.
  public var hostNetwork: Bool
  /// The workload that controls the pod (its Deployment, StatefulSet, DaemonSet, Job or
  /// CronJob), when it has one.
  public var controller: WorkloadRef?

  /// Creates a pod.
  public init(
    namespace: String, name: String, labels: [String: String] = [:], ip: String? = nil,
    ports: [ContainerPort] = [], node: String? = nil, hostNetwork: Bool = false,
    controller: WorkloadRef? = nil
  ) {
    self.namespace = namespace
    self.name = name
    self.labels = labels
    self.ip = ip
    self.ports = ports
    self.node = node
    self.hostNetwork = hostNetwork
    self.controller = controller
  }

  /// The workload the pod belongs to: its controller, else the pod itself (kind `Pod`).
  public var workload: WorkloadRef {
    controller ?? WorkloadRef(kind: "Pod", name: name)
  }

  /// `namespace/name`, the pod's identifier in matrices and commands.
  public var id: String { "\(namespace)/\(name)" }
}

/// A workload in the pod's namespace: its kind (`Deployment`, `StatefulSet`, `DaemonSet`, `Job`,
/// `CronJob`, `ReplicaSet`, `ReplicationController`, or `Pod` for a pod on its own) and name.
public struct WorkloadRef: Sendable, Hashable {
  /// The kind, as Kubernetes spells it.
  public var kind: String
  /// The name.
  public var name: String

  /// Creates a reference.
  public init(kind: String, name: String) {
    self.kind = kind
    self.name = name
  }
}

/// An endpoint outside the cluster: a DNS name with addresses, or a named address/CIDR.
public struct ExternalEndpoint: Sendable, Hashable {
  /// The name: a DNS name (for `fqdn` entries) or a label for a bare address.
  public var name: String
  /// Whether `name` is a DNS name that pods resolve (an `fqdn` entry).
  public var isFQDN: Bool
  /// The addresses (or CIDRs) the endpoint has.
  public var ips: [String]

  /// Creates an external endpoint.
  public init(name: String, isFQDN: Bool, ips: [String]) {
    self.name = name
    self.isFQDN = isFQDN
    self.ips = ips
  }
}

/// The cluster that policies act on: namespaces, pods and external endpoints.
public struct Inventory: Sendable, Hashable {
  /// Namespaces, including those only named by pods (added with no labels of their own).
  public private(set) var namespaces: [Namespace]
  /// Pods, in the order given.
  public var pods: [Pod]
  /// External endpoints, in the order given.
  public var external: [ExternalEndpoint]
  /// Nodes, in the order given.
  public var nodes: [ClusterNode]

  /// Creates an inventory; namespaces that pods use but `namespaces` lacks are added.
  public init(
    namespaces: [Namespace] = [], pods: [Pod] = [], external: [ExternalEndpoint] = [],
    nodes: [ClusterNode] = []
  ) {
    self.namespaces = namespaces
    self.pods = pods
    self.external = external
    self.nodes = nodes
    completeNamespaces()
  }

  /// Adds or replaces a namespace by name.
  public mutating func upsert(namespace: Namespace) {
    if let index = namespaces.firstIndex(where: { $0.name == namespace.name }) {
      namespaces[index] = namespace
    } else {
      namespaces.append(namespace)
    }
  }

  /// Removes a namespace by name (pods are left alone; their namespace is re-added bare).
  public mutating func removeNamespace(named name: String) {
    namespaces.removeAll { $0.name == name }
    completeNamespaces()
  }

  /// Adds any namespace a pod names that is not yet listed.
  public mutating func completeNamespaces() {
    var known = Set(namespaces.map(\.name))
    for pod in pods where !known.contains(pod.namespace) {
      namespaces.append(Namespace(name: pod.namespace))
      known.insert(pod.namespace)
    }
  }

  /// The namespace with this name, if listed.
  public func namespace(named name: String) -> Namespace? {
    namespaces.first { $0.name == name }
  }

  /// The pod with this `namespace/name` identifier, if present.
  public func pod(id: String) -> Pod? {
    pods.first { $0.id == id }
  }

  /// The pod whose IP is this address, if any.
  public func pod(ip: String) -> Pod? {
    pods.first { $0.ip == ip }
  }

  /// The external endpoint with this name, if any (DNS names compare case-insensitively).
  public func external(named name: String) -> ExternalEndpoint? {
    let wanted = name.lowercased()
    return external.first { $0.name.lowercased() == wanted }
  }
}
