/// The part of Kubernetes object metadata a policy carries.
public struct ObjectMeta: Sendable, Hashable {
  /// The object's name (a DNS-1123 subdomain).
  public var name: String
  /// The namespace, for namespaced kinds; `nil` when not given (or cluster-scoped).
  public var namespace: String?
  /// Labels of the object.
  public var labels: [String: String]
  /// Annotations of the object.
  public var annotations: [String: String]

  /// Creates metadata.
  public init(
    name: String, namespace: String? = nil, labels: [String: String] = [:],
    annotations: [String: String] = [:]
  ) {
    self.name = name
    self.namespace = namespace
    self.labels = labels
    self.annotations = annotations
  }
}
