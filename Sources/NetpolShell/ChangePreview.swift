import NetpolEngine
import NetpolModel
import NetpolViews

/// The engine and verdict matrices of one session state, one matrix per port.
struct MatrixCache: Sendable {
  var state: SessionState
  var engine: PolicyEngine
  var matrices: [String: VerdictMatrix]
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

  /// The cache entry of `state`, added (with its engine) when missing; the last three are kept.
  private mutating func cacheIndex(for state: SessionState) -> Int {
    if let index = matrixCache.firstIndex(where: { $0.state == state }) { return index }
    matrixCache.append(MatrixCache(state: state, engine: engine(for: state), matrices: [:]))
    if matrixCache.count > 3 { matrixCache.removeFirst() }
    return matrixCache.count - 1
  }

  /// The engine of `state`, kept in the matrix cache so each state compiles its policies once.
  mutating func cachedEngine(for state: SessionState) -> PolicyEngine {
    matrixCache[cacheIndex(for: state)].engine
  }

  /// The matrix of `state` for a port, reusing the cache when the state is the cached one.
  mutating func matrix(for state: SessionState, _ proto: FlowProtocol, _ port: Int)
    -> VerdictMatrix
  {
    let key = Self.portKey(proto, port)
    let index = cacheIndex(for: state)
    if let matrix = matrixCache[index].matrices[key] { return matrix }
    let matrix = matrixCache[index].engine.matrix(protocol: proto, port: port)
    matrixCache[index].matrices[key] = matrix
    return matrix
  }

  /// Flows whose verdict differs between the states: to a port the destination pod declares,
  /// or to an external endpoint on a port that an egress rule towards the outside names. A
  /// pod's traffic to itself is left out (see Traffic of a pod to itself in docs/semantics.md).
  mutating func flowChanges(from before: SessionState, to after: SessionState) -> [FlowChange] {
    var ports: [(FlowProtocol, Int)] = []
    var seen = Set<String>()
    let policies = before.policies + after.policies
    let outsidePorts = RulePorts.numeric(in: policies, outsideOnly: true)
    let outside = Set(outsidePorts.map { Self.portKey($0.0, $0.1) })
    let candidates =
      cachedEngine(for: before).defaultPorts() + cachedEngine(for: after).defaultPorts()
      + outsidePorts
    for (proto, port) in candidates where seen.insert(Self.portKey(proto, port)).inserted {
      ports.append((proto, port))
    }
    var declared = Set<String>()
    var pods = Set<String>()
    for pod in before.inventory.pods + after.inventory.pods {
      pods.insert(pod.id)
      for port in pod.ports { declared.insert("\(pod.id) \(port.port)/\(port.protocol.rawValue)") }
    }
    var changes: [FlowChange] = []
    for (proto, port) in ports {
      let old = matrix(for: before, proto, port)
      changes += matrix(for: after, proto, port).changes(from: old).filter { change in
        guard change.source != change.destination else { return false }
        guard pods.contains(change.destination) else {
          return outside.contains(Self.portKey(proto, port))
        }
        return declared.contains("\(change.destination) \(port)/\(proto.rawValue)")
      }
    }
    // Pod-to-pod flows first: they are what a step is usually about.
    return changes.filter { pods.contains($0.destination) }
      + changes.filter { !pods.contains($0.destination) }
  }

  /// Prints the one-line summary of flows that changed (and DNS breakage), unless preview is off.
  mutating func printPreview(from before: SessionState, to after: SessionState) {
    guard settings.preview else { return }
    let changes = flowChanges(from: before, to: after)
    print(
      ChangeView.summary(
        changes, style: Style(enabled: settings.colour), scope: ViewScope(after.inventory)))
    for notice in dataplaneSwitchNotices(from: before, to: after, changes: changes) {
      print(notice)
    }
    for notice in isolationNotices(from: before, to: after, changes: changes) { print(notice) }
    if let hint = dnsHint(changes, in: after) { print(hint) }
    for notice in liveLintNotices(from: before, to: after) { print(notice) }
  }

  /// `2 flows now denied: a -> b 80/TCP, ...; 1 flow now allowed: ...`, or `no flow changed`.
  static func summary(_ changes: [FlowChange], style: Style, limit: Int = 3) -> String {
    ChangeView.summary(changes, style: style, limit: limit)
  }

  /// A hint when the step cut pods off from cluster DNS.
  private func dnsHint(_ changes: [FlowChange], in state: SessionState) -> String? {
    let dnsPods = Set(
      state.inventory.pods.filter { $0.labels["k8s-app"] == "kube-dns" }.map(\.id))
    let broken = changes.filter {
      $0.new == .deny && dnsPods.contains($0.destination) && $0.port == 53
    }
    guard !broken.isEmpty else { return nil }
    let sources = Array(Set(broken.map(\.source))).sorted()
    let list = sources.prefix(3).joined(separator: ", ") + (sources.count > 3 ? ", ..." : "")
    return "note: DNS lookups are now denied for \(list); "
      + "`recipe allow-dns` (or allow egress to pods k8s-app=kube-dns in ns kube-system "
      + "port 53/UDP 53/TCP) fixes it"
  }
}
