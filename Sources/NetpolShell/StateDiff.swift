import NetpolEngine
import NetpolModel
import NetpolViews

/// Describes how two session states differ, line by line, for `diff`.
enum StateDiff {
  static func describe(from old: SessionState, to new: SessionState) -> [String] {
    var lines: [String] = []
    if old.dataplane != new.dataplane {
      lines.append(
        "dataplane: \(old.dataplane?.rawValue ?? "auto") -> \(new.dataplane?.rawValue ?? "auto")")
    }
    let (oldOptions, newOptions) = (old.engineOptions, new.engineOptions)
    if oldOptions.ciliumVersion != newOptions.ciliumVersion {
      lines.append("Cilium version: \(oldOptions.ciliumVersion) -> \(newOptions.ciliumVersion)")
    }
    if oldOptions.warmFQDNCache != newOptions.warmFQDNCache {
      let word = { (warm: Bool) in warm ? "warm" : "empty" }
      lines.append(
        "FQDN cache: \(word(oldOptions.warmFQDNCache)) -> \(word(newOptions.warmFQDNCache))")
    }
    if old.draft != new.draft {
      lines.append("draft: \(old.draft ?? "none") -> \(new.draft ?? "none")")
    }
    lines += inventory(from: old.inventory, to: new.inventory)
    let oldPolicies = Dictionary(
      old.policies.map { ($0.qualifiedName, $0) }, uniquingKeysWith: { first, _ in first })
    let newNames = Set(new.policies.map(\.qualifiedName))
    for policy in old.policies where !newNames.contains(policy.qualifiedName) {
      lines.append("removed \(policy.kind) \(policy.qualifiedName)")
    }
    for policy in new.policies {
      guard let previous = oldPolicies[policy.qualifiedName] else {
        lines.append("added \(policy.kind) \(policy.qualifiedName):")
        lines += YAMLWriter.document(policy).split(separator: "\n").map { "  + " + $0 }
        continue
      }
      guard previous != policy else { continue }
      lines.append("changed \(policy.kind) \(policy.qualifiedName):")
      lines += lineDiff(
        YAMLWriter.document(previous).split(separator: "\n").map(String.init),
        YAMLWriter.document(policy).split(separator: "\n").map(String.init))
    }
    return lines
  }

  private static func inventory(from old: Inventory, to new: Inventory) -> [String] {
    var lines: [String] = []
    let oldNamespaces = Dictionary(
      old.namespaces.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    let newNamespaceNames = Set(new.namespaces.map(\.name))
    for namespace in old.namespaces where !newNamespaceNames.contains(namespace.name) {
      lines.append("removed namespace \(namespace.name)")
    }
    for namespace in new.namespaces {
      guard let previous = oldNamespaces[namespace.name] else {
        lines.append("added namespace \(namespace.name)")
        continue
      }
      if previous.labels != namespace.labels {
        lines.append(
          "namespace \(namespace.name) labels: " + labelChange(previous.labels, namespace.labels))
      }
    }
    let oldPods = Dictionary(old.pods.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let newPodIDs = Set(new.pods.map(\.id))
    for pod in old.pods where !newPodIDs.contains(pod.id) { lines.append("removed pod \(pod.id)") }
    for pod in new.pods {
      guard let previous = oldPods[pod.id] else {
        lines.append("added pod \(pod.id) \(ClusterRenderer.labelList(pod.labels))")
        continue
      }
      if previous.labels != pod.labels {
        lines.append("pod \(pod.id) labels: " + labelChange(previous.labels, pod.labels))
      }
      if previous.ip != pod.ip || previous.ports != pod.ports {
        lines.append("pod \(pod.id) address or ports changed")
      }
    }
    let oldExternal = Set(old.external.map(\.name))
    let newExternal = Set(new.external.map(\.name))
    for name in oldExternal.subtracting(newExternal).sorted() {
      lines.append("removed external \(name)")
    }
    for name in newExternal.subtracting(oldExternal).sorted() {
      lines.append("added external \(name)")
    }
    return lines
  }

  private static func labelChange(_ old: [String: String], _ new: [String: String]) -> String {
    var parts: [String] = []
    for key in Set(old.keys).union(new.keys).sorted() where old[key] != new[key] {
      if let value = old[key] { parts.append("-\(key)=\(value)") }
      if let value = new[key] { parts.append("+\(key)=\(value)") }
    }
    return parts.joined(separator: " ")
  }

  /// A line diff (longest common subsequence): `  - old`, `  + new`, unchanged lines omitted.
  static func lineDiff(_ old: [String], _ new: [String]) -> [String] {
    var lengths = Array(
      repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
    for i in stride(from: old.count - 1, through: 0, by: -1) {
      for j in stride(from: new.count - 1, through: 0, by: -1) {
        lengths[i][j] =
          old[i] == new[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
      }
    }
    var lines: [String] = []
    var i = 0
    var j = 0
    while i < old.count || j < new.count {
      if i < old.count, j < new.count, old[i] == new[j] {
        i += 1
        j += 1
      } else if i < old.count, j == new.count || lengths[i + 1][j] >= lengths[i][j + 1] {
        lines.append("  - " + old[i])
        i += 1
      } else {
        lines.append("  + " + new[j])
        j += 1
      }
    }
    return lines
  }
}
