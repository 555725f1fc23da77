import NetpolModel

/// A problem with a view's arguments, for the front end to word next to the offending input.
public enum ViewError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A `--from`/`--to` pattern names nothing in the inventory.
  case unknownEndpoint(String)
  /// A `--from`/`--to` pattern is not valid selector syntax.
  case invalidSelector(String, reason: String)

  /// One line for the user.
  public var description: String {
    switch self {
    case .unknownEndpoint(let text):
      return "no namespace, workload, pod or external endpoint `\(text)` in the cluster"
    case .invalidSelector(let text, let reason):
      return "invalid selector `\(text)`: \(reason)"
    }
  }
}

/// Which pods and external endpoints a view shows, as written after `--from` or `--to`: a label
/// selector (`app=web`, `tier in (a,b)`), `NS/NAME` (a pod or a workload), a namespace, a
/// workload or external endpoint name, or a glob over `NS/NAME` (`web-prod/*`, `*/api-*`).
public enum EndpointPattern: Sendable, Hashable {
  /// Pods whose labels match.
  case selector(LabelSelector)
  /// Pods of a namespace.
  case namespace(String)
  /// One pod by id, or one external endpoint by name.
  case endpoint(String)
  /// The pods of a workload.
  case workload(WorkloadKey)
  /// Pods (by `NS/NAME` or their workload's `NS/NAME`) and externals (by name) matching a glob.
  case glob(String)

  /// Reads a pattern, checking that it names something in `scope`.
  public static func parse(_ text: String, scope: ViewScope) throws(ViewError) -> EndpointPattern {
    if text.contains("*") || text.contains("?") { return .glob(text) }
    if text.contains("=") || text.contains("!") || text.contains("(") {
      do {
        return .selector(try SelectorSyntax.parse(text))
      } catch {
        throw .invalidSelector(text, reason: error.message)
      }
    }
    if scope.pod(id: text) != nil || scope.externalNames.contains(text) { return .endpoint(text) }
    if let workload = scope.workload(named: text) { return .workload(workload) }
    if scope.namespaces.contains(text) { return .namespace(text) }
    throw .unknownEndpoint(text)
  }

  /// Whether the pod or external endpoint `id` is selected.
  public func matches(_ id: String, scope: ViewScope) -> Bool {
    let pod = scope.pod(id: id)
    switch self {
    case .selector(let selector): return pod.map { selector.matches($0.labels) } ?? false
    case .namespace(let namespace): return pod?.namespace == namespace
    case .endpoint(let name): return id == name
    case .workload(let workload): return pod.map { scope.workload(of: $0) == workload } ?? false
    case .glob(let pattern):
      if Glob.matches(pattern, id) { return true }
      return pod.map { Glob.matches(pattern, scope.workload(of: $0).id) } ?? false
    }
  }
}

/// Shell-style globs: `*` any run of characters, `?` one character.
enum Glob {
  /// Whether `text` matches `pattern` as a whole.
  static func matches(_ pattern: String, _ text: String) -> Bool {
    let p = Array(pattern)
    let t = Array(text)
    var pi = 0
    var ti = 0
    var star = -1
    var mark = 0
    while ti < t.count {
      if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
        pi += 1
        ti += 1
      } else if pi < p.count && p[pi] == "*" {
        star = pi
        mark = ti
        pi += 1
      } else if star >= 0 {
        pi = star + 1
        mark += 1
        ti = mark
      } else {
        return false
      }
    }
    while pi < p.count && p[pi] == "*" { pi += 1 }
    return pi == p.count
  }
}
