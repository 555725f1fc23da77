import Foundation
import NetpolEngine
import NetpolModel

/// A plan file: recipes to render into one policy set, and flows whose verdicts that set must
/// give. The format (keys `inventory`, `dataplane`, `apply`, `expect`) is in docs/recipes.md.
public struct Plan: Sendable {
  /// One `apply` entry: a recipe and its values, or a policy file or directory.
  public struct Step: Sendable, Hashable {
    /// The recipe's name or alias (empty for a `file` entry).
    public var recipe: String
    /// The namespace (`default` when omitted).
    public var namespace: String?
    /// The policy name (the recipe's default when omitted).
    public var name: String?
    /// The kind (the recipe's first kind when omitted).
    public var kind: PolicyKindChoice?
    /// The recipe's parameter values.
    public var parameters: [String: String]
    /// Where the entry is in the plan file.
    public var location: SourceLocation
    /// For a `{file: PATH}` entry: the policy file or directory, resolved against the plan's
    /// directory.
    public var file: String? = nil
  }

  /// One `expect` entry: a flow and the verdict it must get.
  public struct Expectation: Sendable, Hashable {
    /// The source: `ns/pod`, an address or an external name.
    public var from: String
    /// The destination, written the same way.
    public var to: String
    /// The destination port (none for ICMP).
    public var port: Int?
    /// The protocol (TCP when omitted).
    public var `protocol`: FlowProtocol
    /// The verdict the flow must get.
    public var expect: Verdict
    /// Where the entry is in the plan file.
    public var location: SourceLocation
    /// The field path, e.g. `expect[2]`.
    public var path: String
  }

  /// The plan file, as given.
  public var file: String
  /// The inventory file, resolved against the plan's directory.
  public var inventory: String?
  /// The dataplane whose semantics the checks use (the engine's default when omitted).
  public var dataplane: Dataplane?
  /// The Cilium version the checks assume (the engine's default when omitted).
  public var ciliumVersion: CiliumVersion? = nil
  /// The recipes to render, in order.
  public var steps: [Step]
  /// The verdicts to check.
  public var expectations: [Expectation]

  /// Reads the plan at `path`.
  public static func load(path: String) throws(PlanError) -> Plan {
    let text: String
    switch InputFile.bytes(path: path) {
    case .success(let bytes):
      switch InputFile.decode(bytes, file: path) {
      case .success(let value): text = value
      case .failure(let problem): throw .invalid([problem])
      }
    case .failure(.noSuchFile):
      throw .invalid([
        Diagnostic(
          location: nil, path: "", message: "\(path): no such file (the plan given with -f)")
      ])
    case .failure(let problem): throw .invalid([InputFile.diagnostic(problem, path: path)])
    }
    let directory = (path as NSString).deletingLastPathComponent
    return try parse(text, file: path, directory: directory.isEmpty ? "." : directory)
  }

  /// Parses plan text; relative paths in it are taken relative to `directory`.
  public static func parse(_ text: String, file: String, directory: String) throws(PlanError)
    -> Plan
  {
    do {
      return try PlanParser(file: file, directory: directory).parse(text)
    } catch {
      throw .invalid([error])
    }
  }
}

/// A plan that cannot be read or run.
public enum PlanError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The plan file (or its inventory) has problems.
  case invalid([Diagnostic])
  /// An `apply` entry fails to render.
  case step(location: SourceLocation, path: String, RecipeError)

  /// The message for the user, one line per problem.
  public var description: String {
    switch self {
    case .invalid(let diagnostics): return diagnostics.map(\.description).joined(separator: "\n")
    case .step(let location, let path, let error): return "\(location): \(path): \(error)"
    }
  }
}

/// Reads the YAML of a plan file.
struct PlanParser {
  /// The plan file, for diagnostics.
  var file: String
  /// The directory relative paths are resolved against.
  var directory: String

  func parse(_ text: String) throws(Diagnostic) -> Plan {
    let tree = try YAMLTree.parse(text, file: file)
    let reader = FieldReader(file: file)
    guard let entries = tree.entries else {
      throw reader.problem(
        tree, "", "a plan is a mapping (inventory:, dataplane:, ciliumVersion:, apply:, expect:)")
    }
    let keys = ["inventory", "dataplane", "ciliumVersion", "apply", "expect"]
    for entry in entries where !keys.contains(entry.key) {
      throw reader.problem(
        entry, entry.key, "unknown field; a plan has " + keys.joined(separator: ", "))
    }
    var plan = Plan(file: file, inventory: nil, dataplane: nil, steps: [], expectations: [])
    if let inventory = try reader.text(tree, "inventory", required: false) {
      plan.inventory =
        inventory.hasPrefix("/")
        ? inventory : (directory as NSString).appendingPathComponent(inventory)
    }
    if let name = try reader.text(tree, "dataplane", required: false) {
      guard let dataplane = Dataplane(name: name) else {
        throw reader.problem(
          tree["dataplane"]!, "dataplane",
          "unknown dataplane; use one of "
            + Dataplane.allCases.map(\.rawValue).joined(separator: ", "))
      }
      plan.dataplane = dataplane
    }
    if let release = try reader.text(tree, "ciliumVersion", required: false) {
      guard release.allSatisfy({ ("0"..."9").contains($0) || $0 == "." }),
        let version = CiliumVersion(release)
      else {
        throw reader.problem(
          tree["ciliumVersion"]!, "ciliumVersion", "expected a Cilium version X.Y, e.g. \"1.18\"")
      }
      plan.ciliumVersion = version
    }
    for (index, node) in try reader.list(tree, "apply").enumerated() {
      plan.steps.append(try step(node, path: "apply[\(index)]", reader: reader))
    }
    for (index, node) in try reader.list(tree, "expect").enumerated() {
      plan.expectations.append(try expectation(node, path: "expect[\(index)]", reader: reader))
    }
    return plan
  }

  private func location(_ node: YAMLTree) -> SourceLocation {
    SourceLocation(file: file, line: node.line, column: node.column)
  }

  private func checkKeys(_ node: YAMLTree, _ keys: [String], path: String, reader: FieldReader)
    throws(Diagnostic)
  {
    guard let entries = node.entries else {
      throw reader.problem(node, path, "expected a mapping with " + keys.joined(separator: ", "))
    }
    for entry in entries where !keys.contains(entry.key) {
      throw reader.problem(
        entry, "\(path).\(entry.key)", "unknown field; use " + keys.joined(separator: ", "))
    }
  }

  private func step(_ node: YAMLTree, path: String, reader: FieldReader) throws(Diagnostic)
    -> Plan.Step
  {
    if node["file"] != nil {
      try checkKeys(node, ["file"], path: path, reader: reader)
      let file = try reader.text(node, "file", required: true, path: path)!
      return Plan.Step(
        recipe: "", namespace: nil, name: nil, kind: nil, parameters: [:],
        location: location(node),
        file: file.hasPrefix("/") ? file : (directory as NSString).appendingPathComponent(file))
    }
    try checkKeys(
      node, ["recipe", "namespace", "name", "kind", "params"], path: path, reader: reader)
    var step = Plan.Step(
      recipe: try reader.text(node, "recipe", required: true, path: path)!,
      namespace: try reader.text(node, "namespace", required: false, path: path),
      name: try reader.text(node, "name", required: false, path: path), kind: nil,
      parameters: [:], location: location(node))
    if let kindName = try reader.text(node, "kind", required: false, path: path) {
      guard let kind = PolicyKindChoice(name: kindName) else {
        throw reader.problem(node["kind"]!, "\(path).kind", "a kind is networkpolicy, cnp or ccnp")
      }
      step.kind = kind
    }
    if let params = node["params"], !params.isNull {
      guard let entries = params.entries else {
        throw reader.problem(params, "\(path).params", "params is a mapping of parameter values")
      }
      for entry in entries {
        step.parameters[entry.key] = try reader.value(
          entry.value, path: "\(path).params.\(entry.key)", list: true)
      }
    }
    return step
  }

  private func expectation(_ node: YAMLTree, path: String, reader: FieldReader) throws(Diagnostic)
    -> Plan.Expectation
  {
    try checkKeys(node, ["from", "to", "port", "protocol", "expect"], path: path, reader: reader)
    let protocolName = try reader.text(node, "protocol", required: false, path: path) ?? "TCP"
    guard let flowProtocol = FlowProtocol(name: protocolName) else {
      throw reader.problem(
        node["protocol"]!, "\(path).protocol", "a protocol is TCP, UDP, SCTP or ICMP")
    }
    let port = try reader.int(node, "port", path: path)
    if let port, !(1...65535).contains(port) {
      throw reader.problem(node["port"]!, "\(path).port", "a port is 1-65535")
    }
    if port != nil && flowProtocol == .icmp {
      throw reader.problem(node["port"]!, "\(path).port", "an ICMP flow (echo request) has no port")
    }
    if port == nil && flowProtocol != .icmp {
      throw reader.problem(
        node, "\(path).port", "missing field 'port' (needed for \(protocolName))")
    }
    let verdictName = try reader.text(node, "expect", required: true, path: path)!
    guard let verdict = Verdict(rawValue: verdictName.lowercased()) else {
      throw reader.problem(node["expect"]!, "\(path).expect", "expect is allow or deny")
    }
    return Plan.Expectation(
      from: try reader.text(node, "from", required: true, path: path)!,
      to: try reader.text(node, "to", required: true, path: path)!, port: port,
      protocol: flowProtocol, expect: verdict, location: location(node), path: path)
  }
}
