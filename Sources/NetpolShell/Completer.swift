import Foundation
import NetpolEngine
import NetpolModel

/// What Tab can put in place of the word under the cursor.
public struct Completion: Sendable, Equatable {
  /// The word being completed (possibly empty).
  public var word: String
  /// Whole words that may replace it, sorted; a candidate ending in `/` or `=` expects more.
  public var candidates: [String]

  /// Creates a completion.
  public init(word: String, candidates: [String]) {
    self.word = word
    self.candidates = candidates
  }

  /// The longest prefix every candidate shares (at least the word itself).
  public var commonPrefix: String {
    guard var prefix = candidates.first else { return word }
    for candidate in candidates.dropFirst() {
      while !candidate.hasPrefix(prefix) { prefix.removeLast() }
    }
    return prefix.count >= word.count ? prefix : word
  }
}

/// Context-sensitive completion of command lines: commands, subcommands, options, policy names,
/// pods, namespaces, label keys and values of the inventory, peers, ports, dataplanes, Cilium
/// versions, recipes and file paths.
public struct Completer: Sendable {
  /// The session state names come from.
  public var state: SessionState
  /// Recipe names (and aliases) with their parameter names, asked for only when needed.
  public var recipes: @Sendable () -> [String: [String]]
  /// Lists a directory: entry names and whether each is a directory; `nil` if unreadable.
  public var listDirectory: @Sendable (String) -> [(name: String, isDirectory: Bool)]?

  /// Creates a completer over a state, listing the real file system.
  public init(
    state: SessionState, recipes: @escaping @Sendable () -> [String: [String]] = { [:] },
    listDirectory: @escaping @Sendable (String) -> [(name: String, isDirectory: Bool)]? =
      Completer.listFileSystem
  ) {
    self.state = state
    self.recipes = recipes
    self.listDirectory = listDirectory
  }

  /// The candidates for the word before the end of `line` (the text left of the cursor).
  public func complete(_ line: String) -> Completion {
    let (tokens, word) = Tokenizer.partial(line)
    let words = tokens.map(\.text)
    let all = candidates(words: words, word: word)
    let matching = Array(Set(all.filter { $0.hasPrefix(word) })).sorted()
    return Completion(word: word, candidates: matching)
  }

  private func candidates(words: [String], word: String) -> [String] {
    guard let first = words.first else {
      return CommandCatalog.all.flatMap { [$0.name] + $0.aliases }
    }
    guard let command = CommandCatalog.command(named: first) else { return [] }
    let count = words.count
    let previous = words[count - 1]
    let sub = count > 1 ? words[1] : ""
    switch command.name {
    case "help":
      return count == 1 ? CommandCatalog.all.map(\.name) : []
    case "ns":
      if count == 1 { return command.subcommands }
      return sub == "rm" && count == 2 ? namespaces : []
    case "pod":
      if count == 1 { return command.subcommands }
      if sub == "rm" { return count == 2 ? podIDs : [] }
      if count == 2 { return namespaces.map { $0 + "/" } }
      if previous == "--ip" || previous == "--port" { return [] }
      return ["--ip", "--port"] + labelPairs(word, scope: nil)
    case "label":
      return count == 1 ? podIDs : labelPairs(word, scope: nil)
    case "unlabel":
      if count == 1 { return podIDs }
      return state.inventory.pod(id: sub).map { Array($0.labels.keys) } ?? []
    case "external":
      if count == 1 { return command.subcommands }
      return sub == "rm" && count == 2 ? state.inventory.external.map(\.name) : []
    case "policy":
      if count == 1 { return policyNames }
      if previous == "-n" || previous == "--namespace" { return namespaces }
      if previous == "--kind" {
        return ["networkpolicy", "cnp", "ccnp", "anp", "banp", "cnp-admin", "cnp-baseline"]
      }
      return ["-n", "--kind"]
    case "select":
      return selectorCandidates(word, scope: state.draftPolicy?.metadata.namespace)
    case "allow", "deny", "pass":
      return ruleCandidates(words: words, word: word)
    case "rule":
      if count == 1 { return command.subcommands }
      guard count == 2, sub == "rm", let draft = state.draftPolicy else { return [] }
      return PolicyRules.list(draft).indices.map { String($0 + 1) }
    case "types":
      return count == 1 ? ["ingress", "egress", "both", "default"] : []
    case "show", "rm":
      return count == 1 ? policyNames : []
    case "emit":
      return policyNames
    case "use":
      if count == 1 { return Dataplane.allCases.map(\.rawValue) + ["auto"] }
      if previous == "--cilium-version" { return CiliumVersion.suggested }
      return count == 2 ? ["--cilium-version"] : []
    case "recipe":
      let recipes = self.recipes()
      if count == 1 { return Array(recipes.keys) }
      if previous == "-n" { return namespaces }
      if previous == "--kind" { return ["networkpolicy", "cnp", "ccnp"] }
      if let equals = word.firstIndex(of: "=") {
        return recipeValues(
          key: String(word[..<equals]), String(word[word.index(after: equals)...]))
      }
      let given = Set(words.compactMap { $0.split(separator: "=").first.map(String.init) })
      let parameters = (recipes[sub] ?? []).filter { !given.contains($0) }.map { $0 + "=" }
      return parameters + ["-n", "--name", "--kind"]
    case "matrix":
      if previous == "--port" { return ports }
      if previous == "--from" || previous == "--to" {
        return podIDs + namespaces + selectorCandidates(word, scope: nil)
      }
      return ["--port", "--from", "--to"]
    case "explain":
      if count <= 2 { return podIDs + state.inventory.external.map(\.name) }
      return count == 3 ? ports : ["--json", "--hubble"]
    case "expect":
      if count == 1 { return ["allow", "deny"] }
      if count <= 3 { return podIDs + state.inventory.external.map(\.name) }
      return count == 4 ? ports : []
    case "load":
      return paths(word)
    case "save":
      return count == 1 ? paths(word) : ["--force"]
    case "set":
      if count == 1 { return command.subcommands }
      guard count == 2 else { return [] }
      switch sub {
      case "namespace": return namespaces
      case "cilium-version": return CiliumVersion.suggested
      case "fqdn-cache": return ["warm", "empty"]
      default: return ["on", "off"]
      }
    case "quit":
      return count == 1 ? ["--force"] : []
    default:
      return []
    }
  }

  private func ruleCandidates(words: [String], word: String) -> [String] {
    let count = words.count
    if count == 1 { return ["ingress", "egress"] }
    if count == 2 { return words[1] == "ingress" ? ["from"] : ["to"] }
    if count == 3 { return PeerParser.peerKinds }
    var mode = words[3]
    for text in words.dropFirst(4) {
      switch text {
      case "in": mode = "in"
      case "ns" where mode == "in": mode = "ns"
      case "port", "ports", "dns", "except": mode = text
      default:
        if mode == "pods" || mode == "pod" { mode = "pods-selected" }
        if mode == "ns" { mode = "ns-selected" }
        if mode == "cidr" { mode = "cidr-given" }
      }
    }
    let previous = words[count - 1]
    switch mode {
    case "pods", "pod": return selectorCandidates(word, scope: nil)
    case "pods-selected": return ["in", "port"]
    case "in": return ["ns"]
    case "ns", "namespace": return namespaces
    case "ns-selected": return ["port"]
    case "cidr": return []
    case "cidr-given": return ["except", "port"]
    case "except": return ["port"]
    case "fqdn":
      return state.inventory.external.filter(\.isFQDN).map(\.name)
        + (previous == "fqdn" ? [] : ["port", "dns"])
    case "entity", "entities":
      return PeerParser.entities + (previous == "entity" ? [] : ["port"])
    case "port", "ports": return ports + (previous == "port" ? [] : ["dns"])
    case "dns": return ["*", "port"]
    case "all": return ["port"]
    default: return []
    }
  }

  // MARK: - Names from the state

  private var namespaces: [String] { state.inventory.namespaces.map(\.name) }

  private var podIDs: [String] { state.inventory.pods.map(\.id) }

  /// Policy names, unqualified when unique, else `NS/NAME`.
  private var policyNames: [String] {
    var counts: [String: Int] = [:]
    for policy in state.policies { counts[policy.metadata.name, default: 0] += 1 }
    return state.policies.map {
      counts[$0.metadata.name] == 1 ? $0.metadata.name : $0.qualifiedName
    }
  }

  /// `80/TCP`-style ports and port names declared by pods.
  private var ports: [String] {
    var result: [String] = []
    for pod in state.inventory.pods {
      for port in pod.ports {
        result.append("\(port.port)/\(port.protocol.rawValue)")
        if let name = port.name { result.append(name) }
      }
    }
    return result
  }

  /// `KEY=` and `KEY=VALUE` words from pod labels (of one namespace when `scope` is set).
  private func labelPairs(_ word: String, scope: String?) -> [String] {
    let pods = state.inventory.pods.filter { scope == nil || $0.namespace == scope }
    if word.contains("=") {
      return pods.flatMap { pod in pod.labels.map { "\($0.key)=\($0.value)" } }
    }
    return pods.flatMap { pod in pod.labels.keys.map { $0 + "=" } }
  }

  /// `KEY=VALUE` candidates for a recipe parameter, from what its name says it takes: label
  /// selectors, namespaces or ports of the cluster.
  private func recipeValues(key: String, _ value: String) -> [String] {
    let name = key.lowercased()
    let values: [String]
    if name.contains("selector") || name.hasSuffix("labels") {
      values = selectorCandidates(value, scope: nil).filter { $0 != "all" }
    } else if name.contains("namespace") {
      values = namespaces
    } else if name.contains("port") {
      values = ports
    } else {
      values = []
    }
    return values.map { key + "=" + $0 }
  }

  /// Label pairs after any `...,` already typed in a selector.
  private func selectorCandidates(_ word: String, scope: String?) -> [String] {
    guard let comma = word.lastIndex(of: ",") else {
      return labelPairs(word, scope: scope) + ["all"]
    }
    let head = String(word[...comma])
    let tail = String(word[word.index(after: comma)...])
    return labelPairs(tail, scope: scope).map { head + $0 }
  }

  /// Entries of the directory part of `word` whose names start with its last component.
  private func paths(_ word: String) -> [String] {
    let directoryPart: String
    let base: String
    if let slash = word.lastIndex(of: "/") {
      directoryPart = String(word[...slash])
      base = String(word[word.index(after: slash)...])
    } else {
      directoryPart = ""
      base = word
    }
    let directory = directoryPart.isEmpty ? "." : Interpreter.expandingTilde(directoryPart)
    guard let entries = listDirectory(directory) else { return [] }
    return entries.filter { !$0.name.hasPrefix(".") || base.hasPrefix(".") }.map {
      directoryPart + $0.name + ($0.isDirectory ? "/" : "")
    }
  }

  /// Lists a directory of the real file system.
  @Sendable public static func listFileSystem(_ path: String) -> [(
    name: String, isDirectory: Bool
  )]? {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
      return nil
    }
    return names.map { name in
      var isDirectory: ObjCBool = false
      let full = (path as NSString).appendingPathComponent(name)
      _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
      return (name, isDirectory.boolValue)
    }
  }
}

extension Interpreter {
  /// A completer over the current state.
  public var completer: Completer {
    let book = recipes
    return Completer(state: state, recipes: { book.index })
  }
}
