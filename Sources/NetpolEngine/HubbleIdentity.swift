import NetpolModel

/// The identities Hubble would show for the endpoints of a flow, as values for the renderers.
extension PolicyEngine {
  /// The pod with id `ns/name`, if the inventory has it.
  public func pod(id: String) -> Pod? { podsByID[id] }

  /// A pod's numeric identity: FNV-1a of its sorted identity labels, folded into 256–65535.
  public func hubbleIdentity(of pod: Pod) -> Int {
    let labels = view(of: pod).identity.sorted { $0.key < $1.key }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for (key, value) in labels {
      for byte in "\(key)=\(value);".utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
      }
    }
    return 256 + Int(hash % 65280)
  }

  /// The local identity of a non-pod address (`16777217 + k`, `k` its position among the
  /// inventory's external addresses) when an enforced Cilium CIDR or FQDN selector covers it;
  /// `nil` when Hubble would show it as `world`.
  public func hubbleWorldIdentity(_ address: String, names: [String]) -> Int? {
    guard dataplane.isCilium, selectedByCIDROrFQDN(address, names: names) else { return nil }
    let addresses = inventory.external.flatMap(\.ips)
    let index = addresses.firstIndex(of: address) ?? addresses.count
    return 16_777_217 + index
  }

  /// Whether an enforced Cilium CIDR or FQDN peer selects the address.
  private func selectedByCIDROrFQDN(_ address: String, names: [String]) -> Bool {
    guard let block = IPPrefix(address) else { return false }
    for policy in compiled where policy.isCilium {
      for rule in policy.rules {
        for entry in rule.ingress + rule.egress {
          guard case .some(let peers) = entry.peers else { continue }
          for peer in peers {
            switch peer {
            case .cidr(_, let cidr?, _, _) where cidr.contains(block): return true
            case .fqdn(_, let selector)
            where names.contains(where: FQDNPattern(selector).matches):
              return true
            default: continue
            }
          }
        }
      }
    }
    return false
  }
}
