import Foundation
import NetpolModel

/// `save --cluster FILE [--force]`: the cluster as an inventory file.
extension Interpreter {
  mutating func saveClusterCommand(_ arguments: inout Arguments) throws(ShellError) {
    let pathToken = try arguments.next("a FILE to write the cluster to")
    let force = arguments.take("--force") != nil || arguments.take("-f") != nil
    try arguments.expectEnd("save --cluster FILE [--force]")
    let path = Self.absolutePath(Self.expandingTilde(pathToken.text))
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      if isDirectory.boolValue {
        throw ShellError("\(pathToken.text) is a directory", at: pathToken)
      }
      if !force && !session.writtenFiles.contains(path) {
        throw ShellError(
          "\(pathToken.text) exists and this session did not write it; "
            + "`save --cluster \(pathToken.text) --force` replaces it", at: pathToken)
      }
    }
    let text = YAMLWriter.inventory(state.inventory)
    do {
      try AtomicFile.replace(path, with: text)
    } catch {
      throw ShellError("cannot write \(pathToken.text): \(error)", at: pathToken)
    }
    session.markWritten(path)
    if teaching.saved == nil { savedInventory = state.inventory }
    let inventory = state.inventory
    print(
      "saved the cluster (\(inventory.namespaces.count) namespaces, \(inventory.pods.count) pods"
        + (inventory.external.isEmpty ? "" : ", \(inventory.external.count) external")
        + ") to \(pathToken.text)")
  }
}
