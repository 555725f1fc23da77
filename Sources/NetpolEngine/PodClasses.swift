import NetpolModel

/// A fixed-size set of small integers (class indices).
struct Bitset: Sendable, Hashable {
  /// The bits, 64 per word.
  var words: [UInt64]

  /// An empty set able to hold `count` members, or a full one.
  init(count: Int, full: Bool = false) {
    let wordCount = (count + 63) / 64
    words = Array(repeating: full ? ~UInt64(0) : 0, count: wordCount)
    if full, count % 64 != 0, wordCount > 0 {
      words[wordCount - 1] = (UInt64(1) << UInt64(count % 64)) - 1
    }
  }

  /// Adds a member.
  mutating func insert(_ index: Int) { words[index >> 6] |= UInt64(1) << UInt64(index & 63) }

  /// Whether `index` is a member.
  func contains(_ index: Int) -> Bool { words[index >> 6] & (UInt64(1) << UInt64(index & 63)) != 0 }

  /// Adds every member of `other`.
  mutating func formUnion(_ other: Bitset) {
    for index in words.indices { words[index] |= other.words[index] }
  }

  /// Keeps only members of `other`.
  mutating func formIntersection(_ other: Bitset) {
    for index in words.indices { words[index] &= other.words[index] }
  }

  /// Removes every member of `other`.
  mutating func subtract(_ other: Bitset) {
    for index in words.indices { words[index] &= ~other.words[index] }
  }

  /// Whether the set has no member.
  var isEmpty: Bool { words.allSatisfy { $0 == 0 } }
}

/// Pods grouped into classes no rule can tell apart: same namespace, same labels, same
/// container ports and (where ipBlock can match pod IPs) the same ipBlock memberships.
struct PodClasses: Sendable {
  /// The class of each pod of `PolicyEngine.sortedPods`.
  var classOf: [Int]
  /// One representative view per class.
  var views: [EndpointView]
  /// Number of pods per class.
  var sizes: [Int]
  /// Class indices by namespace.
  var byNamespace: [String: [Int]]

  /// Number of classes.
  var count: Int { views.count }

  /// Groups `pods` (semantics-preserving: every input of rule matching is part of the key).
  init(
    pods: [Pod], compiled: [CompiledPolicy], profile: DataplaneProfile, matcher: RuleMatcher,
    extraBlocks: [IPPrefix] = []
  ) {
    var blocks: [IPPrefix] = []
    if profile.ipBlockMatchesPodIPs {
      var seen = Set<IPPrefix>()
      for policy in compiled {
        for rule in policy.rules {
          for entry in rule.ingress + rule.egress {
            guard case .some(let peers) = entry.peers else { continue }
            for case .ipBlock(_, let cidr, let except, _) in peers {
              for block in [cidr].compactMap({ $0 }) + except where seen.insert(block).inserted {
                blocks.append(block)
              }
            }
          }
        }
      }
    }
    for block in extraBlocks where !blocks.contains(block) { blocks.append(block) }
    var index: [String: Int] = [:]
    var classOf: [Int] = []
    var views: [EndpointView] = []
    var sizes: [Int] = []
    var byNamespace: [String: [Int]] = [:]
    classOf.reserveCapacity(pods.count)
    for pod in pods {
      var key = pod.namespace + "\u{1}"
      for (name, value) in pod.labels.sorted(by: { $0.key < $1.key }) {
        key += name + "=" + value + "\u{2}"
      }
      key += pod.hostNetwork ? "\u{1}host:\(pod.node ?? "")" : "\u{1}"
      for port in pod.ports.sorted(by: { ($0.port, $0.name ?? "") < ($1.port, $1.name ?? "") }) {
        key += "\(port.name ?? ""):\(port.port)/\(port.protocol.rawValue)\u{2}"
      }
      if !blocks.isEmpty {
        key += "\u{1}"
        if let address = pod.ip.flatMap(IPPrefix.init) {
          for block in blocks { key += block.contains(address) ? "1" : "0" }
        } else {
          key += "-"
        }
      }
      if let existing = index[key] {
        classOf.append(existing)
        sizes[existing] += 1
      } else {
        let next = views.count
        index[key] = next
        classOf.append(next)
        views.append(
          EndpointView(pod: pod, namespaceLabels: matcher.namespaceLabels[pod.namespace] ?? [:]))
        sizes.append(1)
        byNamespace[pod.namespace, default: []].append(next)
      }
    }
    self.classOf = classOf
    self.views = views
    self.sizes = sizes
    self.byNamespace = byNamespace
  }
}
