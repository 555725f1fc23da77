import NetpolEngine
import NetpolModel

/// Policy building: `policy`, `select`, `allow`, `deny`, `rule rm`, `types`, `rm`.
extension Interpreter {
  mutating func policyCommand(_ arguments: inout Arguments, line: String) throws(ShellError) {
    let nameToken = try arguments.next("a policy name")
    var namespace: (String, Token)?
    var kind: (PolicyKind, Token)?
    while let option = arguments.peek {
      if option.isKeyword("-n") || option.isKeyword("--namespace") {
        _ = try arguments.next(option.text)
        let value = try arguments.next("a namespace after \(option.text)")
        if let problem = Validation.dns1123Label(value.text) {
          throw ShellError("invalid namespace `\(value.text)`: \(problem)", at: value)
        }
        namespace = (value.text, value)
      } else if option.isKeyword("--kind") || option.isKeyword("-k") {
        _ = try arguments.next(option.text)
        let value = try arguments.next("a kind after --kind")
        guard let parsed = PolicyKind(word: value.text) else {
          throw ShellError(
            "unknown kind `\(value.text)` (networkpolicy, cnp, ccnp, anp, banp, cnp-admin or "
              + "cnp-baseline)", at: value)
        }
        kind = (parsed, value)
      } else {
        throw ShellError(
          "unexpected `\(option.text)`; usage: policy NAME [-n NS] [--kind KIND]", at: option)
      }
    }
    var name = nameToken.text
    if let slash = name.firstIndex(of: "/") {
      if let namespace {
        throw ShellError("give the namespace once (NS/NAME or -n NS)", at: namespace.1)
      }
      let prefix = String(name[..<slash])
      namespace = (prefix, nameToken)
      name = String(name[name.index(after: slash)...])
    }
    let clusterScoped = kind.map { $0.0.isClusterScoped } ?? false
    if clusterScoped, let namespace {
      throw ShellError("a cluster-scoped policy has no namespace", at: namespace.1)
    }
    let existing: Int?
    if clusterScoped {
      existing = state.policies.firstIndex { $0.isClusterScoped && $0.metadata.name == name }
    } else if let namespace {
      existing = state.index(of: "\(namespace.0)/\(name)")
    } else {
      let matches = state.policies.indices.filter { state.policies[$0].metadata.name == name }
      if matches.count > 1 {
        let names = matches.map { state.policies[$0].qualifiedName }.joined(separator: ", ")
        throw ShellError("`\(name)` is ambiguous: \(names); write NS/NAME", at: nameToken)
      }
      existing = matches.first
    }
    var next = state
    if let existing {
      let policy = state.policies[existing]
      if let kind, PolicyKind(of: policy) != kind.0 {
        throw ShellError(
          "\(policy.qualifiedName) is a \(policy.kind); rm it first or choose another name",
          at: kind.1)
      }
      guard state.draft != policy.qualifiedName else {
        print("\(policy.qualifiedName) is already the draft")
        return
      }
      next.draft = policy.qualifiedName
      commit(line, next, message: "draft: \(policy.qualifiedName) (\(policy.kind))")
      return
    }
    if let problem = Validation.dns1123Subdomain(name) {
      throw ShellError("invalid policy name `\(name)`: \(problem)", at: nameToken)
    }
    let policyKind = kind?.0 ?? .networkPolicy
    let policy = policyKind.newPolicy(name: name, namespace: namespace?.0 ?? settings.namespace)
    try validate(policy, at: nameToken.span)
    next.policies.append(policy)
    next.draft = policy.qualifiedName
    let scope = policy.isClusterScoped ? "the cluster" : (policy.metadata.namespace ?? "")
    let note =
      policyKind == .networkPolicy
      ? "selects every pod of \(scope) and allows no ingress until you add rules"
      : "selects every pod of \(scope); it takes effect once it has a rule"
    commit(line, next, message: "created \(policy.kind) \(policy.qualifiedName): \(note)")
  }

  mutating func selectCommand(_ arguments: inout Arguments, line: String) throws(ShellError) {
    let (index, policy) = try draft()
    let (selector, span) = try PeerParser.readSelector(&arguments, what: "a selector (or all)")
    try arguments.expectEnd("select SELECTOR")
    var updated = policy
    switch policy {
    case .networkPolicy(var networkPolicy):
      networkPolicy.spec.podSelector = selector
      updated = .networkPolicy(networkPolicy)
    case .cilium(var cilium):
      if cilium.spec == nil, var first = cilium.specs?.first {
        first.endpointSelector = selector
        cilium.specs?[0] = first
      } else {
        var rule = cilium.spec ?? CiliumRule()
        rule.endpointSelector = selector
        rule.nodeSelector = nil
        cilium.spec = rule
      }
      updated = .cilium(cilium)
    case .admin(var admin):
      admin.subject = .pods(AdminPods(namespaceSelector: .everything, podSelector: selector))
      updated = .admin(admin)
    }
    try validate(updated, at: span)
    var next = state
    next.policies[index] = updated
    let count = selectedPods(updated, selector: selector).count
    let what = count == 1 ? "1 pod" : "\(count) pods"
    commit(
      line, next,
      message: "\(updated.qualifiedName) selects \(RuleText.selector(selector)) (\(what))")
  }

  mutating func ruleCommand(_ arguments: inout Arguments, line: String, deny: Bool)
    throws(ShellError)
  {
    let (index, policy) = try draft()
    let rule = try PeerParser.parseRule(&arguments, deny: deny)
    let updated = try RuleBuilder.add(rule, to: policy)
    try validate(updated, at: rule.peerSpan)
    var next = state
    next.policies[index] = updated
    let rules = PolicyRules.list(updated)
    var message = "\(updated.qualifiedName) rule \(rules.count): \(rules.last?.text ?? "")"
    message += notes(for: rule, before: policy, after: updated).map { "\nnote: " + $0 }.joined()
    commit(line, next, message: message)
  }

  mutating func ruleRemoveCommand(_ arguments: inout Arguments, line: String) throws(ShellError) {
    _ = try arguments.expect(oneOf: ["rm"], after: "rule")
    let numberToken = try arguments.next("a rule number (see show)")
    try arguments.expectEnd("rule rm N")
    let (index, policy) = try draft()
    let rules = PolicyRules.list(policy)
    guard let number = Int(numberToken.text), (1...max(1, rules.count)).contains(number),
      number <= rules.count
    else {
      let range = rules.isEmpty ? "the draft has no rules" : "rules are 1-\(rules.count)"
      throw ShellError("no rule `\(numberToken.text)` (\(range))", at: numberToken)
    }
    let updated = PolicyRules.remove(rules[number - 1].locator, from: policy)
    try validate(updated, at: numberToken.span)
    var next = state
    next.policies[index] = updated
    commit(line, next, message: "removed rule \(number): \(rules[number - 1].text)")
  }

  mutating func typesCommand(_ arguments: inout Arguments, line: String) throws(ShellError) {
    let word = try arguments.expect(
      oneOf: ["ingress", "egress", "both", "default"], after: "types")
    try arguments.expectEnd("types ingress|egress|both|default")
    let (index, policy) = try draft()
    guard case .networkPolicy(var networkPolicy) = policy else {
      throw ShellError(
        "types applies to NetworkPolicy; Cilium kinds isolate a direction once it has a rule",
        at: arguments.tokens[1])
    }
    switch word {
    case "ingress": networkPolicy.spec.policyTypes = [.ingress]
    case "egress": networkPolicy.spec.policyTypes = [.egress]
    case "both": networkPolicy.spec.policyTypes = [.ingress, .egress]
    default: networkPolicy.spec.policyTypes = nil
    }
    let updated = PolicyResource.networkPolicy(networkPolicy)
    try validate(updated, at: arguments.tokens[1].span)
    var next = state
    next.policies[index] = updated
    let effective = networkPolicy.spec.effectivePolicyTypes.map(\.rawValue)
    commit(
      line, next,
      message: "\(policy.qualifiedName) isolates \(effective.joined(separator: " and "))")
  }

  mutating func removeCommand(_ arguments: inout Arguments, line: String) throws(ShellError) {
    let nameToken = try arguments.next("a policy name")
    try arguments.expectEnd("rm NAME")
    let index = try policyIndex(nameToken)
    var next = state
    let removed = next.policies.remove(at: index)
    if next.draft == removed.qualifiedName { next.draft = nil }
    commit(line, next, message: "removed \(removed.kind) \(removed.qualifiedName)")
  }

  // MARK: - Helpers

  /// The draft's index and value, or an error saying how to make one.
  func draft() throws(ShellError) -> (Int, PolicyResource) {
    guard let draft = state.draft, let index = state.index(of: draft) else {
      throw ShellError("no draft policy; create one with `policy NAME [-n NS]`")
    }
    return (index, state.policies[index])
  }

  /// The index of the policy a word names: `NAME` (unique) or `NS/NAME`.
  func policyIndex(_ token: Token) throws(ShellError) -> Int {
    if let index = state.index(of: token.text) { return index }
    let matches = state.policies.indices.filter { state.policies[$0].metadata.name == token.text }
    if matches.count > 1 {
      let names = matches.map { state.policies[$0].qualifiedName }.joined(separator: ", ")
      throw ShellError("`\(token.text)` is ambiguous: \(names); write NS/NAME", at: token)
    }
    guard let index = matches.first else {
      throw ShellError("no policy `\(token.text)` (policies lists them)", at: token)
    }
    return index
  }

  /// Fails with the validator's findings if the object is not one the API server would accept.
  func validate(_ policy: PolicyResource, at span: Span?) throws(ShellError) {
    if PolicyRules.isEmptyCilium(policy) { return }
    let findings = PolicyValidator.validate(policy)
    guard let first = findings.first else { return }
    throw ShellError(
      "\(policy.qualifiedName): \(first.description)", at: span,
      details: findings.dropFirst().map { "\(policy.qualifiedName): \($0.description)" })
  }

  /// Pods of the inventory a policy's subject selector picks (Cilium `k8s:`/`any:` key
  /// prefixes ignored).
  func selectedPods(_ policy: PolicyResource, selector: LabelSelector) -> [Pod] {
    let plain = Self.strippingSources(selector)
    return state.inventory.pods.filter { pod in
      if !policy.isClusterScoped, pod.namespace != policy.metadata.namespace { return false }
      return plain.matches(pod.labels)
    }
  }

  static func strippingSources(_ selector: LabelSelector) -> LabelSelector {
    func strip(_ key: String) -> String {
      for prefix in ["k8s:", "any:"] where key.hasPrefix(prefix) {
        return String(key.dropFirst(prefix.count))
      }
      return key
    }
    var labels: [String: String] = [:]
    for (key, value) in selector.matchLabels { labels[strip(key)] = value }
    return LabelSelector(
      matchLabels: labels,
      matchExpressions: selector.matchExpressions.map {
        LabelSelectorRequirement(key: strip($0.key), operator: $0.operator, values: $0.values)
      })
  }

  private func notes(for rule: RuleSpec, before: PolicyResource, after: PolicyResource)
    -> [String]
  {
    var notes: [String] = []
    if case .networkPolicy(let old) = before, case .networkPolicy(let new) = after,
      !old.spec.effectivePolicyTypes.contains(.egress),
      new.spec.effectivePolicyTypes.contains(.egress)
    {
      notes.append(
        "\(after.qualifiedName) now isolates egress too (policyTypes defaults to Ingress and "
          + "Egress once egress rules exist): its pods may only reach what egress rules allow")
    }
    if case .pods(let selector, let namespace) = rule.peer {
      var scope: String?
      var checkable = true
      switch namespace {
      case nil: scope = after.isClusterScoped ? nil : after.metadata.namespace
      case .named(let name)?: scope = name
      case .selector?: checkable = false
      }
      let plain = Self.strippingSources(selector)
      let matching = state.inventory.pods.filter { pod in
        (scope == nil || pod.namespace == scope) && plain.matches(pod.labels)
      }
      if checkable, matching.isEmpty {
        let place = scope.map { " in \($0)" } ?? ""
        notes.append("no pod\(place) matches \(RuleText.selector(selector)) yet")
      }
    }
    return notes
  }
}

/// The kinds `policy --kind` creates.
enum PolicyKind: Equatable {
  case networkPolicy, cnp, ccnp
  /// An admin policy of this kind and tier (the tier matters for ClusterNetworkPolicy only).
  case admin(AdminPolicyKind, AdminTier)

  init?(word: String) {
    switch word.lowercased() {
    case "networkpolicy", "np", "netpol", "k8s", "kubernetes": self = .networkPolicy
    case "cnp", "ciliumnetworkpolicy", "cilium": self = .cnp
    case "ccnp", "ciliumclusterwidenetworkpolicy": self = .ccnp
    case "anp", "adminnetworkpolicy": self = .admin(.adminNetworkPolicy, .admin)
    case "banp", "baselineadminnetworkpolicy": self = .admin(.baselineAdminNetworkPolicy, .baseline)
    case "cnp-admin": self = .admin(.clusterNetworkPolicy, .admin)
    case "cnp-baseline": self = .admin(.clusterNetworkPolicy, .baseline)
    default: return nil
    }
  }

  /// Whether policies of this kind have no namespace.
  var isClusterScoped: Bool {
    switch self {
    case .networkPolicy, .cnp: return false
    case .ccnp, .admin: return true
    }
  }

  init(of policy: PolicyResource) {
    switch policy {
    case .networkPolicy: self = .networkPolicy
    case .cilium(let cilium): self = cilium.kind == .networkPolicy ? .cnp : .ccnp
    case .admin(let admin): self = .admin(admin.kind, admin.effectiveTier)
    }
  }

  func newPolicy(name: String, namespace: String) -> PolicyResource {
    switch self {
    case .networkPolicy:
      return .networkPolicy(NetworkPolicy(metadata: ObjectMeta(name: name, namespace: namespace)))
    case .cnp:
      return .cilium(
        CiliumPolicy(
          kind: .networkPolicy, metadata: ObjectMeta(name: name, namespace: namespace),
          spec: CiliumRule(endpointSelector: .everything)))
    case .ccnp:
      return .cilium(
        CiliumPolicy(
          kind: .clusterwideNetworkPolicy, metadata: ObjectMeta(name: name),
          spec: CiliumRule(endpointSelector: .everything)))
    case .admin(let kind, let tier):
      // every pod until `select` narrows it; ANP and CNP need a priority, BANP has none
      return .admin(
        AdminPolicy(
          kind: kind, metadata: ObjectMeta(name: name), tier: tier,
          priority: kind == .baselineAdminNetworkPolicy ? nil : 100,
          subject: .namespaces(.everything)))
    }
  }
}
