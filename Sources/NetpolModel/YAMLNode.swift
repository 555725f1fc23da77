/// A place in a YAML or JSON text: 1-based line and column (the column counts Unicode scalars).
public struct YAMLMark: Sendable, Hashable {
  /// The 1-based line.
  public var line: Int
  /// The 1-based column, in Unicode scalars.
  public var column: Int

  /// Creates a mark.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
}

/// One node of a parsed YAML or JSON document, with the place it was read from. Aliases are
/// resolved to the node they name (shared, not copied), so a walk must be bounded by the reader.
public enum YAMLNode: Sendable {
  /// A scalar.
  case scalar(YAMLScalar)
  /// A mapping, in file order.
  case mapping(YAMLMapping)
  /// A sequence.
  case sequence(YAMLSequence)

  /// Where the node starts.
  public var mark: YAMLMark {
    switch self {
    case .scalar(let scalar): return scalar.mark
    case .mapping(let mapping): return mapping.mark
    case .sequence(let sequence): return sequence.mark
    }
  }

  /// The scalar, for scalars.
  public var scalar: YAMLScalar? {
    if case .scalar(let scalar) = self { return scalar }
    return nil
  }

  /// The mapping, for mappings.
  public var mapping: YAMLMapping? {
    if case .mapping(let mapping) = self { return mapping }
    return nil
  }

  /// The sequence, for sequences.
  public var sequence: YAMLSequence? {
    if case .sequence(let sequence) = self { return sequence }
    return nil
  }
}

/// A scalar: its text, how it was written and its explicit tag.
public struct YAMLScalar: Sendable {
  /// How a scalar was written.
  public enum Style: UInt8, Sendable {
    /// Unquoted: YAML decides the type (`80` is a number, `true` a boolean).
    case plain
    /// In single quotes.
    case singleQuoted
    /// In double quotes (every JSON string).
    case doubleQuoted
    /// A `|` block.
    case literal
    /// A `>` block.
    case folded
  }

  /// The text, after unescaping and folding.
  public var string: String
  /// How it was written.
  public var style: Style
  /// The resolved tag (`tag:yaml.org,2002:str` for a quoted scalar without a tag), `!` for the
  /// non-specific tag, nil when the type is decided by the text.
  public var tag: String?
  /// Where it starts.
  public var mark: YAMLMark

  /// Creates a scalar.
  public init(string: String, style: Style, tag: String?, mark: YAMLMark) {
    self.string = string
    self.style = style
    self.tag = tag
    self.mark = mark
  }

  /// The tag of strings, as the YAML 1.1 type repository names it.
  public static let stringTag = "tag:yaml.org,2002:str"
}

/// A mapping's pairs in file order; keys are unique (duplicates are refused while parsing).
public struct YAMLMapping: Sendable, RandomAccessCollection {
  /// One `key: value` pair.
  public struct Pair: Sendable {
    /// The key.
    public var key: YAMLNode
    /// The value.
    public var value: YAMLNode
  }

  /// The pairs, in file order.
  public var pairs: [Pair]
  /// Where the mapping starts.
  public var mark: YAMLMark

  /// Creates a mapping.
  public init(pairs: [Pair], mark: YAMLMark) {
    self.pairs = pairs
    self.mark = mark
  }

  /// The first index.
  public var startIndex: Int { 0 }
  /// The index past the last pair.
  public var endIndex: Int { pairs.count }
  /// The pair at `index`.
  public subscript(index: Int) -> (key: YAMLNode, value: YAMLNode) {
    (pairs[index].key, pairs[index].value)
  }

  /// The value of the first pair whose key is the scalar `name`.
  public subscript(name: String) -> YAMLNode? {
    for pair in pairs {
      if case .scalar(let key) = pair.key, key.string == name { return pair.value }
    }
    return nil
  }
}

/// A sequence's items in order.
public struct YAMLSequence: Sendable, RandomAccessCollection {
  /// The items.
  public var items: [YAMLNode]
  /// Where the sequence starts.
  public var mark: YAMLMark

  /// Creates a sequence.
  public init(items: [YAMLNode], mark: YAMLMark) {
    self.items = items
    self.mark = mark
  }

  /// The first index.
  public var startIndex: Int { 0 }
  /// The index past the last item.
  public var endIndex: Int { items.count }
  /// The item at `index`.
  public subscript(index: Int) -> YAMLNode { items[index] }
}
