import NetpolEngine
import NetpolModel

/// The numeric ports policies name, so that previews cover flows to them.
enum RulePorts {
  /// Every numeric port of every rule (a range contributes its first port; Cilium's ANY counts
  /// as TCP and UDP), in first-seen order; with `outsideOnly`, only egress rules that can reach
  /// outside the cluster (CIDR, FQDN, entity or any peer).
  static func numeric(in policies: [PolicyResource], outsideOnly: Bool = false)
    -> [(FlowProtocol, Int)]
  {
    var result: [(FlowProtocol, Int)] = []
    for policy in policies {
      switch policy {
      case .networkPolicy(let networkPolicy):
        var rules = networkPolicy.spec.egress ?? []
        if outsideOnly {
          rules = rules.filter { rule in
            (rule.peers ?? []).isEmpty || rule.peers?.contains { $0.ipBlock != nil } == true
          }
        } else {
          rules += networkPolicy.spec.ingress ?? []
        }
        for rule in rules {
          for port in rule.ports ?? [] {
            guard case .number(let number)? = port.port else { continue }
            let proto = FlowProtocol(rawValue: (port.protocol ?? .tcp).rawValue) ?? .tcp
            result.append((proto, number))
          }
        }
      case .cilium(let cilium):
        for item in cilium.rules {
          let rule = item.rule
          var entries = (rule.egress ?? []) + (rule.egressDeny ?? [])
          if outsideOnly {
            entries = entries.filter { entry in
              entry.l3Kinds.isEmpty || entry.fqdns != nil || entry.cidr != nil
                || entry.cidrSet != nil || entry.entities != nil
            }
          } else {
            entries += (rule.ingress ?? []) + (rule.ingressDeny ?? [])
          }
          for entry in entries {
            for portRule in entry.toPorts ?? [] {
              for port in portRule.ports ?? [] {
                guard let number = Int(port.port), number > 0 else { continue }
                switch port.protocol ?? .any {
                case .any:
                  result.append((.tcp, number))
                  result.append((.udp, number))
                case .tcp: result.append((.tcp, number))
                case .udp: result.append((.udp, number))
                case .sctp: result.append((.sctp, number))
                }
              }
            }
          }
        }
      case .admin(let admin):
        var rules = admin.rules(.egress)
        if outsideOnly {
          rules = rules.filter { rule in
            rule.peers.contains {
              if case .networks = $0 { return true }
              if case .domainNames = $0 { return true }
              return false
            }
          }
        } else {
          rules += admin.rules(.ingress)
        }
        for port in rules.flatMap({ $0.ports ?? [] }) {
          guard case .number(let proto, let number) = port else { continue }
          result.append((FlowProtocol(rawValue: proto.rawValue) ?? .tcp, number))
        }
      }
    }
    return result
  }
}
