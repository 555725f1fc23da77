import Foundation
import NetpolModel

/// Helpers for the loader tests: load a fixture text and look at the one-line diagnostics.
enum Fixture {
  /// Loads `text` as the file `file`.
  static func load(_ text: String, file: String = "bad.yaml") -> LoadResult {
    PolicyLoader.load(text: text, file: file)
  }

  /// The one-line diagnostics for `text`.
  static func messages(_ text: String, file: String = "bad.yaml") -> [String] {
    load(text, file: file).diagnostics.map(\.description)
  }

  /// The only policy of `text`, or nil when there is not exactly one or there are problems.
  static func policy(_ text: String) -> LoadedPolicy? {
    let result = load(text, file: "ok.yaml")
    guard result.diagnostics.isEmpty, result.policies.count == 1 else { return nil }
    return result.policies[0]
  }

  /// A fresh empty directory under the temporary directory.
  static func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "netpol-model-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Writes `bytes` to `path`.
  static func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }
}
