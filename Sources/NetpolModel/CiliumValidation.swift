/// Cilium CRD schema and agent (`rule_validation.go`) rules for CNP/CCNP (see CiliumNetworkPolicy
/// in docs/semantics.md).
extension Checker {
  /// The entity names the v2 CRD accepts (`toEntities`/`fromEntities` enum).
  static let ciliumEntities: Set<String> = [
    "all", "world", "cluster", "host", "init", "ingress", "unmanaged", "remote-node", "health",
    "none", "kube-apiserver",
  ]

  mutating func ciliumPolicy(_ policy: CiliumPolicy) {
    if policy.spec == nil && (policy.specs ?? []).isEmpty {
      report("spec", "a Cilium policy needs `spec` or a non-empty `specs`")
    }
    for (path, rule) in policy.rules {
      ciliumRule(rule, at: path, clusterwide: policy.kind == .clusterwideNetworkPolicy)
    }
  }

  mutating func ciliumRule(_ rule: CiliumRule, at path: String, clusterwide: Bool) {
    switch (rule.endpointSelector, rule.nodeSelector) {
    case (nil, nil):
      report(path, "a rule needs exactly one of `endpointSelector` or `nodeSelector`")
    case (.some, .some):
      report(path, "a rule cannot have both `endpointSelector` and `nodeSelector`")
    default: break
    }
    if let selector = rule.endpointSelector {
      self.selector(selector, at: "\(path).endpointSelector", cilium: true)
    }
    if let selector = rule.nodeSelector {
      self.selector(selector, at: "\(path).nodeSelector", cilium: true)
      if !clusterwide {
        report(
          "\(path).nodeSelector",
          "only a CiliumClusterwideNetworkPolicy may use `nodeSelector` (host policies)")
      }
    }
    if rule.ingress == nil && rule.ingressDeny == nil && rule.egress == nil
      && rule.egressDeny == nil
    {
      report(path, "a rule must have at least one of ingress, ingressDeny, egress or egressDeny")
    }
    let hostPolicy = rule.nodeSelector != nil
    let lists: [(String, [CiliumRuleEntry]?, Bool, Bool)] = [
      ("ingress", rule.ingress, false, false), ("ingressDeny", rule.ingressDeny, false, true),
      ("egress", rule.egress, true, false), ("egressDeny", rule.egressDeny, true, true),
    ]
    for (key, entries, egress, deny) in lists {
      for (index, entry) in (entries ?? []).enumerated() {
        ciliumEntry(
          entry, at: "\(path).\(key)[\(index)]", egress: egress, deny: deny, hostPolicy: hostPolicy)
      }
    }
    for (index, label) in (rule.labels ?? []).enumerated() where label.key.isEmpty {
      report("\(path).labels[\(index)].key", "must not be empty")
    }
    if let value = rule.logValue, value.count > 32 {
      report("\(path).log.value", "must be no more than 32 characters")
    }
  }

  mutating func ciliumEntry(
    _ entry: CiliumRuleEntry, at path: String, egress: Bool, deny: Bool, hostPolicy: Bool
  ) {
    let prefix = egress ? "to" : "from"
    let kinds = entry.l3Kinds.map { prefix + $0 }
    if kinds.count > 1 {
      report(
        path, "combining \(kinds[0]) and \(kinds[1]) is not supported yet; use separate entries")
    }
    if !egress, entry.fqdns != nil {
      report(path, "toFQDNs cannot be used in ingress rules")
    }
    if !egress, entry.services != nil {
      report(path, "toServices cannot be used in ingress rules")
    }
    if deny, entry.fqdns != nil {
      report("\(path).toFQDNs", "toFQDNs is not allowed in deny rules")
    }
    if entry.icmps != nil && entry.toPorts != nil {
      report(path, "icmps and toPorts cannot be in the same entry; define a separate entry")
    }
    for (index, selector) in (entry.endpoints ?? []).enumerated() {
      self.selector(selector, at: "\(path).\(prefix)Endpoints[\(index)]", cilium: true)
    }
    for (index, selector) in (entry.nodes ?? []).enumerated() {
      self.selector(selector, at: "\(path).\(prefix)Nodes[\(index)]", cilium: true)
    }
    for (index, entity) in (entry.entities ?? []).enumerated()
    where !Checker.ciliumEntities.contains(entity) {
      report(
        "\(path).\(prefix)Entities[\(index)]",
        "unsupported entity \(quoted(entity)): supported values: "
          + Checker.ciliumEntities.sorted().joined(separator: ", "))
    }
    for (index, cidr) in (entry.cidr ?? []).enumerated() {
      check(Validation.addressOrCIDR(cidr), cidr, at: "\(path).\(prefix)CIDR[\(index)]")
    }
    for (index, rule) in (entry.cidrSet ?? []).enumerated() {
      cidrRule(rule, at: "\(path).\(prefix)CIDRSet[\(index)]")
    }
    for (index, fqdn) in (entry.fqdns ?? []).enumerated() {
      fqdnSelector(fqdn, at: "\(path).toFQDNs[\(index)]")
    }
    for (index, service) in (entry.services ?? []).enumerated() {
      serviceSelector(service, at: "\(path).toServices[\(index)]")
    }
    for (index, portRule) in (entry.toPorts ?? []).enumerated() {
      self.portRule(
        portRule, at: "\(path).toPorts[\(index)]", egress: egress, deny: deny,
        hostPolicy: hostPolicy)
    }
    for (index, icmp) in (entry.icmps ?? []).enumerated() {
      icmpRule(icmp, at: "\(path).icmps[\(index)]")
    }
  }

  mutating func cidrRule(_ rule: CIDRRule, at path: String) {
    switch (rule.cidr, rule.cidrGroupRef) {
    case (nil, nil):
      report(path, "needs exactly one of `cidr` or `cidrGroupRef`")
    case (.some, .some):
      report(path, "may not specify both `cidr` and `cidrGroupRef`")
    case (.some(let cidr), nil):
      check(Validation.cidr(cidr), cidr, at: "\(path).cidr")
      if let outer = IPPrefix(cidr), Validation.cidr(cidr) == nil {
        for (index, item) in (rule.except ?? []).enumerated() {
          if let problem = Validation.cidr(item) {
            check(problem, item, at: "\(path).except[\(index)]")
          } else if let inner = IPPrefix(item), !outer.contains(inner) {
            report(
              "\(path).except[\(index)]", "\(quoted(item)) is not inside `cidr` \(quoted(cidr))")
          }
        }
      }
    case (nil, .some(let ref)):
      check(Validation.dns1123Subdomain(ref), ref, at: "\(path).cidrGroupRef")
    }
  }

  mutating func fqdnSelector(_ selector: FQDNSelector, at path: String) {
    switch (selector.matchName, selector.matchPattern) {
    case (nil, nil):
      report(path, "needs exactly one of `matchName` or `matchPattern`")
    case (.some, .some):
      report(path, "only one of `matchName` or `matchPattern` is allowed")
    case (.some(let name), nil):
      if let problem = Checker.fqdnProblem(name, wildcard: false) {
        report("\(path).matchName", "invalid value \(quoted(name)): \(problem)")
      }
    case (nil, .some(let pattern)):
      if let problem = Checker.fqdnProblem(pattern, wildcard: true) {
        report("\(path).matchPattern", "invalid value \(quoted(pattern)): \(problem)")
      }
    }
  }

  /// The CRD pattern `^([-a-zA-Z0-9_]+[.]?)+$` (with `*` for patterns), at most 255 characters.
  static func fqdnProblem(_ text: String, wildcard: Bool) -> String? {
    if text.utf8.count > 255 { return "must be no more than 255 characters" }
    let allowed = { (byte: UInt8) -> Bool in
      Validation.isAlnum(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        || (wildcard && byte == UInt8(ascii: "*"))
    }
    let labels = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    let trailingDot = text.hasSuffix(".")
    let body = trailingDot ? labels.dropLast() : labels[...]
    guard !body.isEmpty, body.allSatisfy({ !$0.isEmpty && $0.allSatisfy(allowed) }) else {
      let chars = wildcard ? "letters, digits, '-', '_' and '*'" : "letters, digits, '-' and '_'"
      return "must be dot-separated labels of \(chars)"
    }
    return nil
  }

  mutating func serviceSelector(_ service: ServiceSelector, at path: String) {
    if service.serviceName != nil, service.selector != nil {
      report(path, "may not specify both `k8sService` and `k8sServiceSelector`")
    } else if service.serviceName == nil, service.selector == nil {
      report(path, "needs `k8sService` or `k8sServiceSelector`")
    }
    if let selector = service.selector {
      self.selector(selector, at: "\(path).k8sServiceSelector.selector", cilium: false)
    }
  }

  mutating func icmpRule(_ rule: ICMPRule, at path: String) {
    if rule.fields.count > 40 { report("\(path).fields", "too many types, the max is 40") }
    for (index, field) in rule.fields.enumerated() {
      let fieldPath = "\(path).fields[\(index)]"
      let family = field.family ?? "IPv4"
      guard family == "IPv4" || family == "IPv6" else {
        report(
          "\(fieldPath).family",
          "unsupported value \(quoted(family)): supported values: \"IPv4\", \"IPv6\"")
        continue
      }
      if ICMPTypes.number(family: family, type: field.type) == nil {
        report(
          "\(fieldPath).type",
          "invalid value \(quoted(field.type)): must be 0-255 or an \(family == "IPv4" ? "ICMPv4" : "ICMPv6") type name such as EchoRequest"
        )
      }
    }
  }
}
