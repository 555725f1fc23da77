import Foundation
import NetpolModel

/// `save --cluster FILE [--force]`: the cluster as an inventory file.
extension Interpreter {
  mutating func saveClusterCommand(_ arguments: inout Arguments) throws(ShellError) {
    let pathToken = try arguments.next("a FILE to write the cluster to")
    let force = arguments.take("--force") != nil || arguments.take("-f") != nil
    try arguments.expectEnd("save --cluster FILE [--force]")
    try writeSaved(
      YAMLWriter.inventory(state.inventory), to: pathToken, force: force, retry: "save --cluster")
    if teaching.saved == nil { savedInventory = state.inventory }
    let inventory = state.inventory
    print(
      "saved the cluster (\(inventory.namespaces.count) namespaces, \(inventory.pods.count) pods"
        + (inventory.external.isEmpty ? "" : ", \(inventory.external.count) external")
        + ") to \(pathToken.text)")
  }
}
