import NetpolEngine
import NetpolModel
import NetpolSynthetic
import PropertyBased
import Testing

/// The incremental preview must give exactly what a from-scratch comparison of the two full
/// matrices gives: random steps (a policy changed, added or removed, a pod relabelled, added or
/// removed, a namespace relabelled, the dataplane switched) on random clusters, each step's
/// matrices computed from the previous step's, compared cell by cell with full recomputations.
@Suite("The incremental preview equals a from-scratch diff of the two full matrices")
struct IncrementalMatrixTests {
  /// The ports compared: pod ports of the generated tiers, DNS, and an egress-only port.
  static let ports: [(FlowProtocol, Int)] = [(.tcp, 8080), (.tcp, 443), (.udp, 53), (.tcp, 5432)]

  @Test("random steps on random clusters", arguments: [Dataplane.kubernetes, .cilium, .calico])
  func randomSteps(dataplane: Dataplane) async {
    let seeds = Generator<UInt64, Shrink.None<UInt64>> { rng in
      UInt64.random(in: 1...UInt64.max / 2, using: &rng)
    }
    await propertyCheck(count: 10, input: seeds) { seed in
      Self.check(seed: seed, dataplane: dataplane)
    }
  }

  /// Runs eight steps from the cluster of `seed`, checking each against full recomputations.
  static func check(seed: UInt64, dataplane: Dataplane) {
    var random = StepRandom(state: seed)
    let generated = SyntheticCluster.generate(
      pods: random.int(15..<45), policies: random.int(4..<16), namespaces: random.int(2..<5),
      seed: seed)
    var inventory = generated.inventory
    var policies = generated.policies
    var plane = dataplane
    var engine = PolicyEngine(inventory: inventory, policies: policies, dataplane: plane)
    var matrices = ports.map { engine.classMatrix(protocol: $0.0, port: $0.1) }
    for step in 0..<8 {
      let description = Self.step(&inventory, &policies, &plane, dataplane, &random)
      let next = PolicyEngine(inventory: inventory, policies: policies, dataplane: plane)
      // Every port at once, sharing what does not depend on the port.
      let batch: [ClassMatrix]
      do {
        batch = try next.classMatrices(ports: ports, updating: (engine, matrices))
      } catch {
        Issue.record("cancelled without a cancellation")
        return
      }
      for (index, (proto, port)) in ports.enumerated() {
        let updated = batch[index]
        let changes: MatrixChanges
        do {
          changes = try next.changes(from: engine, matrices[index], to: updated)
        } catch {
          Issue.record("cancelled without a cancellation")
          return
        }
        let full = next.matrix(protocol: proto, port: port)
        let expected = full.changes(from: engine.matrix(protocol: proto, port: port))
        let context = "seed \(seed) step \(step) (\(description)) \(port)/\(proto.rawValue)"
        let sameMatrix = next.matrix(updated) == full
        let sameChanges = changes.all == expected
        let sameCount = changes.count == expected.count
        #expect(sameMatrix, "\(context): the incremental matrix differs from the full one")
        #expect(sameChanges, "\(context): the changes differ from the full diff")
        #expect(sameCount, "\(context): the change count differs")
        matrices[index] = updated
      }
      engine = next
    }
  }

  /// Applies one random step; returns what it did.
  static func step(
    _ inventory: inout Inventory, _ policies: inout [PolicyResource], _ plane: inout Dataplane,
    _ base: Dataplane, _ random: inout StepRandom
  ) -> String {
    let namespaces = inventory.namespaces.map(\.name).filter { $0 != "kube-system" }
    let namespace = random.pick(namespaces.isEmpty ? ["default"] : namespaces)
    switch random.int(0..<10) {
    case 0, 1:
      guard !policies.isEmpty else { fallthrough }
      let index = random.int(0..<policies.count)
      let old = policies[index]
      let fresh = Self.policy(
        named: old.metadata.name, in: old.metadata.namespace ?? namespace, &random,
        cilium: base != .kubernetes && base != .calico)
      policies[index] = fresh
      return "change \(old.qualifiedName)"
    case 2, 3:
      let fresh = Self.policy(
        named: "added-\(policies.count)", in: namespace, &random,
        cilium: base != .kubernetes && base != .calico)
      policies.append(fresh)
      return "add \(fresh.qualifiedName)"
    case 4:
      guard !policies.isEmpty else { return "nothing" }
      let removed = policies.remove(at: random.int(0..<policies.count))
      return "remove \(removed.qualifiedName)"
    case 5:
      guard !inventory.pods.isEmpty else { return "nothing" }
      let index = random.int(0..<inventory.pods.count)
      inventory.pods[index].labels["tier"] = random.pick(["frontend", "backend", "db", "x"])
      return "relabel \(inventory.pods[index].id)"
    case 6:
      if random.int(0..<2) == 0, inventory.pods.count > 2 {
        let removed = inventory.pods.remove(at: random.int(0..<inventory.pods.count))
        return "remove pod \(removed.id)"
      }
      inventory.pods.append(
        Pod(
          namespace: namespace, name: "extra-\(inventory.pods.count)",
          labels: ["app": "extra", "tier": random.pick(["frontend", "backend"])],
          ip: "10.200.0.\(inventory.pods.count % 250 + 1)",
          ports: [ContainerPort(name: "http", port: 8080)]))
      return "add pod"
    case 7:
      guard var changed = inventory.namespace(named: namespace) else { return "nothing" }
      changed.labels["team"] = random.pick(["team-0", "team-1", "team-9"])
      inventory.upsert(namespace: changed)
      return "relabel namespace \(namespace)"
    case 8:
      plane = plane == base ? random.pick([.kubernetes, .cilium, .calico, .azureNPM]) : base
      return "use \(plane.rawValue)"
    default:
      return "nothing"
    }
  }

  /// A NetworkPolicy of the generator's mix, or (for Cilium dataplanes, one time in three) a
  /// CiliumNetworkPolicy with endpoint, entity, deny or FQDN rules.
  static func policy(
    named name: String, in namespace: String, _ random: inout StepRandom, cilium: Bool
  ) -> PolicyResource {
    let meta = ObjectMeta(name: name, namespace: namespace)
    let target = LabelSelector(
      matchLabels: ["tier": random.pick(["frontend", "backend", "db", "cache"])])
    if cilium, random.int(0..<3) == 0 {
      let dns = CiliumRuleEntry(
        endpoints: [LabelSelector(matchLabels: ["k8s:k8s-app": "kube-dns"])],
        toPorts: [
          PortRule(
            ports: [CiliumPort(port: "53", protocol: .any)],
            rules: L7Rules(dns: [FQDNSelector(matchPattern: "*.example.com")]))
        ])
      let entries: [CiliumRuleEntry]
      switch random.int(0..<4) {
      case 0: entries = [dns, CiliumRuleEntry(fqdns: [FQDNSelector(matchName: "api.example.com")])]
      case 1: entries = [CiliumRuleEntry(endpoints: [LabelSelector()])]
      case 2: entries = [CiliumRuleEntry(entities: ["world"])]
      default: entries = [dns]
      }
      let rule: CiliumRule
      if random.int(0..<3) == 0 {
        rule = CiliumRule(
          endpointSelector: target, ingressDeny: [CiliumRuleEntry(entities: ["cluster"])])
      } else {
        rule = CiliumRule(endpointSelector: target, egress: entries)
      }
      return .cilium(CiliumPolicy(kind: .networkPolicy, metadata: meta, spec: rule))
    }
    let generated = SyntheticCluster.generate(
      pods: 30, policies: 1, namespaces: 2, seed: random.next())
    guard case .networkPolicy(var policy) = generated.policies[0] else {
      return generated.policies[0]
    }
    policy.metadata = meta
    if random.int(0..<2) == 0 { policy.spec.podSelector = target }
    return .networkPolicy(policy)
  }
}

/// A deterministic random source for the steps (SplitMix64).
struct StepRandom {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }

  mutating func int(_ range: Range<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(max(1, range.count)))
  }

  mutating func pick<T>(_ values: [T]) -> T { values[int(0..<values.count)] }
}
