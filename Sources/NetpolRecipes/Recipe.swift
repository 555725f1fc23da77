import Foundation
import NetpolModel

/// The kind of policy object a recipe produces.
public enum PolicyKindChoice: String, Sendable, Hashable, CaseIterable {
  /// A `networking.k8s.io/v1` NetworkPolicy.
  case networkpolicy
  /// A namespaced `cilium.io/v2` CiliumNetworkPolicy.
  case cnp
  /// A cluster-scoped `cilium.io/v2` CiliumClusterwideNetworkPolicy.
  case ccnp
  /// A `policy.networking.k8s.io/v1alpha1` AdminNetworkPolicy.
  case anp
  /// The `policy.networking.k8s.io/v1alpha1` BaselineAdminNetworkPolicy (named `default`).
  case banp
  /// A `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy in the Admin tier.
  case cnpAdmin = "cnp-admin"
  /// A `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy in the Baseline tier.
  case cnpBaseline = "cnp-baseline"

  /// The admin policy kind this choice makes, if it is one.
  public var adminKind: AdminPolicyKind? {
    switch self {
    case .networkpolicy, .cnp, .ccnp: return nil
    case .anp: return .adminNetworkPolicy
    case .banp: return .baselineAdminNetworkPolicy
    case .cnpAdmin, .cnpBaseline: return .clusterNetworkPolicy
    }
  }

  /// The `apiVersion` of the objects of this kind.
  public var apiVersion: String {
    if let adminKind { return adminKind.apiVersion }
    return self == .networkpolicy ? "networking.k8s.io/v1" : "cilium.io/v2"
  }

  /// The `kind` of the objects of this kind.
  public var kindName: String {
    switch self {
    case .networkpolicy: return "NetworkPolicy"
    case .cnp: return CiliumKind.networkPolicy.rawValue
    case .ccnp: return CiliumKind.clusterwideNetworkPolicy.rawValue
    case .anp, .banp, .cnpAdmin, .cnpBaseline: return adminKind?.rawValue ?? ""
    }
  }

  /// Whether objects of this kind live in a namespace.
  public var isNamespaced: Bool { self == .networkpolicy || self == .cnp }

  /// The choice whose name is `text`, case-insensitively; `np`, `networkpolicy` and the object
  /// kinds (`CiliumNetworkPolicy`, ...) are accepted too.
  public init?(name text: String) {
    switch text.lowercased() {
    case "networkpolicy", "np", "networkpolicies": self = .networkpolicy
    case "cnp", "ciliumnetworkpolicy": self = .cnp
    case "ccnp", "ciliumclusterwidenetworkpolicy": self = .ccnp
    case "anp", "adminnetworkpolicy": self = .anp
    case "banp", "baselineadminnetworkpolicy": self = .banp
    case "cnp-admin": self = .cnpAdmin
    case "cnp-baseline": self = .cnpBaseline
    default: return nil
    }
  }
}

/// Where a recipe was read from.
public enum RecipeOrigin: Sendable, Hashable {
  /// Shipped with netpol; the associated value is the file name.
  case builtIn(String)
  /// A user's recipe file, by path.
  case file(String)

  /// The file name or path, for messages.
  public var path: String {
    switch self {
    case .builtIn(let name): return "built-in \(name)"
    case .file(let path): return path
    }
  }
}

/// A named, documented, parameterised policy: the content of one recipe file.
public struct Recipe: Sendable {
  /// The recipe's name, e.g. `allow-dns`.
  public var name: String
  /// One line saying what the recipe does.
  public var summary: String
  /// Teaching text: what it does, when to use it, its pitfalls.
  public var description: String
  /// Other names the recipe answers to (e.g. names from kubernetes-network-policy-recipes).
  public var aliases: [String]
  /// The parameters, in the order the file lists them.
  public var parameters: [RecipeParameter]
  /// The kinds the recipe can produce; the first is the default.
  public var kinds: [PolicyKindChoice]
  /// The `metadata.name` used when no name is given.
  public var policyName: String
  /// Parameter values for the example shown by `netpol recipes show` and rendered by checks.
  public var example: [String: String]
  /// Where the recipe was read from.
  public var origin: RecipeOrigin
  /// The document templates of each kind.
  var bodies: [PolicyKindChoice: [Template]]

  /// The parameter with this name, if the recipe has one.
  public func parameter(named name: String) -> RecipeParameter? {
    parameters.first { $0.name == name }
  }

  /// The names of the parameters that the body of `kind` uses, in declaration order.
  public func parameters(usedBy kind: PolicyKindChoice) -> [RecipeParameter] {
    var used = Set<String>()
    for template in bodies[kind] ?? [] { template.collectReferences(into: &used) }
    return parameters.filter { used.contains($0.name) }
  }

  /// The `netpol generate` command line that renders the example of `kind`.
  public func exampleCommand(kind: PolicyKindChoice? = nil) -> String {
    var words = ["netpol", "generate", name]
    if let kind, kind != kinds.first { words += ["--kind", kind.rawValue] }
    for parameter in parameters {
      guard let value = example[parameter.name] else { continue }
      words += ["--set", ShellQuoting.quote("\(parameter.name)=\(value)")]
    }
    words += ["-n", "demo"]
    return words.joined(separator: " ")
  }
}

/// The type of a recipe parameter: how a value is written and what it becomes in the policy.
public enum ParameterType: String, Sendable, Hashable, CaseIterable {
  /// A label selector in kubectl `-l` syntax; becomes a selector mapping.
  case selector
  /// A namespace name; becomes a string.
  case namespace
  /// A port number (becomes an integer) or port name (a string).
  case port
  /// `TCP`, `UDP`, `SCTP` (or `ANY` where the validation allows it).
  case `protocol`
  /// An IPv4 or IPv6 prefix.
  case cidr
  /// A DNS name or a `*` pattern; becomes `{matchName: ...}` or `{matchPattern: ...}`.
  case fqdn
  /// Free text, optionally checked against `enum` or `pattern`.
  case string
  /// A comma-separated list of values of the `items` type; becomes a sequence.
  case list
}

/// Extra checks on a parameter's value.
public struct ParameterValidation: Sendable, Hashable {
  /// The only values accepted (compared case-sensitively, protocols upper-cased first).
  public var allowed: [String]?
  /// The smallest port number accepted.
  public var minimum: Int?
  /// The largest port number accepted.
  public var maximum: Int?
  /// A regular expression a string must match in full.
  public var pattern: String?
  /// The fewest items a list may have.
  public var minItems: Int?
  /// The most items a list may have.
  public var maxItems: Int?

  /// Creates a validation.
  public init(
    allowed: [String]? = nil, minimum: Int? = nil, maximum: Int? = nil, pattern: String? = nil,
    minItems: Int? = nil, maxItems: Int? = nil
  ) {
    self.allowed = allowed
    self.minimum = minimum
    self.maximum = maximum
    self.pattern = pattern
    self.minItems = minItems
    self.maxItems = maxItems
  }
}

/// One parameter of a recipe.
public struct RecipeParameter: Sendable, Hashable {
  /// The name used in `--set NAME=VALUE` and `$NAME` placeholders.
  public var name: String
  /// The value's type.
  public var type: ParameterType
  /// For lists: the type of each item.
  public var itemType: ParameterType?
  /// The value used when none is given (a list is written comma-separated).
  public var defaultValue: String?
  /// Whether a value must be given (required parameters have no default).
  public var required: Bool
  /// What the parameter means, in one line.
  public var help: String
  /// Extra checks on the value.
  public var validation: ParameterValidation

  /// Creates a parameter.
  public init(
    name: String, type: ParameterType, itemType: ParameterType? = nil,
    defaultValue: String? = nil, required: Bool = false, help: String,
    validation: ParameterValidation = ParameterValidation()
  ) {
    self.name = name
    self.type = type
    self.itemType = itemType
    self.defaultValue = defaultValue
    self.required = required
    self.help = help
    self.validation = validation
  }

  /// The type as written in recipe files and shown to users, e.g. `list of fqdn`.
  public var typeDescription: String {
    if type == .list { return "list of \((itemType ?? .string).rawValue)" }
    return type.rawValue
  }
}

/// Quoting of words for example command lines.
enum ShellQuoting {
  /// `word` unchanged when it is safe for a POSIX shell, else single-quoted.
  static func quote(_ word: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=,:@%+")
    if !word.isEmpty && word.allSatisfy({ safe.contains($0) }) { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
