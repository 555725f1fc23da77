/// Cuts YAML text into its documents, as text.
///
/// A line that starts with `---` followed by nothing, a space or a tab starts a new document: in
/// YAML 1.2 such a line can only be a document marker, never content (YAML 1.2.2, section 9.1.2,
/// <https://yaml.org/spec/1.2.2/#912-document-markers>), so the cut needs no parsing.
public enum DocumentSplitter {
  /// The pieces of `text`, in order, which joined give back `text` exactly: the first holds what
  /// comes before the first marker line (possibly nothing), each other one starts with its
  /// marker line.
  public static func split(_ text: String) -> [Substring] {
    var pieces: [Substring] = []
    let bytes = text.utf8
    var start = bytes.startIndex
    var lineStart = bytes.startIndex
    while lineStart < bytes.endIndex {
      if lineStart > start, isMarker(text[lineStart...]) {
        pieces.append(text[start..<lineStart])
        start = lineStart
      }
      guard let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) else { break }
      lineStart = bytes.index(after: newline)
    }
    pieces.append(text[start...])
    return pieces
  }

  /// Whether `piece` holds nothing but blank lines, comments and document markers.
  public static func isBlank(_ piece: Substring) -> Bool {
    for line in piece.utf8.split(separator: UInt8(ascii: "\n")) {
      var rest = Substring(line).drop { $0 == " " || $0 == "\t" || $0 == "\r" }
      if isMarker(rest) { rest = rest.dropFirst(3) }
      if rest.hasPrefix("...") { rest = rest.dropFirst(3) }
      rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
      if rest.isEmpty || rest.hasPrefix("#") { continue }
      return false
    }
    return true
  }

  /// Whether `line` starts with a `---` document marker.
  public static func isMarker(_ line: Substring) -> Bool {
    guard line.hasPrefix("---") else { return false }
    let next = line.utf8.dropFirst(3).first
    return next == nil || next == UInt8(ascii: " ") || next == UInt8(ascii: "\t")
      || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r")
  }
}
