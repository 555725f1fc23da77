/// Which parts of a cluster object (as `kubectl get -o yaml|json` prints it) netpol reads; the
/// tree builders skip the rest without building it. Only the kinds read leniently (unknown
/// fields ignored) have a schema, so skipping never hides a problem the readers would report.
indirect enum KeepSchema: Sendable {
  /// Keep the whole subtree.
  case all
  /// In a mapping, keep only these keys (each with its own schema).
  case only([String: KeepSchema])
  /// In a sequence, each item with this schema.
  case each(KeepSchema)

  /// The schema of the value under `key` of a mapping, nil when it is skipped.
  func child(key: String) -> KeepSchema? {
    switch self {
    case .all: return .all
    case .only(let keys): return keys[key]
    case .each: return .all
    }
  }

  /// The schema of an item of a sequence.
  var item: KeepSchema {
    if case .each(let schema) = self { return schema }
    return .all
  }

  private static let metadata: KeepSchema = .only([
    "name": .all, "namespace": .all, "labels": .all, "ownerReferences": .all,
  ])

  private static let podSpec: KeepSchema = .only([
    "containers": .each(.only(["ports": .all])), "hostNetwork": .all, "nodeName": .all,
  ])

  private static let header: [String: KeepSchema] = ["apiVersion": .all, "kind": .all]

  private static let pod: KeepSchema = .only(
    header.merging([
      "metadata": metadata, "spec": podSpec,
      "status": .only(["podIP": .all, "phase": .all]),
    ]) { a, _ in a })

  private static let namespace: KeepSchema = .only(
    header.merging(["metadata": metadata]) { a, _ in a })

  private static let workload: KeepSchema = .only(
    header.merging([
      "metadata": metadata,
      "spec": .only([
        "template": .only(["metadata": .only(["labels": .all]), "spec": podSpec])
      ]),
    ]) { a, _ in a })

  private static let skipped: KeepSchema = .only(
    header.merging(["metadata": .only(["name": .all, "namespace": .all])]) { a, _ in a })

  /// The schema of an object of `kind`, nil when the whole object is kept.
  static func forKind(_ kind: String) -> KeepSchema? {
    switch kind {
    case "Pod": return pod
    case "Namespace": return namespace
    default:
      if DocumentReader.workloadKinds[kind] != nil { return workload }
      if DocumentReader.skippedKinds[kind] != nil { return skipped }
      return nil
    }
  }
}

/// Where a mapping being built stands for skipping: whether it is an object (a document or an
/// item of an object's `items`), and the schema its keys follow.
struct KeepState: Sendable {
  /// Whether the mapping is an object whose `kind` decides its schema.
  var isObject = false
  /// The schema for the mapping's keys; nil keeps everything.
  var schema: KeepSchema?
  /// Whether items of this sequence are objects (the sequence is an object's `items`).
  var itemsAreObjects = false

  /// The state of a root node.
  static let root = KeepState(isObject: true)
  /// Keep everything below.
  static let keepAll = KeepState()

  /// The state of the value under `key` in a mapping with this state; nil when it is skipped.
  func child(key: String) -> KeepState? {
    guard let schema else {
      return KeepState(itemsAreObjects: isObject && key == "items")
    }
    guard let child = schema.child(key: key) else { return nil }
    return KeepState(schema: child)
  }

  /// The state of an item of a sequence with this state.
  var item: KeepState {
    if itemsAreObjects { return KeepState(isObject: true) }
    return KeepState(schema: schema?.item)
  }
}
