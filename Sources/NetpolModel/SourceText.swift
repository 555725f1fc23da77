import Foundation

/// The text of one input file, with the helpers diagnostics need: locations and excerpts.
final class SourceText {
  /// The file name used in diagnostics (`-` for standard input).
  let file: String
  /// The whole text.
  let text: String
  /// UTF-8 offsets of the start of each line, built on first use (only errors need it).
  private lazy var lineStarts: [Int] = {
    var copy = text
    return copy.withUTF8 { bytes in
      var starts = [0]
      guard let base = bytes.baseAddress else { return starts }
      var offset = 0
      while offset < bytes.count,
        let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), bytes.count - offset)
      {
        offset = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
        starts.append(offset)
      }
      return starts
    }
  }()

  init(file: String, text: String) {
    self.file = file
    self.text = text
  }

  /// The location of a 1-based line and column.
  func location(line: Int, column: Int) -> SourceLocation {
    SourceLocation(file: file, line: max(line, 1), column: max(column, 1))
  }

  /// The text of a 1-based line, without its line break; empty when out of range.
  func lineText(_ line: Int) -> String {
    guard line >= 1, line <= lineStarts.count else { return "" }
    let utf8 = text.utf8
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] - 1 : utf8.count
    end = min(end, start + 400)
    guard end > start else { return "" }
    let from = utf8.index(utf8.startIndex, offsetBy: start)
    let to = utf8.index(from, offsetBy: end - start)
    var line = String(decoding: utf8[from..<to], as: UTF8.self)
    if line.hasSuffix("\r") { line.removeLast() }
    return line
  }

  /// The source line and, below it, a caret under the column (columns count Unicode scalars;
  /// tabs are kept so the caret lines up).
  func excerpt(line: Int, column: Int) -> String? {
    let content = lineText(line)
    guard !content.isEmpty else { return nil }
    var pad = ""
    for scalar in content.unicodeScalars.prefix(max(column - 1, 0)) {
      pad.append(scalar == "\t" ? "\t" : " ")
    }
    let printable = String(
      String.UnicodeScalarView(
        content.unicodeScalars.map { $0 != "\t" && DisplayText.isUnsafe($0) ? "?" : $0 }))
    return printable + "\n" + pad + "^"
  }

  /// A diagnostic at a 1-based line and column, with an excerpt.
  func diagnostic(line: Int, column: Int, path: String, message: String) -> Diagnostic {
    Diagnostic(
      location: location(line: line, column: column), path: path, message: message,
      excerpt: excerpt(line: line, column: column))
  }
}

/// Decoding of raw file bytes into text.
enum TextDecoding {
  /// The UTF-8 text of `data` (a leading byte-order mark removed), or a diagnostic at the first
  /// byte that is not valid UTF-8.
  static func decode(_ data: [UInt8], file: String) -> Result<String, Diagnostic> {
    var body = data[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if body.starts(with: [0xFF, 0xFE, 0, 0]) || body.starts(with: [0, 0, 0xFE, 0xFF]) {
      return .failure(
        Diagnostic(
          location: SourceLocation(file: file, line: 1, column: 1), path: "",
          message: "the file is UTF-32; netpol reads UTF-8 only"))
    }
    if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
      return .failure(
        Diagnostic(
          location: SourceLocation(file: file, line: 1, column: 1), path: "",
          message: "the file is UTF-16; netpol reads UTF-8 only"))
    }
    if #available(macOS 15, *), let text = String(validating: body, as: UTF8.self) {
      return .success(text)
    }
    var line = 1
    var column = 1
    var index = body.startIndex
    while index < body.endIndex {
      let length = validSequenceLength(body, at: index)
      guard length > 0 else {
        let byte = String(body[index], radix: 16, uppercase: true)
        return .failure(
          Diagnostic(
            location: SourceLocation(file: file, line: line, column: column), path: "",
            message: "invalid UTF-8 (byte 0x\(byte.count == 1 ? "0" + byte : byte)); "
              + "netpol reads UTF-8 text only"))
      }
      if body[index] == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else {
        column += 1
      }
      index += length
    }
    return .success(String(decoding: body, as: UTF8.self))
  }

  /// The length of the valid UTF-8 sequence starting at `index`, or 0 if it is invalid.
  private static func validSequenceLength(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int {
    let first = bytes[index]
    let (length, low, high): (Int, UInt8, UInt8)
    switch first {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
    case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
    case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
    case 0xED: (length, low, high) = (3, 0x80, 0x9F)
    case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
    case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
    case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
    default: return 0
    }
    guard index + length <= bytes.endIndex else { return 0 }
    let second = bytes[index + 1]
    guard second >= low, second <= high else { return 0 }
    for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
    return length
  }
}
