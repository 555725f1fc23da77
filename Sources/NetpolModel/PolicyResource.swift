/// A policy object of any supported kind.
public enum PolicyResource: Sendable, Hashable {
  /// A `networking.k8s.io/v1` NetworkPolicy.
  case networkPolicy(NetworkPolicy)
  /// A `cilium.io/v2` CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy.
  case cilium(CiliumPolicy)
  /// A `policy.networking.k8s.io` AdminNetworkPolicy, BaselineAdminNetworkPolicy or
  /// ClusterNetworkPolicy.
  case admin(AdminPolicy)

  /// The object's metadata.
  public var metadata: ObjectMeta {
    get {
      switch self {
      case .networkPolicy(let policy): return policy.metadata
      case .cilium(let policy): return policy.metadata
      case .admin(let policy): return policy.metadata
      }
    }
    set {
      switch self {
      case .networkPolicy(var policy):
        policy.metadata = newValue
        self = .networkPolicy(policy)
      case .cilium(var policy):
        policy.metadata = newValue
        self = .cilium(policy)
      case .admin(var policy):
        policy.metadata = newValue
        self = .admin(policy)
      }
    }
  }

  /// The object's `kind`, e.g. `NetworkPolicy`.
  public var kind: String {
    switch self {
    case .networkPolicy: return "NetworkPolicy"
    case .cilium(let policy): return policy.kind.rawValue
    case .admin(let policy): return policy.kind.rawValue
    }
  }

  /// The object's `apiVersion`.
  public var apiVersion: String {
    switch self {
    case .networkPolicy: return "networking.k8s.io/v1"
    case .cilium: return "cilium.io/v2"
    case .admin(let policy): return policy.kind.apiVersion
    }
  }

  /// Whether the object is cluster-scoped (CiliumClusterwideNetworkPolicy and the admin kinds).
  public var isClusterScoped: Bool {
    if case .cilium(let policy) = self { return policy.kind == .clusterwideNetworkPolicy }
    if case .admin = self { return true }
    return false
  }

  /// `namespace/name` for namespaced objects, `name` for cluster-scoped ones; a missing
  /// namespace reads as `default`, as kubectl would apply it.
  public var qualifiedName: String {
    isClusterScoped ? metadata.name : "\(metadata.namespace ?? "default")/\(metadata.name)"
  }
}

/// A 1-based position in an input file.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  /// The file's path as given by the user, or `-` for standard input.
  public var file: String
  /// The 1-based line.
  public var line: Int
  /// The 1-based column.
  public var column: Int

  /// Creates a location.
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `FILE:LINE:COL`.
  public var description: String { "\(file):\(line):\(column)" }
}

/// A policy read from a file, with the position of every field for diagnostics.
public struct LoadedPolicy: Sendable, Hashable {
  /// The policy object.
  public var resource: PolicyResource
  /// Where each field was written, keyed by its path relative to the document, e.g.
  /// `spec.ingress[0].from[1].podSelector`; the document itself is under the empty path.
  public var locations: [String: SourceLocation]

  /// Creates a loaded policy.
  public init(resource: PolicyResource, locations: [String: SourceLocation] = [:]) {
    self.resource = resource
    self.locations = locations
  }

  /// The location of the field at `path`, or of its nearest written ancestor.
  public func location(of path: String) -> SourceLocation? {
    var current = path
    while true {
      if let found = locations[current] { return found }
      guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else {
        return locations[""]
      }
      current = String(current[..<cut])
    }
  }
}

/// A problem found in user input, reported as one line:
/// `FILE:LINE:COL: path.to.field: what is wrong`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
  /// Where the problem is, when known.
  public var location: SourceLocation?
  /// The field path, e.g. `spec.ingress[0].ports[0].port`; empty for the whole document.
  public var path: String
  /// What is wrong, in words meant for the user.
  public var message: String
  /// An optional excerpt of the offending line with a caret under the column.
  public var excerpt: String?
  /// For a line that stands for problems left out of a long report, how many it stands for;
  /// 0 for a diagnostic that is one problem.
  public var omitted = 0

  /// Creates a diagnostic.
  public init(location: SourceLocation?, path: String, message: String, excerpt: String? = nil) {
    self.location = location
    self.path = path
    self.message = message
    self.excerpt = excerpt
  }

  /// How many problems `diagnostics` report, counting those a summary line stands for.
  public static func problemCount(_ diagnostics: [Diagnostic]) -> Int {
    diagnostics.reduce(0) { $0 + ($1.omitted > 0 ? $1.omitted : 1) }
  }

  /// The one-line form: `FILE:LINE:COL: path: message`.
  public var description: String {
    var parts: [String] = []
    if let location { parts.append(location.description) }
    if !path.isEmpty { parts.append(path) }
    parts.append(message)
    return parts.joined(separator: ": ")
  }
}
