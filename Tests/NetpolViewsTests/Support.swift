import Foundation
import NetpolEngine
import NetpolModel
import NetpolViews

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// The engine of the example cluster under `examples/shop` with its policies.
func shopEngine() -> PolicyEngine {
  let cluster = PolicyLoader.load(
    paths: [repositoryRoot.appendingPathComponent("examples/shop/cluster.yaml").path])
  let policies = PolicyLoader.load(
    paths: [repositoryRoot.appendingPathComponent("examples/shop/policies.yaml").path])
  return PolicyEngine(
    inventory: cluster.inventory, policies: policies.policies.map(\.resource), dataplane: nil)
}

/// Renders the engine's matrices for `ports` with `options`.
func render(
  _ engine: PolicyEngine, _ ports: [(FlowProtocol, Int)], _ options: MatrixViewOptions
) -> String {
  MatrixRenderer.string(
    ports.map { engine.matrixRows(protocol: $0.0, port: $0.1) },
    context: MatrixContext(engine: engine), options: options)
}

/// The parsed JSON object of a text.
func jsonObject(_ text: String) throws -> [String: Any] {
  try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
}
