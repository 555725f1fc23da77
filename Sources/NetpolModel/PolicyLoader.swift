import Foundation

/// Result of reading files: policies, the inventory assembled from inventory files and kubectl
/// dumps, and every problem found (empty = success).
public struct LoadResult: Sendable {
  /// The policies read without problems, in input order.
  public var policies: [LoadedPolicy]
  /// The merged inventory; empty if no inventory content was seen.
  public var inventory: Inventory
  /// Whether any inventory content (inventory file, Namespace, Pod, workload) was read.
  public var hasInventory: Bool
  /// Every problem, in input order.
  public var diagnostics: [Diagnostic]
  /// What was read but left out without being a problem, one line each, in input order:
  /// `FILE:LINE:COL: skipped Service default/web (not a policy or inventory object)`.
  public var notices: [String]
  /// The policies left out because a later one has the same kind, namespace and name (as
  /// `kubectl apply` keeps only the last), one line each; also among `notices`.
  public var duplicates: [String] = []

  /// Creates a result.
  public init(
    policies: [LoadedPolicy] = [], inventory: Inventory = Inventory(), hasInventory: Bool = false,
    diagnostics: [Diagnostic] = [], notices: [String] = []
  ) {
    self.policies = policies
    self.inventory = inventory
    self.hasInventory = hasInventory
    self.diagnostics = diagnostics
    self.notices = notices
  }
}

/// Reads policies and inventories strictly from YAML or JSON files.
///
/// A document with any problem is reported and left out of `policies`; the other documents
/// are still read. Nothing the input contains makes the loader crash or hang.
public enum PolicyLoader {
  /// Reads files, directories (their `*.yaml`, `*.yml`, `*.json`, sorted, not recursive) and
  /// `-` (standard input).
  public static func load(paths: [String]) -> LoadResult {
    let session = LoadSession()
    for path in paths {
      switch InputFile.bytes(path: path) {
      case .success(let bytes): session.read(bytes: bytes, file: path)
      case .failure(.directory) where path != "-": session.read(directory: path)
      case .failure(let problem): session.fail(InputFile.diagnostic(problem, path: path))
      }
    }
    return session.finish()
  }

  /// Reads one text; `file` is the name used in diagnostics.
  public static func load(text: String, file: String) -> LoadResult {
    let session = LoadSession()
    session.read(text: text, file: file)
    return session.finish()
  }
}

/// The state of one `load` call across its files.
final class LoadSession {
  /// The most diagnostics reported per file; the rest are summarised in one line.
  static let maxDiagnosticsPerFile = 1000

  let builder = InventoryBuilder()
  var policies: [LoadedPolicy] = []
  var diagnostics: [Diagnostic] = []
  var notices: [String] = []

  func fail(_ diagnostic: Diagnostic) {
    diagnostics.append(diagnostic)
  }

  /// Reads a directory's `*.yaml`, `*.yml` and `*.json` files, sorted, not recursive.
  func read(directory path: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
      fail(Diagnostic(location: nil, path: "", message: "\(path): cannot list the directory"))
      return
    }
    let wanted = names.filter {
      $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json")
    }.sorted()
    for name in wanted {
      let file = path.hasSuffix("/") ? path + name : path + "/" + name
      switch InputFile.bytes(path: file) {
      case .success(let bytes): read(bytes: bytes, file: file)
      case .failure(.directory): continue
      case .failure(let problem): fail(InputFile.diagnostic(problem, path: file))
      }
    }
  }

  func read(bytes: [UInt8], file: String) {
    switch TextDecoding.decode(bytes, file: file) {
    case .success(let text): read(text: text, file: file)
    case .failure(let diagnostic): diagnostics.append(diagnostic)
    }
  }

  func read(text: String, file: String) {
    let source = SourceText(file: file, text: text)
    let budget = NodeBudget(remaining: 2 * text.utf8.count + 100_000)
    let documents = DocumentStream(source: source, budget: budget, builder: builder)
    documents.readAll()
    policies += documents.policies
    notices += documents.notices
    var fileDiagnostics = documents.diagnostics
    if fileDiagnostics.count > LoadSession.maxDiagnosticsPerFile {
      let hidden = fileDiagnostics.count - LoadSession.maxDiagnosticsPerFile
      fileDiagnostics.removeLast(hidden)
      var summary = Diagnostic(
        location: nil, path: "", message: "\(file): \(hidden) more problems not shown")
      summary.omitted = hidden
      fileDiagnostics.append(summary)
    }
    diagnostics += fileDiagnostics
  }

  func finish() -> LoadResult {
    let inventory = builder.finish()
    let (kept, duplicates) = Self.withoutDuplicates(policies)
    var result = LoadResult(
      policies: kept, inventory: inventory, hasInventory: builder.sawInventory,
      diagnostics: diagnostics + builder.diagnostics, notices: notices + duplicates)
    result.duplicates = duplicates
    return result
  }

  /// The policies with only the last of each kind, namespace and name, and a line for each one
  /// left out.
  static func withoutDuplicates(_ policies: [LoadedPolicy]) -> ([LoadedPolicy], [String]) {
    func key(_ policy: LoadedPolicy) -> String {
      policy.resource.kind + " " + policy.resource.qualifiedName
    }
    var last: [String: Int] = [:]
    for (index, policy) in policies.enumerated() { last[key(policy)] = index }
    guard last.count < policies.count else { return (policies, []) }
    var kept: [LoadedPolicy] = []
    var duplicates: [String] = []
    for (index, policy) in policies.enumerated() {
      guard let later = last[key(policy)], later != index else {
        kept.append(policy)
        continue
      }
      let place = policy.locations[""].map { "\($0): " } ?? ""
      let other = policies[later].locations[""].map { " at \($0)" } ?? ""
      duplicates.append(
        place + "duplicate \(policy.resource.kind) "
          + DisplayText.escaped(policy.resource.qualifiedName)
          + ": the one\(other) has the same kind, namespace and name and is used instead, as "
          + "kubectl apply would keep only the last")
    }
    return (kept, duplicates)
  }
}
