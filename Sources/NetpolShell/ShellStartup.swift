import NetpolModel

/// Builds the session a shell or script starts with: the cluster (a file, else the bundled
/// demo) and preloaded policy files.
public enum ShellStartup {
  /// What a start-up produced: the state, and a one-line description of where it came from.
  public struct Start: Sendable {
    /// The initial state.
    public var state: SessionState
    /// `demo cluster (examples/demo/cluster.yaml): 2 namespaces, 4 pods` and the like.
    public var description: String
  }

  /// Reads `clusterPath` (or the demo cluster) and `policyPaths`; returns every problem found
  /// when something cannot be read.
  public static func start(clusterPath: String?, policyPaths: [String]) -> Result<
    Start, StartupFailure
  > {
    var inventory: Inventory
    var source: String
    if let clusterPath {
      let result = PolicyLoader.load(paths: [clusterPath])
      guard result.diagnostics.isEmpty else { return .failure(.init(result.diagnostics)) }
      guard result.hasInventory else {
        return .failure(
          .init([
            Diagnostic(
              location: nil, path: "",
              message: "\(clusterPath): no inventory (namespaces, pods) found in this file")
          ]))
      }
      inventory = result.inventory
      source = "cluster \(clusterPath)"
    } else {
      let result = PolicyLoader.load(text: DemoCluster.text, file: DemoCluster.fileName)
      guard result.diagnostics.isEmpty else { return .failure(.init(result.diagnostics)) }
      inventory = result.inventory
      source = "demo cluster (\(DemoCluster.fileName))"
    }
    var policies: [PolicyResource] = []
    if !policyPaths.isEmpty {
      let result = PolicyLoader.load(paths: policyPaths)
      guard result.diagnostics.isEmpty else { return .failure(.init(result.diagnostics)) }
      if result.hasInventory && clusterPath == nil {
        inventory = result.inventory
        source = "cluster from " + policyPaths.joined(separator: " ")
      }
      for loaded in result.policies {
        policies.removeAll { $0.qualifiedName == loaded.resource.qualifiedName }
        policies.append(loaded.resource)
      }
    }
    var description =
      "\(source): \(inventory.namespaces.count) namespaces, \(inventory.pods.count) pods"
    if !policies.isEmpty {
      description += ", " + (policies.count == 1 ? "1 policy" : "\(policies.count) policies")
    }
    return .success(
      Start(state: SessionState(inventory: inventory, policies: policies), description: description)
    )
  }
}

/// The problems that stopped a start-up.
public struct StartupFailure: Error, Sendable {
  /// Every problem, one line each.
  public var diagnostics: [Diagnostic]

  /// Creates a failure.
  public init(_ diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics
  }
}
