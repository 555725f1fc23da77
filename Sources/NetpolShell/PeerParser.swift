import Foundation
import NetpolModel

/// A namespace named directly or chosen by labels.
enum NamespaceSpec: Equatable {
  case named(String)
  case selector(LabelSelector)
}

/// The `PEER` of an allow or deny command.
enum PeerSpec: Equatable {
  case pods(LabelSelector, namespace: NamespaceSpec?)
  case namespaces(NamespaceSpec)
  case cidr(String, except: [String])
  case fqdn([String])
  case entities([String])
  case all
  /// `{}`: an entry with no peer and no port, written as is.
  case empty
}

/// A port of an allow or deny command: a number, range or name, and a protocol as written.
struct PortSpec: Equatable {
  var port: PortValue
  var endPort: Int?
  /// Upper-cased protocol as written (`TCP`, `UDP`, `SCTP`, `ANY`), `nil` when omitted.
  var proto: String?
}

/// A parsed `allow`/`deny` command.
struct RuleSpec {
  var direction: PolicyType
  var deny: Bool
  var peer: PeerSpec
  var peerSpan: Span
  var ports: [PortSpec]
  var portSpan: Span?
  var dnsPatterns: [String]?
  var dnsSpan: Span?
}

/// Parses `PEER`, `port ...` and `dns ...` clauses and label selectors from command words.
enum PeerParser {
  static let entities = [
    "all", "world", "world-ipv4", "world-ipv6", "cluster", "host", "remote-node",
    "kube-apiserver", "ingress", "init", "health", "unmanaged", "none",
  ]
  static let peerKinds = ["pods", "ns", "cidr", "fqdn", "entity", "all", "{}"]

  /// Reads `(ingress from|egress to) PEER [port ...] [dns ...]` after `allow` or `deny`.
  static func parseRule(_ arguments: inout Arguments, deny: Bool, verb: String? = nil)
    throws(ShellError) -> RuleSpec
  {
    let verb = verb ?? (deny ? "deny" : "allow")
    let direction = try arguments.expect(oneOf: ["ingress", "egress"], after: verb)
    let preposition = direction == "ingress" ? "from" : "to"
    _ = try arguments.expect(oneOf: [preposition], after: "\(verb) \(direction)")
    let (peer, peerSpan) = try parsePeer(&arguments)
    var spec = RuleSpec(
      direction: direction == "ingress" ? .ingress : .egress, deny: deny, peer: peer,
      peerSpan: peerSpan, ports: [])
    while let keyword = arguments.peek {
      if let portWord = arguments.take("port") ?? arguments.take("ports") {
        var span = portWord.span
        var count = 0
        while let token = arguments.peek, !token.isKeyword("dns"), !token.isKeyword("port") {
          _ = try arguments.next("a port")
          spec.ports += try parsePorts(token)
          span = span.through(token.span)
          count += 1
        }
        if count == 0 {
          throw ShellError("expected PORT[/PROTO] after `port`", at: arguments.endSpan)
        }
        spec.portSpan = spec.portSpan.map { $0.through(span) } ?? span
      } else if let dnsWord = arguments.take("dns") {
        var patterns: [String] = []
        var span = dnsWord.span
        while let token = arguments.peek, !token.isKeyword("port") {
          _ = try arguments.next("a DNS pattern")
          patterns.append(token.text)
          span = span.through(token.span)
        }
        if patterns.isEmpty {
          throw ShellError(
            "expected a name or pattern after `dns`, e.g. '*'", at: arguments.endSpan)
        }
        spec.dnsPatterns = (spec.dnsPatterns ?? []) + patterns
        spec.dnsSpan = span
      } else {
        throw ShellError(
          "unexpected `\(keyword.text)`; a rule continues with `port` or `dns`", at: keyword)
      }
    }
    return spec
  }

  /// Reads one `PEER`; returns it with the words it spans.
  static func parsePeer(_ arguments: inout Arguments) throws(ShellError) -> (PeerSpec, Span) {
    let list = peerKinds.joined(separator: ", ")
    guard let kind = arguments.peek else {
      throw ShellError("expected a peer (\(list))", at: arguments.endSpan)
    }
    _ = try arguments.next("a peer")
    var span = kind.span
    switch kind.quoted ? "" : kind.text.lowercased() {
    case "all":
      return (.all, span)
    case "{}":
      return (.empty, span)
    case "pods", "pod":
      let (selector, selectorSpan) = try readSelector(&arguments, what: "a pod selector")
      span = span.through(selectorSpan)
      var namespace: NamespaceSpec?
      if arguments.peek?.isKeyword("in") == true, arguments.peekSecond?.isKeyword("ns") == true {
        _ = try arguments.next("in")
        _ = try arguments.next("ns")
        let (parsed, namespaceSpan) = try readNamespace(&arguments)
        namespace = parsed
        span = span.through(namespaceSpan)
      }
      return (.pods(selector, namespace: namespace), span)
    case "ns", "namespace", "namespaces":
      let (namespace, namespaceSpan) = try readNamespace(&arguments)
      return (.namespaces(namespace), span.through(namespaceSpan))
    case "cidr":
      let cidr = try arguments.next("a CIDR, e.g. 10.0.0.0/8")
      try checkCIDR(cidr)
      span = span.through(cidr.span)
      var excepts: [String] = []
      if arguments.take("except") != nil {
        while let token = arguments.peek, !token.isKeyword("port") {
          _ = try arguments.next("a CIDR")
          try checkCIDR(token)
          excepts.append(token.text)
          span = span.through(token.span)
        }
        if excepts.isEmpty {
          throw ShellError("expected a CIDR after `except`", at: arguments.endSpan)
        }
      }
      return (.cidr(cidr.text, except: excepts), span)
    case "fqdn":
      var names: [String] = []
      while let token = arguments.peek, !token.isKeyword("port"), !token.isKeyword("dns") {
        _ = try arguments.next("a DNS name")
        names.append(contentsOf: token.text.split(separator: ",").map(String.init))
        span = span.through(token.span)
      }
      if names.isEmpty {
        throw ShellError("expected a DNS name or pattern after `fqdn`", at: arguments.endSpan)
      }
      return (.fqdn(names), span)
    case "entity", "entities":
      var names: [String] = []
      while let token = arguments.peek, !token.isKeyword("port") {
        _ = try arguments.next("an entity")
        guard entities.contains(token.text) else {
          throw ShellError(
            "unknown entity `\(token.text)` (\(entities.joined(separator: ", ")))", at: token)
        }
        names.append(token.text)
        span = span.through(token.span)
      }
      if names.isEmpty {
        throw ShellError("expected an entity name, e.g. world", at: arguments.endSpan)
      }
      return (.entities(names), span)
    default:
      throw ShellError("unknown peer `\(kind.text)`; expected one of \(list)", at: kind)
    }
  }

  /// Reads a kubectl `-l` selector that may span words (`env in (a, b)`, `a=b, c`);
  /// `all` and `{}` mean every pod.
  static func readSelector(_ arguments: inout Arguments, what: String) throws(ShellError)
    -> (LabelSelector, Span)
  {
    let first = try arguments.next(what)
    var words = [first.text]
    var span = first.span
    while let next = arguments.peek {
      let last = words[words.count - 1]
      if last.hasSuffix(",") || next.text.hasPrefix(",")
        || (last == "in" || last == "notin") && next.text.hasPrefix("(")
      {
        _ = try arguments.next(what)
        words.append(next.text)
        span = span.through(next.span)
      } else if (next.isKeyword("in") || next.isKeyword("notin")),
        arguments.peekSecond?.text.hasPrefix("(") == true
      {
        _ = try arguments.next(what)
        words.append(next.text)
        span = span.through(next.span)
      } else {
        break
      }
    }
    let text = words.joined(separator: " ")
    return (try parseSelector(text, span: span, quoted: first.quoted), span)
  }

  /// Parses selector text; `all` and `{}` mean everything.
  static func parseSelector(_ text: String, span: Span, quoted: Bool = false) throws(ShellError)
    -> LabelSelector
  {
    if !quoted, text == "all" || text == "{}" { return .everything }
    var masked = text
    for source in ciliumSources {
      masked = masked.replacingOccurrences(of: source + ":", with: mask(source))
    }
    let parsed: LabelSelector
    do {
      parsed = try SelectorSyntax.parse(masked)
    } catch {
      throw ShellError("invalid selector `\(text)`: \(error.message)", at: span)
    }
    func unmask(_ key: String) -> String {
      for source in ciliumSources where key.hasPrefix(mask(source)) {
        return source + ":" + key.dropFirst(mask(source).count)
      }
      return key
    }
    var labels: [String: String] = [:]
    for (key, value) in parsed.matchLabels { labels[unmask(key)] = value }
    return LabelSelector(
      matchLabels: labels,
      matchExpressions: parsed.matchExpressions.map {
        LabelSelectorRequirement(key: unmask($0.key), operator: $0.operator, values: $0.values)
      })
  }

  /// Cilium label sources a selector key may start with (`k8s:app`), see Cilium selectors and
  /// namespaces in docs/semantics.md.
  static let ciliumSources = ["k8s", "any", "reserved"]

  /// A stand-in prefix that Kubernetes key syntax accepts, used while parsing `SOURCE:key`.
  private static func mask(_ source: String) -> String { "\(source).netpol-source.invalid/" }

  /// Reads a namespace: a bare name (`kube-system`) or a selector (`team=web`).
  static func readNamespace(_ arguments: inout Arguments) throws(ShellError)
    -> (NamespaceSpec, Span)
  {
    guard let token = arguments.peek else {
      throw ShellError("expected a namespace name or selector", at: arguments.endSpan)
    }
    let isSetSelector =
      arguments.peekSecond.map { ($0.isKeyword("in") || $0.isKeyword("notin")) } ?? false
    if !isSetSelector, token.text != "all", Validation.dns1123Label(token.text) == nil {
      _ = try arguments.next("a namespace")
      return (.named(token.text), token.span)
    }
    let (selector, span) = try readSelector(&arguments, what: "a namespace selector")
    return (.selector(selector), span)
  }

  /// Reads `80`, `80/TCP`, `8000-8080/TCP`, `http`, `53/ANY` or comma lists of them.
  static func parsePorts(_ token: Token) throws(ShellError) -> [PortSpec] {
    var result: [PortSpec] = []
    for part in token.text.split(separator: ",") {
      var text = Substring(part)
      var proto: String?
      if let slash = text.firstIndex(of: "/") {
        let value = text[text.index(after: slash)...].uppercased()
        guard ["TCP", "UDP", "SCTP", "ANY"].contains(value) else {
          throw ShellError("unknown protocol `\(value)` (TCP, UDP, SCTP or ANY)", at: token)
        }
        proto = value
        text = text[..<slash]
      }
      if let dash = text.firstIndex(of: "-"), let start = Int(text[..<dash]),
        let end = Int(text[text.index(after: dash)...])
      {
        guard (1...65535).contains(start), (start...65535).contains(end) else {
          throw ShellError("invalid port range `\(text)` (1-65535, start <= end)", at: token)
        }
        result.append(PortSpec(port: .number(start), endPort: end, proto: proto))
      } else if let number = Int(text) {
        guard (1...65535).contains(number) else {
          throw ShellError("port \(number) is outside 1-65535", at: token)
        }
        result.append(PortSpec(port: .number(number), proto: proto))
      } else {
        if let problem = Validation.portName(String(text)) {
          throw ShellError("invalid port `\(text)`: \(problem)", at: token)
        }
        result.append(PortSpec(port: .name(String(text)), proto: proto))
      }
    }
    if result.isEmpty { throw ShellError("expected PORT[/PROTO]", at: token) }
    return result
  }

  private static func checkCIDR(_ token: Token) throws(ShellError) {
    if let problem = Validation.cidr(token.text) {
      throw ShellError("invalid CIDR `\(token.text)`: \(problem)", at: token)
    }
  }
}
