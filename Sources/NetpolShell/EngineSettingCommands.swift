import NetpolEngine
import NetpolModel

extension CiliumVersion {
  /// The releases Tab offers: 1.15 (before `enableDefaultDeny`) to 1.19 (the first where a
  /// leading `**.` spans several labels, see Cilium default deny and DNS rules and toFQDNs in
  /// docs/semantics.md).
  public static let suggested = ["1.15", "1.16", "1.17", "1.18", "1.19"]

  /// Parses a release as a user writes it: `X.Y`, or `X.Y.Z` whose patch level is ignored;
  /// `nil` for anything else (signs, letters, empty, missing or extra parts).
  public init?(release text: String) {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard (2...3).contains(parts.count),
      parts.allSatisfy({ part in
        !part.isEmpty && part.count <= 4 && part.allSatisfy { ("0"..."9").contains($0) }
      }),
      let major = Int(parts[0]), let minor = Int(parts[1])
    else { return nil }
    self.init(major: major, minor: minor)
  }
}

/// The settings that change verdicts, kept in the session state so that `undo` reverts them:
/// `use DATAPLANE [--cilium-version X.Y]`, `set cilium-version X.Y`, `set fqdn-cache warm|empty`.
extension Interpreter {
  mutating func useCommand(_ arguments: inout Arguments, line: String) throws(ShellError) {
    let usage = "use DATAPLANE|auto [--cilium-version X.Y]"
    let token = try arguments.next("a dataplane")
    var next = state
    if token.isKeyword("auto") {
      next.dataplane = nil
    } else {
      guard let dataplane = Dataplane(rawValue: token.text.lowercased()) else {
        let names = Dataplane.allCases.map(\.rawValue).joined(separator: ", ")
        throw ShellError("unknown dataplane `\(token.text)` (\(names), auto)", at: token)
      }
      next.dataplane = dataplane
    }
    if arguments.take("--cilium-version") != nil {
      let value = try arguments.next("X.Y after --cilium-version, e.g. 1.18")
      next.engineOptions.ciliumVersion = try Self.ciliumVersion(value)
    }
    try arguments.expectEnd(usage)
    let message = dataplaneLine(for: next)
    guard next != state else {
      print(message)
      return
    }
    commit(line, next, message: message)
  }

  mutating func setCiliumVersionCommand(_ arguments: inout Arguments, line: String)
    throws(ShellError)
  {
    let value = try arguments.next("a Cilium version (X.Y, e.g. 1.18)")
    try arguments.expectEnd("set cilium-version X.Y")
    var next = state
    next.engineOptions.ciliumVersion = try Self.ciliumVersion(value)
    let message = ciliumVersionLine(for: next)
    guard next != state else {
      print(message)
      return
    }
    commit(line, next, message: message)
  }

  mutating func setFQDNCacheCommand(_ arguments: inout Arguments, line: String) throws(ShellError) {
    let value = try arguments.expect(oneOf: ["warm", "empty"], after: "set fqdn-cache")
    try arguments.expectEnd("set fqdn-cache warm|empty")
    var next = state
    next.engineOptions.warmFQDNCache = value == "warm"
    let message = Self.fqdnCacheLine(warm: next.engineOptions.warmFQDNCache)
    guard next != state else {
      print(message)
      return
    }
    commit(line, next, message: message)
  }

  /// `dataplane: cilium (auto; Cilium 1.19)`: the dataplane that applies, whether `auto` chose
  /// it, and the Cilium version it runs (Cilium-based dataplanes only).
  func dataplaneLine(for state: SessionState) -> String {
    let engine = engine(for: state)
    var notes: [String] = []
    if state.dataplane == nil { notes.append("auto") }
    if let version = engine.profile.ciliumVersion { notes.append("Cilium \(version)") }
    return "dataplane: \(engine.dataplane.rawValue)"
      + (notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")")
  }

  /// `Cilium version: 1.18`, with what the current dataplane makes of it.
  func ciliumVersionLine(for state: SessionState) -> String {
    let requested = state.engineOptions.ciliumVersion
    let engine = engine(for: state)
    let line = "Cilium version: \(requested)"
    guard let applied = engine.profile.ciliumVersion else {
      return line + " (used on Cilium dataplanes; the dataplane is \(engine.dataplane.rawValue))"
    }
    if applied != requested {
      return line + " (\(engine.dataplane.rawValue) caps it at \(applied))"
    }
    return line
  }

  /// What the FQDN cache model means for verdicts (see Names and the FQDN cache in
  /// docs/semantics.md).
  static func fqdnCacheLine(warm: Bool) -> String {
    warm
      ? "FQDN cache: warm (a flow to an address may match fqdn peers of every cluster name that has it)"
      : "FQDN cache: empty per flow (a flow to a raw address matches no fqdn peer)"
  }

  /// The version a word names, or an error pointing at it.
  static func ciliumVersion(_ token: Token) throws(ShellError) -> CiliumVersion {
    guard let version = CiliumVersion(release: token.text) else {
      throw ShellError("invalid Cilium version `\(token.text)`: use X.Y, e.g. 1.18", at: token)
    }
    return version
  }
}
