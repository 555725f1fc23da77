/// API-server and CRD validation of policy objects, as `kubectl apply` would reject them.
///
/// Diagnostics carry the field `path` (e.g. `spec.ingress[0].ports[0].port`) and no location;
/// `PolicyLoader` adds the location of each path from the file it read.
public enum PolicyValidator {
  /// Every problem the API server (NetworkPolicy) or the Cilium CRD and agent (Cilium kinds)
  /// would report for this object; empty when it is valid.
  public static func validate(_ resource: PolicyResource) -> [Diagnostic] {
    var checker = Checker()
    switch resource {
    case .networkPolicy(let policy):
      checker.metadata(policy.metadata, namespaced: true)
      checker.networkPolicySpec(policy.spec)
    case .cilium(let policy):
      checker.metadata(policy.metadata, namespaced: policy.kind == .networkPolicy)
      checker.ciliumPolicy(policy)
    case .admin(let policy):
      checker.adminPolicy(policy)
    }
    return checker.diagnostics
  }

  /// Problems with a label selector at `path` (Kubernetes rules: keys and values, operators).
  public static func validate(selector: LabelSelector, at path: String) -> [Diagnostic] {
    var checker = Checker()
    checker.selector(selector, at: path, cilium: false)
    return checker.diagnostics
  }
}

/// Accumulates diagnostics while walking a model value.
struct Checker {
  var diagnostics: [Diagnostic] = []

  mutating func report(_ path: String, _ message: String) {
    diagnostics.append(Diagnostic(location: nil, path: path, message: message))
  }

  /// Reports `problem` (from `Validation`) for `value` at `path`, if any.
  mutating func check(_ problem: String?, _ value: String, at path: String) {
    if let problem { report(path, "invalid value \(quoted(value)): \(problem)") }
  }

  mutating func metadata(_ meta: ObjectMeta, namespaced: Bool) {
    check(Validation.dns1123Subdomain(meta.name), meta.name, at: "metadata.name")
    if namespaced, let namespace = meta.namespace {
      check(Validation.dns1123Label(namespace), namespace, at: "metadata.namespace")
    }
    labels(meta.labels, at: "metadata.labels")
    var total = 0
    for key in meta.annotations.keys.sorted() {
      check(Validation.labelKey(key.lowercased()), key, at: "metadata.annotations.\(key)")
      total += key.utf8.count + (meta.annotations[key]?.utf8.count ?? 0)
    }
    if total > 256 * 1024 {
      report("metadata.annotations", "annotations may not exceed 262144 bytes in total")
    }
  }

  mutating func labels(_ labels: [String: String], at path: String) {
    for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
      check(Validation.labelKey(key), key, at: "\(path).\(key)")
      check(Validation.labelValue(value), value, at: "\(path).\(key)")
    }
  }

  /// Label-selector rules; `cilium` allows Cilium's `source:` key prefixes (`k8s:app`).
  mutating func selector(_ selector: LabelSelector, at path: String, cilium: Bool) {
    for (key, value) in selector.matchLabels.sorted(by: { $0.key < $1.key }) {
      selectorKey(key, at: "\(path).matchLabels.\(key)", cilium: cilium)
      check(Validation.labelValue(value), value, at: "\(path).matchLabels.\(key)")
    }
    for (index, requirement) in selector.matchExpressions.enumerated() {
      let base = "\(path).matchExpressions[\(index)]"
      selectorKey(requirement.key, at: "\(base).key", cilium: cilium)
      switch requirement.operator {
      case .in, .notIn:
        if requirement.values.isEmpty {
          report(
            "\(base).values", "must be specified when `operator` is 'In' or 'NotIn'")
        }
      case .exists, .doesNotExist:
        if !requirement.values.isEmpty {
          report(
            "\(base).values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'")
        }
      }
      for (valueIndex, value) in requirement.values.enumerated() {
        check(Validation.labelValue(value), value, at: "\(base).values[\(valueIndex)]")
      }
    }
  }

  mutating func selectorKey(_ key: String, at path: String, cilium: Bool) {
    var name = Substring(key)
    if cilium, let colon = key.firstIndex(of: ":") {
      let source = key[..<colon]
      name = key[key.index(after: colon)...]
      if source.isEmpty || !source.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
        report(path, "invalid label source \(quoted(String(source))) in key \(quoted(key))")
        return
      }
    }
    check(Validation.labelKey(String(name)), key, at: path)
  }

  /// Validates a CIDR and its exceptions (each strictly inside it, same family).
  mutating func cidrWithExcept(_ cidr: String, except: [String], at path: String) {
    let prefix = IPPrefix(cidr)
    check(Validation.cidr(cidr), cidr, at: "\(path).cidr")
    for (index, item) in except.enumerated() {
      let itemPath = "\(path).except[\(index)]"
      if let problem = Validation.cidr(item) {
        check(problem, item, at: itemPath)
      } else if let prefix, Validation.cidr(cidr) == nil, let inner = IPPrefix(item),
        !(prefix.contains(inner) && inner.length > prefix.length)
      {
        report(itemPath, "\(quoted(item)) must be a strict subset of `cidr` \(quoted(cidr))")
      }
    }
  }
}

/// `"value"` with quotes and backslashes escaped and unsafe characters spelled out, for
/// messages (see ``DisplayText``).
func quoted(_ value: String) -> String { DisplayText.quoted(value) }
