import Foundation
import NetpolModel
import Testing

/// A small deterministic generator (xorshift64*) so garbage inputs are the same on every run.
private struct Xorshift {
  var state: UInt64

  mutating func next() -> UInt64 {
    state ^= state >> 12
    state ^= state << 25
    state ^= state >> 27
    return state &* 2_685_821_657_736_338_717
  }

  mutating func bytes(_ count: Int) -> [UInt8] {
    (0..<count).map { _ in UInt8(truncatingIfNeeded: next() >> 32) }
  }
}

@Suite("The loader never crashes or hangs, whatever the input")
struct NoCrashTests {
  @Test("random bytes, as a file and as text, give diagnostics")
  func garbage() throws {
    let dir = try Fixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var random = Xorshift(state: 0x9E37_79B9_7F4A_7C15)
    for round in 0..<12 {
      let bytes = random.bytes(32 * 1024)
      let path = dir + "/garbage\(round).yaml"
      try Fixture.write(bytes, to: path)
      #expect(!PolicyLoader.load(paths: [path]).diagnostics.isEmpty)
      #expect(!Fixture.load(String(decoding: bytes, as: UTF8.self)).diagnostics.isEmpty)
      let ascii = String(decoding: bytes.map { $0 & 0x7F }, as: UTF8.self)
      _ = Fixture.load(ascii)
    }
  }

  @Test("YAML-looking noise built from YAML's own punctuation")
  func punctuationNoise() {
    var random = Xorshift(state: 42)
    let alphabet = Array("-:[]{},&*!|>'\"%@`#? \n\tab1".utf8)
    for _ in 0..<200 {
      let bytes = (0..<400).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
      _ = Fixture.load(String(decoding: bytes, as: UTF8.self))
    }
  }

  @Test("an alias bomb of valid shape stops at the node budget")
  func aliasBomb() {
    let xs = Array(repeating: "x", count: 100).joined(separator: ", ")
    var text = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: bomb, namespace: demo}
      spec:
        ingress:
        - from: &f
          - podSelector:
              matchExpressions: &m
              - {key: a, operator: In, values: &v [\(xs)]}

      """
    text += String(repeating: "        - {key: a, operator: In, values: *v}\n", count: 99)
    text += String(repeating: "    - podSelector: {matchExpressions: *m}\n", count: 99)
    text += String(repeating: "  - from: *f\n", count: 99)
    let messages = Fixture.load(text).diagnostics.map(\.message)
    #expect(
      messages == [
        "the document is too large after alias expansion; aliases may not expand it beyond the "
          + "size of the file"
      ])
  }

  @Test("a billion-laughs key is refused before Yams hashes it")
  func billionLaughsKey() {
    var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
      let items = Array(repeating: "*\(previous)", count: 10).joined(separator: ", ")
      text += "\(name): &\(name) [\(items)]\n"
      previous = name
    }
    text += "? *i\n: boom\n"
    #expect(Fixture.load(text).diagnostics.count == 1)
  }

  @Test("nesting up to the 1000-level limit, in flow and block style")
  func deepNesting() {
    let flow = String(repeating: "[", count: 999) + String(repeating: "]", count: 999)
    #expect(Fixture.load(flow).diagnostics.count == 1)
    let block = String(repeating: "- ", count: 999) + "x\n"
    #expect(Fixture.load(block).diagnostics.count == 1)
    var mapping = ""
    for depth in 0..<999 { mapping += String(repeating: " ", count: depth) + "k:\n" }
    #expect(Fixture.load(mapping).diagnostics.count == 1)
  }

  @Test("valid documents before a syntax error are still read")
  func errorMidStream() {
    let text = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: a, namespace: demo}
      ---
      apiVersion: [
      """
    let result = Fixture.load(text)
    #expect(result.policies.count == 1)
    #expect(result.diagnostics.count == 1)
  }

  @Test("a 50 MB file is read to the end")
  func fiftyMegabytes() throws {
    let dir = try Fixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var text = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: big
        namespace: demo
        annotations:
          notes: |

      """
    let line = "      " + String(repeating: "lorem ipsum ", count: 8) + "\n"
    text += String(repeating: line, count: 50_000_000 / line.utf8.count)
    text += "spec:\n  podSelector: {}\n  ingres: []\n"
    #expect(text.utf8.count > 50_000_000)
    let path = dir + "/big.yaml"
    try Fixture.write(Array(text.utf8), to: path)
    let result = PolicyLoader.load(paths: [path])
    // the API server caps annotations at 256 KiB in total; the last line is still reached
    #expect(
      result.diagnostics.map(\.description).first
        == "\(path):6:3: metadata.annotations: annotations may not exceed 262144 bytes in total")
    #expect(result.diagnostics.count == 2)
    #expect(result.diagnostics.last?.path == "spec.ingres")
    // 7 header lines, 50_000_000 / 103 = 485_436 block lines, then spec, podSelector, ingres
    #expect(result.diagnostics.last?.location?.line == 485_446)
  }
}
