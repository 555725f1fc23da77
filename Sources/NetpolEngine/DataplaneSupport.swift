import NetpolModel

extension DataplaneProfile {
  /// Why this dataplane does not apply `policy` at all, or `nil` when it applies it
  /// (see Dataplanes and Feature support by dataplane in docs/semantics.md):
  /// - Cilium kinds on a non-Cilium dataplane are not enforced;
  /// - Windows NPM skips a NetworkPolicy using named ports, SCTP, NotIn/DoesNotExist or
  ///   `except` (NPM `isUnsupportedWindowsTranslationErr`: the policy is not translated);
  /// - a Cilium agent without an L7 proxy (azure-cilium without ACNS) rejects policies with L7
  ///   rules; ACNS accepts HTTP/Kafka rules in CiliumNetworkPolicy only (A-L7).
  public func rejectionReason(for policy: PolicyResource) -> String? {
    switch policy {
    case .cilium(let cilium):
      guard enforcesCiliumPolicies else {
        return
          "\(cilium.kind.rawValue) is not enforced on \(dataplane.rawValue) (see Feature support by dataplane in docs/semantics.md)"
      }
      let l7 = cilium.rules.flatMap { ciliumL7Kinds($0.rule) }
      if !enforcesL7 && !l7.isEmpty {
        return
          "\(dataplane.rawValue) has no L7/DNS proxy without ACNS; a policy with \(Set(l7).sorted().joined(separator: "/")) rules is rejected (see Dataplanes in docs/semantics.md)"
      }
      if cilium.kind == .clusterwideNetworkPolicy && !enforcesL7InClusterwide
        && l7.contains(where: { $0 != "dns" })
      {
        return
          "\(dataplane.rawValue) supports HTTP/Kafka L7 rules in CiliumNetworkPolicy only, not in the clusterwide kind (A-L7)"
      }
      return nil
    case .networkPolicy(let networkPolicy):
      return windowsUnsupported(networkPolicy.spec)
    case .admin(let admin):
      return adminRejectionReason(admin)
    }
  }

  /// The L7 rule kinds (`http`, `kafka`, `dns`) a Cilium rule uses.
  private func ciliumL7Kinds(_ rule: CiliumRule) -> [String] {
    let entries = (rule.ingress ?? []) + (rule.egress ?? [])
    var kinds: [String] = []
    for entry in entries {
      for portRule in entry.toPorts ?? [] {
        guard let rules = portRule.rules else { continue }
        if !(rules.http ?? []).isEmpty { kinds.append("http") }
        if !(rules.kafka ?? []).isEmpty { kinds.append("kafka") }
        if !(rules.dns ?? []).isEmpty { kinds.append("dns") }
      }
    }
    return kinds
  }

  /// The first construct Windows NPM cannot translate, as a reason.
  private func windowsUnsupported(_ spec: NetworkPolicySpec) -> String? {
    let rules = (spec.ingress ?? []) + (spec.egress ?? [])
    var found: [String] = []
    if !supportsNamedPorts,
      rules.contains(where: {
        ($0.ports ?? []).contains { if case .name = $0.port { return true } else { return false } }
      })
    {
      found.append("named ports")
    }
    if !supportsSCTP, rules.contains(where: { ($0.ports ?? []).contains { $0.protocol == .sctp } })
    {
      found.append("SCTP")
    }
    if !supportsExcept,
      rules.contains(where: { ($0.peers ?? []).contains { !($0.ipBlock?.except.isEmpty ?? true) } })
    {
      found.append("ipBlock except")
    }
    if !supportsNegativeSelectors {
      var selectors = [spec.podSelector]
      for rule in rules {
        for peer in rule.peers ?? [] {
          selectors += [peer.podSelector, peer.namespaceSelector].compactMap { $0 }
        }
      }
      let negative = selectors.contains {
        $0.matchExpressions.contains { $0.operator == .notIn || $0.operator == .doesNotExist }
      }
      if negative { found.append("NotIn/DoesNotExist selectors") }
    }
    guard !found.isEmpty else { return nil }
    return
      "Windows NPM does not translate a NetworkPolicy using \(found.joined(separator: ", ")); the policy is not applied (see Dataplanes in docs/semantics.md)"
  }
}
