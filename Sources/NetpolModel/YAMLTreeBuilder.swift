/// Why a text could not be parsed, with the place to report.
enum YAMLParseError: Error {
  /// A libyaml scanner or parser error: its problem, the construct being read (with where it
  /// started) and where the problem is.
  case syntax(problem: String, context: (text: String, mark: YAMLMark)?, mark: YAMLMark)
  /// Bytes that are not valid text, at a byte offset.
  case reader(problem: String, offset: Int)
  /// A key written twice in one mapping.
  case duplicateKey(String, mark: YAMLMark, firstLine: Int)
  /// An alias naming no anchor.
  case undefinedAlias(mark: YAMLMark)
  /// An alias where the caller refuses aliases.
  case aliasRefused(mark: YAMLMark)
}

/// Builds `YAMLNode` trees from parser events (libyaml's or the JSON reader's): finds duplicate
/// keys and skips the subtrees of cluster objects that netpol does not read (`KeepSchema`),
/// while still checking their keys for duplicates.
struct YAMLTreeBuilder {
  private struct Frame {
    var isMapping: Bool
    var mark: YAMLMark
    var anchor: String?
    /// False when the subtree is skipped: nothing is kept, keys are still checked.
    var building: Bool
    var state: KeepState
    var pairs: [YAMLMapping.Pair] = []
    var items: [YAMLNode] = []
    var expectingKey = true
    var key: YAMLNode?
    var keyName: String?
    /// Where this frame's keys start in `keys`.
    var keysStart: Int
    /// The keys by identity, once there are many.
    var keyIndex: [String: Int]?
  }

  /// Whether subtrees outside a cluster object's schema are skipped.
  let skipping: Bool
  private var stack: [Frame] = []
  /// The identities and lines of the keys of every open mapping, frame after frame.
  private var keys: [(identity: String, line: Int)] = []
  private(set) var root: YAMLNode?
  private var anchors: [String: YAMLNode] = [:]

  init(skipping: Bool) { self.skipping = skipping }

  /// Whether the next node is kept (its scalar text is needed): when it is built, or a key.
  var wantsText: Bool {
    if let top = stack.last, top.isMapping, top.expectingKey { return true }
    return slot != nil
  }

  /// Forgets the finished document.
  mutating func startDocument() {
    root = nil
  }

  private func valueState(_ frame: Frame) -> KeepState? {
    guard frame.isMapping else { return frame.state.item }
    guard let name = frame.keyName else { return .keepAll }
    return frame.state.child(key: name)
  }

  /// The state a new node would have, nil when it is skipped.
  private var slot: KeepState? {
    guard let top = stack.last else { return .root }
    guard top.building else { return nil }
    if top.isMapping && top.expectingKey { return .keepAll }
    return valueState(top)
  }

  /// A scalar; `text` is nil when `wantsText` was false.
  mutating func scalar(
    _ text: String?, style: YAMLScalar.Style, tag: String?, anchor: String?, mark: YAMLMark
  ) throws(YAMLParseError) {
    let node = YAMLNode.scalar(YAMLScalar(string: text ?? "", style: style, tag: tag, mark: mark))
    if let anchor { anchors[anchor] = node }
    try attach(node, built: text != nil && slot != nil)
  }

  /// An alias, resolved to the node its anchor names.
  mutating func alias(_ name: String, mark: YAMLMark) throws(YAMLParseError) {
    guard let node = anchors[name] else { throw .undefinedAlias(mark: mark) }
    try attach(node, built: slot != nil)
  }

  /// The start of a mapping or a sequence.
  mutating func start(mapping: Bool, anchor: String?, mark: YAMLMark) {
    let state = slot
    stack.append(
      Frame(
        isMapping: mapping, mark: mark, anchor: anchor, building: state != nil,
        state: state ?? .keepAll, keysStart: keys.count))
  }

  /// The end of the innermost mapping or sequence.
  mutating func end() throws(YAMLParseError) {
    guard let frame = stack.popLast() else { return }
    keys.removeSubrange(frame.keysStart...)
    let node: YAMLNode =
      frame.isMapping
      ? .mapping(YAMLMapping(pairs: frame.pairs, mark: frame.mark))
      : .sequence(YAMLSequence(items: frame.items, mark: frame.mark))
    if let anchor = frame.anchor, frame.building { anchors[anchor] = node }
    try attach(node, built: frame.building)
  }

  private mutating func attach(_ node: YAMLNode, built: Bool) throws(YAMLParseError) {
    guard !stack.isEmpty else {
      root = node
      return
    }
    let top = stack.count - 1
    if !stack[top].isMapping {
      if built { stack[top].items.append(node) }
      return
    }
    if stack[top].expectingKey {
      stack[top].expectingKey = false
      stack[top].key = stack[top].building ? node : nil
      stack[top].keyName = nil
      guard case .scalar(let scalar) = node else { return }
      stack[top].keyName = scalar.string
      try checkDuplicate(scalar, frame: top)
      return
    }
    stack[top].expectingKey = true
    if let key = stack[top].key, built {
      stack[top].pairs.append(YAMLMapping.Pair(key: key, value: node))
    }
    if skipping, stack[top].state.isObject, stack[top].state.schema == nil,
      stack[top].keyName == "kind", case .scalar(let scalar) = node,
      case .string(let kind)? = ScalarValue.resolve(scalar)
    {
      stack[top].state.schema = KeepSchema.forKind(kind)
    }
    stack[top].key = nil
    stack[top].keyName = nil
  }

  /// Refuses a key already written in the mapping: keys are equal when their text and their
  /// type (string, number, boolean, null) are.
  private mutating func checkDuplicate(_ key: YAMLScalar, frame index: Int) throws(YAMLParseError) {
    var identity = key.string
    // Every plain text that YAML reads as another type than a string is at most 5 characters
    // long or starts with a digit, a sign, a dot or `~`.
    let first = identity.utf8.first ?? 0
    let letter = (first | 0x20) >= UInt8(ascii: "a") && (first | 0x20) <= UInt8(ascii: "z")
    let isString =
      key.tag == YAMLScalar.stringTag || (key.tag == nil && key.style != .plain)
      || (key.tag == nil && letter && identity.utf8.count > 5)
    if !isString {
      if let value = ScalarValue.resolve(key) {
        if case .string = value {} else { identity = value.typeName + "\u{0}" + identity }
      } else {
        identity = (key.tag ?? "") + "\u{0}" + identity
      }
    }
    let start = stack[index].keysStart
    let count = keys.count - start
    if let keyIndex = stack[index].keyIndex {
      if let found = keyIndex[identity] {
        throw .duplicateKey(key.string, mark: key.mark, firstLine: keys[found].line)
      }
    } else {
      for position in start..<keys.count where keys[position].identity == identity {
        throw .duplicateKey(key.string, mark: key.mark, firstLine: keys[position].line)
      }
    }
    keys.append((identity, key.mark.line))
    if count >= 16 {
      if stack[index].keyIndex == nil {
        var keyIndex: [String: Int] = [:]
        for position in start..<keys.count { keyIndex[keys[position].identity] = position }
        stack[index].keyIndex = keyIndex
      } else {
        stack[index].keyIndex?[identity] = keys.count - 1
      }
    }
  }
}
