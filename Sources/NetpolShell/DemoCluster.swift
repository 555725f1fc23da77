import NetpolModel

/// The bundled demo cluster (`examples/demo/cluster.yaml`), compiled into the binary so that an
/// installed `netpol` finds it.
public enum DemoCluster {
  /// The file name diagnostics use for the bundled text.
  public static let fileName = "examples/demo/cluster.yaml"

  /// The inventory file's text.
  public static var text: String {
    String(decoding: PackageResources.demo_cluster_yaml, as: UTF8.self)
  }

  /// The demo inventory, or the problems reading it (never expected: tests read it).
  public static func inventory() -> Result<Inventory, ShellError> {
    let result = PolicyLoader.load(text: text, file: fileName)
    if let problem = result.diagnostics.first {
      return .failure(ShellError(problem.description))
    }
    return .success(result.inventory)
  }
}
