/// The documents of one file, each read by its `kind`.
final class DocumentStream {
  let source: SourceText
  let budget: NodeBudget
  let builder: InventoryBuilder
  var policies: [LoadedPolicy] = []
  var diagnostics: [Diagnostic] = []
  /// One line per object skipped on purpose (`FILE:LINE:COL: skipped KIND NAMESPACE/NAME ...`).
  var notices: [String] = []

  init(source: SourceText, budget: NodeBudget, builder: InventoryBuilder) {
    self.source = source
    self.budget = budget
    self.builder = builder
  }

  func readAll() {
    let documents = YAMLInput.parse(source, options: .clusterObjects)
    for document in documents.roots {
      read(document: document)
      if budget.exhausted { return }
    }
    if let problem = documents.problem { diagnostics.append(problem) }
  }

  func read(document: YAMLNode) {
    if DocumentReader.isNull(document) { return }
    guard case .mapping = document else {
      let reader = DocumentReader(source: source, prefix: "", budget: budget)
      reader.error(
        document, "",
        "expected a mapping (a Kubernetes object or an inventory), found "
          + DocumentReader.describe(document))
      diagnostics += reader.diagnostics
      return
    }
    readObject(document, prefix: "")
  }

  /// The `apiVersion` and `kind` strings of a mapping, when written as strings.
  private func header(_ node: YAMLNode) -> (apiVersion: String?, kind: String?, keys: Set<String>) {
    guard case .mapping(let mapping) = node else { return (nil, nil, []) }
    var apiVersion: String?
    var kind: String?
    var keys: Set<String> = []
    for index in mapping.startIndex..<mapping.endIndex {
      let (key, value) = mapping[index]
      guard case .scalar(let keyScalar) = key else { continue }
      keys.insert(keyScalar.string)
      guard case .scalar(let scalar) = value,
        case .string(let text) = ScalarValue.resolve(scalar)
      else { continue }
      if keyScalar.string == "apiVersion" { apiVersion = text }
      if keyScalar.string == "kind" { kind = text }
    }
    return (apiVersion, kind, keys)
  }

  func readObject(_ node: YAMLNode, prefix: String) {
    let reader = DocumentReader(source: source, prefix: prefix, budget: budget)
    defer {
      // in file order: the walk and the validator each go field by field
      let ordered = reader.diagnostics.enumerated().sorted { a, b in
        func key(_ item: (offset: Int, element: Diagnostic)) -> (Int, Int, Int) {
          let location = item.element.location
          return (location?.line ?? .max, location?.column ?? .max, item.offset)
        }
        return key(a) < key(b)
      }
      diagnostics += ordered.map(\.element)
    }
    guard reader.visit(node) else { return }
    guard case .mapping = node else {
      reader.error(node, "", "expected a mapping, found \(DocumentReader.describe(node))")
      return
    }
    reader.record("", node)
    let (apiVersion, kind, keys) = header(node)
    guard let kind, !kind.isEmpty else {
      if keys.contains("kind") { return blankHeaderField("kind", node, reader) }
      // An inventory's keys are all optional: an empty mapping is an empty inventory.
      if apiVersion == nil, !keys.contains("apiVersion"),
        keys.isEmpty || !keys.isDisjoint(with: DocumentReader.inventoryKeys)
      {
        reader.inventory(node, into: builder)
      } else {
        reader.error(node, "", "missing required field \"kind\"")
      }
      return
    }
    guard let apiVersion, !apiVersion.isEmpty else {
      if keys.contains("apiVersion") {
        blankHeaderField("apiVersion", node, reader)
      } else {
        reader.error(node, "", "missing required field \"apiVersion\"")
      }
      return
    }
    dispatch(node, reader: reader, apiVersion: apiVersion, kind: kind)
  }

  /// Reports `kind` or `apiVersion` written empty (`kind:`, `kind: ~`, `kind: ""`) or as
  /// something other than a string: the object cannot be read, and is never silently dropped.
  private func blankHeaderField(_ name: String, _ node: YAMLNode, _ reader: DocumentReader) {
    guard let field = reader.fields(node, at: "", known: [name], strict: false)?.byName[name]
    else { return }
    if case .scalar(let scalar) = field.value, let value = ScalarValue.resolve(scalar),
      value == .null || value == .string("")
    {
      reader.error(field.value, field.path, "must not be empty; every Kubernetes object has one")
    } else {
      _ = reader.string(field.value, at: field.path)
    }
  }

  private func dispatch(_ node: YAMLNode, reader: DocumentReader, apiVersion: String, kind: String)
  {
    let policyFields: Set<String> = ["apiVersion", "kind", "metadata", "spec", "status"]
    switch kind {
    case "NetworkPolicy":
      guard expect(apiVersion, "networking.k8s.io/v1", kind: kind, node, reader),
        let top = reader.fields(node, at: "", known: policyFields)
      else { return }
      let policy = reader.networkPolicy(node, top)
      finishPolicy(policy.map { .networkPolicy($0) }, reader: reader)
    case CiliumKind.networkPolicy.rawValue, CiliumKind.clusterwideNetworkPolicy.rawValue:
      guard expect(apiVersion, "cilium.io/v2", kind: kind, node, reader),
        let top = reader.fields(node, at: "", known: policyFields.union(["specs"])),
        let ciliumKind = CiliumKind(rawValue: kind)
      else { return }
      let policy = reader.ciliumPolicy(node, top, kind: ciliumKind)
      finishPolicy(policy.map { .cilium($0) }, reader: reader)
    case AdminPolicyKind.adminNetworkPolicy.rawValue,
      AdminPolicyKind.baselineAdminNetworkPolicy.rawValue,
      AdminPolicyKind.clusterNetworkPolicy.rawValue:
      guard let adminKind = AdminPolicyKind(rawValue: kind),
        expect(apiVersion, adminKind.apiVersion, kind: kind, node, reader),
        let top = reader.fields(node, at: "", known: policyFields)
      else { return }
      let policy = reader.adminPolicy(node, top, kind: adminKind)
      finishPolicy(policy.map { .admin($0) }, reader: reader)
    case "Namespace", "Pod", "Node":
      guard expect(apiVersion, "v1", kind: kind, node, reader),
        let top = reader.fields(node, at: "", known: ["metadata", "spec", "status"], strict: false)
      else { return }
      if kind == "Node" {
        reader.clusterNode(node, top, into: builder)
      } else if kind == "Pod" {
        reader.clusterPod(node, top, into: builder)
      } else {
        reader.clusterNamespace(node, top, into: builder)
      }
    default:
      if let wanted = DocumentReader.workloadKinds[kind] {
        guard expect(apiVersion, wanted, kind: kind, node, reader),
          let top = reader.fields(node, at: "", known: ["metadata", "spec"], strict: false)
        else { return }
        reader.clusterWorkload(node, top, kind: kind, into: builder)
      } else if DocumentReader.skippedKinds[kind]?.contains(apiVersion) == true {
        notices.append(skipNotice(node, kind: kind, reader: reader))
      } else if kind.hasSuffix("List") {
        readList(node, reader: reader)
      } else {
        let at = reader.fields(node, at: "", known: ["kind"], strict: false)?["kind"]
        reader.error(
          at?.value ?? node, "kind",
          "unsupported kind \(quoted(kind)) (apiVersion \(quoted(apiVersion)))")
      }
    }
  }

  /// `FILE:LINE:COL: skipped Service default/web (not a policy or inventory object)`; the name
  /// is read leniently (a missing or odd one is left out) and nothing is reported.
  private func skipNotice(_ node: YAMLNode, kind: String, reader: DocumentReader) -> String {
    func text(_ node: YAMLNode?, _ key: String) -> String? {
      guard case .mapping(let mapping)? = node else { return nil }
      for index in mapping.startIndex..<mapping.endIndex {
        let (keyNode, value) = mapping[index]
        guard case .scalar(let keyScalar) = keyNode, keyScalar.string == key else { continue }
        guard case .scalar(let scalar) = value,
          case .string(let string) = ScalarValue.resolve(scalar)
        else { return nil }
        return string
      }
      return nil
    }
    var metadata: YAMLNode?
    if case .mapping(let mapping) = node {
      metadata =
        mapping.first { pair in
          if case .scalar(let key) = pair.key { return key.string == "metadata" }
          return false
        }?.value
    }
    var object = DisplayText.escaped(kind)
    if let name = text(metadata, "name") {
      object +=
        " " + DisplayText.escaped((text(metadata, "namespace").map { $0 + "/" } ?? "") + name)
    }
    let place = reader.location(node).map { "\($0): " } ?? "\(source.file): "
    return place + "skipped \(object) (not a policy or inventory object)"
  }

  private func expect(
    _ apiVersion: String, _ wanted: String, kind: String, _ node: YAMLNode, _ reader: DocumentReader
  ) -> Bool {
    if apiVersion == wanted { return true }
    let at = reader.fields(node, at: "", known: ["apiVersion"], strict: false)?["apiVersion"]
    reader.error(
      at?.value ?? node, "apiVersion",
      "\(kind) must have apiVersion \(quoted(wanted)), found \(quoted(apiVersion))")
    return false
  }

  private func readList(_ node: YAMLNode, reader: DocumentReader) {
    guard
      let top = reader.fields(node, at: "", known: ["apiVersion", "kind", "items", "metadata"]),
      let field = top["items"]
    else { return }
    guard let items = reader.items(field.value, at: "items") else { return }
    for item in items {
      if DocumentReader.isNull(item.node) { continue }
      readObject(item.node, prefix: DocumentReader.join(reader.prefix, item.path))
      if budget.exhausted { return }
    }
  }

  /// Validates a policy read without structural problems and keeps it if it has none at all.
  private func finishPolicy(_ resource: PolicyResource?, reader: DocumentReader) {
    guard let resource else { return }
    for problem in PolicyValidator.validate(resource) {
      reader.error(at: problem.path, problem.message)
    }
    if reader.diagnostics.isEmpty {
      policies.append(LoadedPolicy(resource: resource, locations: reader.locations))
    }
  }
}
