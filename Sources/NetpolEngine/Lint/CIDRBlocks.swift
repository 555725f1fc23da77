import NetpolModel

/// A CIDR peer of any kind, for the CIDR rules: where it is written and what it covers.
struct CIDRPeer: Sendable {
  /// The subject it belongs to.
  var subject: LintSubject
  /// The peer's path (`...ipBlock`, `...toCIDR[0]`, `...toCIDRSet[1]`).
  var path: String
  /// The CIDR as written.
  var text: String
  /// The parsed block (`nil` if it does not parse).
  var block: IPPrefix?
  /// The parsed exceptions.
  var except: [IPPrefix]
  /// Whether it is a NetworkPolicy ipBlock (else a Cilium CIDR field).
  var isIPBlock: Bool

  /// Whether the peer covers the address (inside the block, outside every exception).
  func covers(_ address: String) -> Bool {
    guard let block, let target = IPPrefix(address) else { return false }
    return block.contains(target) && !except.contains { $0.contains(target) }
  }

  /// The IDs of the pods whose IP the peer covers.
  func coveredPodIDs(_ pods: [Pod]) -> [String] {
    pods.filter { $0.ip.map(covers) ?? false }.map(\.id)
  }

  /// Whether the block is a default route (`0.0.0.0/0`, `::/0`).
  var isEverything: Bool { block?.length == 0 }

  /// Every CIDR peer of the policies' allow and deny entries.
  static func all(in context: LintContext) -> [CIDRPeer] {
    var result: [CIDRPeer] = []
    for subject in context.subjects {
      if let policy = subject.networkPolicy {
        for site in NetworkPolicyRuleSite.all(in: policy.spec) {
          for (index, peer) in (site.rule.peers ?? []).enumerated() {
            guard let ipBlock = peer.ipBlock else { continue }
            result.append(
              CIDRPeer(
                subject: subject, path: "\(site.path).\(site.peerKey)[\(index)].ipBlock",
                text: ipBlock.cidr, block: IPPrefix(ipBlock.cidr),
                except: ipBlock.except.compactMap(IPPrefix.init), isIPBlock: true))
          }
        }
      }
      guard let rule = subject.ciliumRule else { continue }
      for site in CiliumEntrySite.all(in: rule, at: subject.path, deny: true) {
        let entry = site.rule
        for (index, text) in (entry.cidr ?? []).enumerated() {
          result.append(
            CIDRPeer(
              subject: subject, path: "\(site.path).\(site.peerKey)CIDR[\(index)]", text: text,
              block: IPPrefix(text), except: [], isIPBlock: false))
        }
        for (index, cidrRule) in (entry.cidrSet ?? []).enumerated() {
          guard let text = cidrRule.cidr else { continue }
          result.append(
            CIDRPeer(
              subject: subject, path: "\(site.path).\(site.peerKey)CIDRSet[\(index)]", text: text,
              block: IPPrefix(text),
              except: (cidrRule.except ?? []).compactMap(IPPrefix.init), isIPBlock: false))
        }
      }
    }
    return result
  }

  /// The private (RFC 1918) ranges pod networks are usually carved from.
  static let privateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].compactMap(
    IPPrefix.init)

  /// Whether the block lies inside a private range (and is not the default route).
  var isPrivate: Bool {
    guard let block, !isEverything else { return false }
    return CIDRPeer.privateRanges.contains { $0.contains(block) }
  }
}
