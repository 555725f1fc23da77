/// The one way netpol parses YAML and JSON text, with the same limits for every input: the
/// alias guard (alias floods and alias or collection keys refused before parsing), nesting
/// capped at 1000 levels, duplicate keys refused, and a JSON fast path for JSON text.
public enum YAMLInput {
  /// How a text is parsed.
  public struct Options: Sendable {
    /// Whether aliases (`*name`) are accepted; when not, the first is an error.
    public var aliasesAllowed: Bool
    /// Whether the parts of cluster objects that netpol never reads are skipped.
    var skipping: Bool

    /// Options for files that are not kubectl output: aliases allowed or not, nothing skipped.
    public init(aliasesAllowed: Bool) {
      self.aliasesAllowed = aliasesAllowed
      self.skipping = false
    }

    /// Options for policy, inventory and kubectl files: aliases allowed, and the fields of
    /// cluster objects that the readers ignore skipped.
    static let clusterObjects: Options = {
      var options = Options(aliasesAllowed: true)
      options.skipping = true
      return options
    }()
  }

  /// The documents parsed in order, and the problem that stopped parsing, if any (the
  /// documents before it are returned).
  public struct Documents: Sendable {
    /// The documents' roots, in order.
    public var roots: [YAMLNode]
    /// The problem that stopped parsing.
    public var problem: Diagnostic?
  }

  /// Parses every document of `text`; `file` names it in diagnostics.
  public static func parse(text: String, file: String, options: Options) -> Documents {
    parse(SourceText(file: file, text: text), options: options)
  }

  /// Parses the one document of `text`: an empty text is an error (`the file is empty`), and
  /// so is a second document.
  public static func parseSingle(text: String, file: String, options: Options) -> Result<
    YAMLNode, Diagnostic
  > {
    let source = SourceText(file: file, text: text)
    let documents = parse(source, options: options)
    if let problem = documents.problem { return .failure(problem) }
    guard let root = documents.roots.first else {
      return .failure(source.diagnostic(line: 1, column: 1, path: "", message: "the file is empty"))
    }
    if documents.roots.count > 1, case let mark = documents.roots[1].mark {
      return .failure(
        source.diagnostic(
          line: mark.line, column: mark.column, path: "",
          message: "expected one YAML document, found another one here"))
    }
    return .success(root)
  }

  /// What the alias guard finds in `text` before any parsing: nil when the text is safe.
  public static func aliasGuardFinding(text: String, file: String) -> Diagnostic? {
    guard let finding = YAMLGuard.check(text) else { return nil }
    return SourceText(file: file, text: text).diagnostic(
      line: finding.line, column: finding.column, path: "", message: finding.message)
  }

  static func parse(_ source: SourceText, options: Options) -> Documents {
    var text = source.text
    return text.withUTF8 { bytes in
      if let finding = YAMLGuard.check(bytes: bytes) {
        return Documents(
          roots: [],
          problem: source.diagnostic(
            line: finding.line, column: finding.column, path: "", message: finding.message))
      }
      let skipping = options.skipping && !YAMLGuard.mayHaveAliases(bytes: bytes)
      if JSONReader.looksLikeJSON(bytes) {
        var reader = JSONReader(bytes: bytes, skipping: skipping)
        if let root = try? reader.document() { return Documents(roots: [root], problem: nil) }
      }
      return parseYAML(bytes, source: source, skipping: skipping, options: options)
    }
  }

  private static func parseYAML(
    _ bytes: UnsafeBufferPointer<UInt8>, source: SourceText, skipping: Bool, options: Options
  ) -> Documents {
    let parser = YAMLEventParser(
      bytes: bytes, skipping: skipping, aliasesAllowed: options.aliasesAllowed)
    var roots: [YAMLNode] = []
    do {
      while let root = try parser.nextDocument() { roots.append(root) }
      return Documents(roots: roots, problem: nil)
    } catch {
      return Documents(roots: roots, problem: YAMLErrors.diagnostic(error, source: source))
    }
  }
}
