/// Writes policies and inventories as block YAML shaped like `kubectl get -o yaml` output.
///
/// The writer is hand-written rather than built on a YAML library so that the bytes are fully
/// under control: keys come in the API's conventional order (not alphabetical and not in
/// `Dictionary` order), every mapping with free-form keys is sorted, and a string is quoted
/// exactly when a YAML 1.1 or 1.2 reader (go-yaml v2 behind kubectl, PyYAML, Yams) would read it
/// as something other than that string. The same input always gives the same bytes.
///
/// Layout: two-space indentation, sequences written at their parent key's indentation
/// (`policyTypes:` then `- Ingress`, as kubectl prints them), `{}` for an empty mapping and `[]`
/// for an empty list. A list that the model holds as `nil` is omitted; an empty one is written as
/// `[]`, so that reading the output back gives the same model value.
public enum YAMLWriter {
  /// One policy as a YAML document, ending in a newline, without a `---` line.
  public static func document(_ resource: PolicyResource) -> String {
    render(node(for: resource))
  }

  /// Several policies as one stream: the documents joined by `---` lines (none before the first).
  public static func stream(_ resources: [PolicyResource]) -> String {
    resources.map(document).joined(separator: "---\n")
  }

  /// An inventory in netpol's inventory file format (see `docs/inventory.md`).
  public static func inventory(_ inventory: Inventory) -> String {
    renderInventory(inventory)
  }
}

// MARK: - Document tree

extension YAMLWriter {
  /// A YAML node whose scalars and keys are already rendered (quoted where needed).
  indirect enum Node {
    /// A rendered scalar, e.g. `"443"`, `80` or `Ingress`.
    case scalar(String)
    /// A block mapping, in writing order.
    case mapping([(key: String, value: Node)])
    /// A block sequence.
    case sequence([Node])

    /// A string scalar, quoted when needed.
    static func string(_ value: String) -> Node { .scalar(YAMLWriter.quoted(value)) }

    /// An integer scalar.
    static func int(_ value: Int) -> Node { .scalar(String(value)) }

    /// A boolean scalar.
    static func bool(_ value: Bool) -> Node { .scalar(value ? "true" : "false") }

    /// A sequence of string scalars.
    static func strings(_ values: [String]) -> Node { .sequence(values.map(Node.string)) }

    /// A mapping of string keys to string values, sorted by key.
    static func sortedMap(_ values: [String: String]) -> Node {
      .mapping(values.keys.sorted().map { (YAMLWriter.quoted($0), Node.string(values[$0] ?? "")) })
    }
  }

  /// Collects the entries of a mapping in order, skipping absent values.
  struct MappingBuilder {
    /// The entries so far.
    private(set) var entries: [(key: String, value: Node)] = []

    /// Adds `key: value` (the key is a fixed API field name and is written as is).
    mutating func add(_ key: String, _ value: Node) { entries.append((key, value)) }

    /// Adds `key: value` when `value` is present.
    mutating func add(_ key: String, _ value: Node?) {
      if let value { entries.append((key, value)) }
    }

    /// Adds a string field when present.
    mutating func add(_ key: String, string value: String?) {
      if let value { entries.append((key, .string(value))) }
    }

    /// Adds an integer field when present.
    mutating func add(_ key: String, int value: Int?) {
      if let value { entries.append((key, .int(value))) }
    }

    /// Adds a list field when present (an empty list is written as `[]`).
    mutating func add<Element>(_ key: String, list: [Element]?, _ transform: (Element) -> Node) {
      if let list { entries.append((key, .sequence(list.map(transform)))) }
    }

    /// The finished mapping.
    var node: Node { .mapping(entries) }
  }
}

// MARK: - Rendering

extension YAMLWriter {
  /// Keys longer than this are written as explicit `? key` entries: YAML readers refuse implicit
  /// keys of more than 1024 characters.
  private static let longKeyLimit = 1000

  /// Renders a document whose root is a mapping (any other root is written as a one-item list).
  static func render(_ root: Node) -> String {
    var out = ""
    switch root {
    case .mapping(let entries) where !entries.isEmpty:
      writeEntries(entries, indent: 0, continuing: false, into: &out)
    case .mapping: out = "{}\n"
    case .sequence(let items) where !items.isEmpty: writeItems(items, indent: 0, into: &out)
    case .sequence: out = "[]\n"
    case .scalar(let text): out = text + "\n"
    }
    return out
  }

  /// Writes mapping entries at `indent`; with `continuing`, the first entry follows a `- ` that
  /// is already on the line.
  private static func writeEntries(
    _ entries: [(key: String, value: Node)], indent: Int, continuing: Bool, into out: inout String
  ) {
    for (index, entry) in entries.enumerated() {
      if index > 0 || !continuing { out.append(spaces(indent)) }
      if entry.key.utf8.count > longKeyLimit {
        out.append("? ")
        out.append(entry.key)
        out.append("\n")
        out.append(spaces(indent))
      } else {
        out.append(entry.key)
      }
      out.append(":")
      writeValue(entry.value, indent: indent, into: &out)
    }
  }

  /// Writes the value of a mapping entry whose `key:` (at `indent`) is already on the line.
  private static func writeValue(_ value: Node, indent: Int, into out: inout String) {
    switch value {
    case .scalar(let text):
      out.append(" ")
      out.append(text)
      out.append("\n")
    case .mapping(let entries) where entries.isEmpty: out.append(" {}\n")
    case .sequence(let items) where items.isEmpty: out.append(" []\n")
    case .mapping(let entries):
      out.append("\n")
      writeEntries(entries, indent: indent + 2, continuing: false, into: &out)
    case .sequence(let items):
      out.append("\n")
      writeItems(items, indent: indent, into: &out)
    }
  }

  /// Writes sequence items with their dash at `indent`.
  private static func writeItems(_ items: [Node], indent: Int, into out: inout String) {
    for item in items {
      out.append(spaces(indent))
      out.append("-")
      switch item {
      case .scalar(let text):
        out.append(" ")
        out.append(text)
        out.append("\n")
      case .mapping(let entries) where entries.isEmpty: out.append(" {}\n")
      case .sequence(let nested) where nested.isEmpty: out.append(" []\n")
      case .mapping(let entries):
        out.append(" ")
        writeEntries(entries, indent: indent + 2, continuing: true, into: &out)
      case .sequence(let nested):
        out.append("\n")
        writeItems(nested, indent: indent + 2, into: &out)
      }
    }
  }

  /// `count` spaces.
  private static func spaces(_ count: Int) -> String {
    String(repeating: " ", count: count)
  }
}
