import NetpolEngine
import NetpolModel
import NetpolViews

/// The engine and class-level verdict matrices of one session state, one matrix per port.
struct MatrixCache: Sendable {
  var state: SessionState
  var engine: PolicyEngine
  var matrices: [String: ClassMatrix]
}

extension FlowChange {
  /// `demo/client -> demo/server 80/TCP`.
  var text: String { ChangeView.text(self) }
}

/// Computing and wording how a step changed the verdict matrix.
extension Interpreter {
  /// The engine for a state; Cilium drafts without rules are left out (they have no effect).
  func engine(for state: SessionState) -> PolicyEngine {
    PolicyEngine(
      inventory: state.inventory,
      policies: state.policies.filter { !PolicyRules.isEmptyCilium($0) },
      dataplane: state.dataplane, options: state.engineOptions)
  }

  /// `80/TCP`.
  static func portKey(_ proto: FlowProtocol, _ port: Int) -> String { "\(port)/\(proto.rawValue)" }

  /// The cache entry of `state`, added (with its engine) when missing, made the most recently
  /// used; the three most recently used are kept.
  private mutating func cacheIndex(for state: SessionState) -> Int {
    if let index = matrixCache.firstIndex(where: { $0.state == state }) {
      if index != matrixCache.count - 1 { matrixCache.append(matrixCache.remove(at: index)) }
      return matrixCache.count - 1
    }
    matrixCache.append(MatrixCache(state: state, engine: engine(for: state), matrices: [:]))
    if matrixCache.count > 3 { matrixCache.removeFirst() }
    return matrixCache.count - 1
  }

  /// The engine of `state`, kept in the matrix cache so each state compiles its policies once.
  mutating func cachedEngine(for state: SessionState) -> PolicyEngine {
    matrixCache[cacheIndex(for: state)].engine
  }

  /// The class-level matrix of `state` for a port, from the cache, else computed again only
  /// where the policies differ from the most recent cached state with that port's matrix.
  mutating func classMatrix(for state: SessionState, _ proto: FlowProtocol, _ port: Int)
    throws(Cancelled) -> ClassMatrix
  {
    let key = Self.portKey(proto, port)
    let index = cacheIndex(for: state)
    if let matrix = matrixCache[index].matrices[key] { return matrix }
    var previous: (engine: PolicyEngine, matrix: ClassMatrix)?
    for other in matrixCache.indices.reversed() where other != index {
      if let matrix = matrixCache[other].matrices[key] {
        previous = (matrixCache[other].engine, matrix)
        break
      }
    }
    let matrix = try matrixCache[index].engine.classMatrix(
      protocol: proto, port: port, updating: previous, cancellation: cancellation)
    matrixCache[index].matrices[key] = matrix
    return matrix
  }

  /// Computes the class-level matrices of `state` for the ports not cached yet, in one pass
  /// that shares what does not depend on the port, from the most recent other cached state.
  mutating func computeClassMatrices(for state: SessionState, _ ports: [(FlowProtocol, Int)])
    throws(Cancelled)
  {
    let index = cacheIndex(for: state)
    let missing = ports.filter { matrixCache[index].matrices[Self.portKey($0.0, $0.1)] == nil }
    guard !missing.isEmpty else { return }
    var previous: (engine: PolicyEngine, matrices: [ClassMatrix?])?
    for other in matrixCache.indices.reversed() where other != index {
      let old = missing.map { matrixCache[other].matrices[Self.portKey($0.0, $0.1)] }
      if old.contains(where: { $0 != nil }) {
        previous = (matrixCache[other].engine, old)
        break
      }
    }
    let computed = try matrixCache[index].engine.classMatrices(
      ports: missing, updating: previous, cancellation: cancellation)
    for ((proto, port), matrix) in zip(missing, computed) {
      matrixCache[index].matrices[Self.portKey(proto, port)] = matrix
    }
  }

  /// The full matrix of `state` for a port.
  mutating func matrix(for state: SessionState, _ proto: FlowProtocol, _ port: Int)
    throws(Cancelled) -> VerdictMatrix
  {
    let classMatrix = try classMatrix(for: state, proto, port)
    return cachedEngine(for: state).matrix(classMatrix)
  }

  /// Flows whose verdict differs between the states, per port: to a port the destination pod
  /// declares, or to an external endpoint on a port that an egress rule towards the outside
  /// names. A pod's traffic to itself is left out (see Traffic of a pod to itself in
  /// docs/semantics.md).
  mutating func flowChanges(from before: SessionState, to after: SessionState)
    throws(Cancelled) -> [MatrixChanges]
  {
    var ports: [(FlowProtocol, Int)] = []
    var seen = Set<String>()
    let policies = before.policies + after.policies
    let outsidePorts = RulePorts.numeric(in: policies, outsideOnly: true)
    let outside = Set(outsidePorts.map { Self.portKey($0.0, $0.1) })
    let oldEngine = cachedEngine(for: before)
    let newEngine = cachedEngine(for: after)
    let candidates = oldEngine.defaultPorts() + newEngine.defaultPorts() + outsidePorts
    for (proto, port) in candidates where seen.insert(Self.portKey(proto, port)).inserted {
      ports.append((proto, port))
    }
    var declared: [String: Set<String>] = [:]
    for pod in before.inventory.pods + after.inventory.pods {
      for port in pod.ports {
        declared["\(port.port)/\(port.protocol.rawValue)", default: []].insert(pod.id)
      }
    }
    try computeClassMatrices(for: before, ports)
    try computeClassMatrices(for: after, ports)
    var result: [MatrixChanges] = []
    for (proto, port) in ports {
      let old = try classMatrix(for: before, proto, port)
      let new = try classMatrix(for: after, proto, port)
      let changes = try newEngine.changes(
        from: oldEngine, old, to: new, cancellation: cancellation)
      let key = Self.portKey(proto, port)
      let declaring = declared[key] ?? []
      let towardsOutside = outside.contains(key)
      result.append(
        changes.keepingDestinations { column in
          column < changes.podDestinations
            ? declaring.contains(changes.destinations[column]) : towardsOutside
        })
    }
    return result
  }

  /// Every flow change, pod-to-pod flows first (they are what a step is usually about).
  static func ordered(_ changes: [MatrixChanges]) -> [FlowChange] {
    var result: [FlowChange] = []
    for towardsPods in [true, false] {
      for port in changes {
        port.forEach(podDestinations: towardsPods) { change in
          result.append(change)
          return true
        }
      }
    }
    return result
  }

  /// The preview lines of a step: the summary of flows that changed, dataplane-switch and
  /// isolation notices, the DNS hint and live-lint notices; `nil` when preview is off.
  mutating func previewLines(from before: SessionState, to after: SessionState)
    throws(Cancelled) -> [String]?
  {
    guard settings.preview else { return nil }
    let changes = try flowChanges(from: before, to: after)
    let flows = Self.ordered(changes)
    return [
      ChangeView.summary(
        flows, style: Style(enabled: settings.colour), scope: ViewScope(after.inventory))
    ]
      + dataplaneSwitchNotices(from: before, to: after, changes: flows)
      + isolationNotices(from: before, to: after, changes: changes)
      + [dnsHint(changes, in: after)].compactMap { $0 }
      + liveLintNotices(from: before, to: after)
  }

  /// The preview lines of a step (none when preview is off); `ShellError.interrupted` when the
  /// computation was stopped.
  mutating func previewOrInterrupt(from before: SessionState, to after: SessionState)
    throws(ShellError) -> [String]
  {
    do {
      return try previewLines(from: before, to: after) ?? []
    } catch {
      throw .interrupted
    }
  }

  /// A hint when the step cut pods off from cluster DNS.
  private func dnsHint(_ changes: [MatrixChanges], in state: SessionState) -> String? {
    let dnsPods = Set(
      state.inventory.pods.filter { $0.labels["k8s-app"] == "kube-dns" }.map(\.id))
    var broken: [FlowChange] = []
    for port in changes where port.port == 53 && !dnsPods.isEmpty {
      let towardsDNS = port.keepingDestinations { column in
        column < port.podDestinations && dnsPods.contains(port.destinations[column])
      }
      towardsDNS.forEach(podDestinations: true) { change in
        if change.new == .deny { broken.append(change) }
        return true
      }
    }
    guard !broken.isEmpty else { return nil }
    let sources = Array(Set(broken.map(\.source))).sorted()
    let list = sources.prefix(3).joined(separator: ", ") + (sources.count > 3 ? ", ..." : "")
    return "note: DNS lookups are now denied for \(list); "
      + "`recipe allow-dns` (or allow egress to pods k8s-app=kube-dns in ns kube-system "
      + "port 53/UDP 53/TCP) fixes it"
  }
}
