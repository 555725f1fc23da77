import NetpolModel

/// Advice about a generated policy set that is valid but probably not what the user wants.
public enum RecipeNotices {
  /// Notices for `policies` taken together:
  /// - a Cilium policy uses `toFQDNs` but no policy of the set carries a `rules.dns` egress rule,
  ///   so no name is learned and every FQDN connection is denied (see DNS rules and toFQDNs in
  /// docs/semantics.md);
  /// - a `toFQDNs` list has `*.example.com` but not `example.com`, which the pattern does not
  ///   match (see DNS rules and toFQDNs in docs/semantics.md).
  public static func review(_ policies: [PolicyResource]) -> [String] {
    var notices: [String] = []
    let ciliumRules = policies.flatMap { policy -> [(PolicyResource, CiliumRule)] in
      guard case .cilium(let cilium) = policy else { return [] }
      return cilium.rules.map { (policy, $0.rule) }
    }
    let hasDNSRule = ciliumRules.contains { _, rule in
      (rule.egress ?? []).contains { entry in
        (entry.toPorts ?? []).contains { !($0.rules?.dns ?? []).isEmpty }
      }
    }
    var warnedDNS = Set<String>()
    for (policy, rule) in ciliumRules {
      for entry in rule.egress ?? [] {
        guard let fqdns = entry.fqdns, !fqdns.isEmpty else { continue }
        if !hasDNSRule && warnedDNS.insert(policy.qualifiedName).inserted {
          notices.append(
            "\(policy.qualifiedName) uses toFQDNs, but no policy in this set allows DNS with "
              + "rules.dns, so no name is learned and these connections are denied: add the "
              + "allow-dns recipe in its cnp form (skip this if the cluster already has one)")
        }
        let names = Set(fqdns.compactMap { $0.matchName?.lowercased() })
        for pattern in fqdns.compactMap(\.matchPattern) where pattern.hasPrefix("*.") {
          let apex = String(pattern.dropFirst(2)).lowercased()
          if !apex.contains("*") && !names.contains(apex) {
            notices.append(
              "\(policy.qualifiedName): matchPattern \(pattern) does not match \(apex) itself "
                + "(* stands for one label); add matchName: \(apex) if the apex is meant")
          }
        }
      }
    }
    return notices
  }
}
