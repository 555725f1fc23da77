import Foundation
import NetpolModel
import Testing

/// A NetworkPolicy fixture with `extra` lines appended to its spec (at two spaces).
private func networkPolicy(_ spec: String) -> String {
  """
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: web
    namespace: demo
  spec:
  \(spec)
  """
}

// One test per kind of input error: the exact one-line message with file, line and column.
@Suite("Malformed input is reported as one line per problem with file, line and column")
struct BadInputTests {
  @Test("a tab used for indentation")
  func tab() {
    #expect(
      Fixture.messages("metadata:\n\tname: a\n") == [
        "bad.yaml:2:1: invalid YAML: found character that cannot start any token "
          + "(while scanning for the next token); indent with spaces, not tabs"
      ])
  }

  @Test("an unclosed quote")
  func unclosedQuote() {
    #expect(
      Fixture.messages("metadata:\n  name: \"web\n") == [
        "bad.yaml:3:1: invalid YAML: found unexpected end of stream "
          + "(while scanning a quoted scalar started at line 2, column 9)"
      ])
  }

  @Test("a block structure that does not line up")
  func badIndentation() {
    #expect(
      Fixture.messages("spec:\n  a: 1\n b: 2\n") == [
        "bad.yaml:3:2: invalid YAML: did not find expected key "
          + "(while parsing a block mapping started at line 1, column 1)"
      ])
  }

  @Test("a duplicate key points at the second occurrence")
  func duplicateKey() {
    let text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  name: b\n"
    #expect(
      Fixture.messages(text) == ["bad.yaml:5:3: duplicate key \"name\" (first written at line 4)"])
  }

  @Test("bytes that are not UTF-8")
  func invalidUTF8() throws {
    let dir = try Fixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/binary.yaml"
    try Fixture.write(Array("apiVersion: v1\nkind: \u{e9}".utf8) + [0xFF, 0x0A], to: path)
    #expect(
      PolicyLoader.load(paths: [path]).diagnostics.map(\.description) == [
        "\(path):2:8: invalid UTF-8 (byte 0xFF); netpol reads UTF-8 text only"
      ])
  }

  @Test("a document that is not a mapping")
  func notAMapping() {
    #expect(
      Fixture.messages("- a\n- b\n") == [
        "bad.yaml:1:1: expected a mapping (a Kubernetes object or an inventory), found a list"
      ])
  }

  @Test("an object without kind")
  func missingKind() {
    #expect(
      Fixture.messages("apiVersion: v1\nmetadata: {name: a}\n") == [
        "bad.yaml:1:1: missing required field \"kind\""
      ])
  }

  @Test("an object without apiVersion")
  func missingAPIVersion() {
    #expect(
      Fixture.messages("kind: NetworkPolicy\nmetadata: {name: a}\n") == [
        "bad.yaml:1:1: missing required field \"apiVersion\""
      ])
  }

  @Test("a kind netpol does not know")
  func unsupportedKind() {
    #expect(
      Fixture.messages("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n") == [
        "bad.yaml:2:7: kind: unsupported kind \"ConfigMap\" (apiVersion \"v1\")"
      ])
  }

  @Test("a known kind with the wrong apiVersion")
  func wrongAPIVersion() {
    let text = "apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata: {name: a}\n"
    #expect(
      Fixture.messages(text) == [
        "bad.yaml:1:13: apiVersion: NetworkPolicy must have apiVersion "
          + "\"networking.k8s.io/v1\", found \"extensions/v1beta1\""
      ])
  }

  @Test("an unknown field, with a suggestion when one is close")
  func unknownField() {
    #expect(
      Fixture.messages(networkPolicy("  podSelector: {}\n  ingres: []")) == [
        "bad.yaml:8:3: spec.ingres: unknown field \"ingres\" (did you mean \"ingress\"?)"
      ])
    #expect(
      Fixture.messages(networkPolicy("  colour: red")) == [
        "bad.yaml:7:3: spec.colour: unknown field \"colour\""
      ])
  }

  @Test("a required field that is missing")
  func missingField() {
    let text =
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  namespace: demo\n"
    #expect(Fixture.messages(text) == ["bad.yaml:4:3: metadata: missing required field \"name\""])
  }

  @Test("a value of the wrong type")
  func wrongType() {
    let spec = "  ingress:\n  - ports:\n    - port: [1]"
    #expect(
      Fixture.messages(networkPolicy(spec)) == [
        "bad.yaml:9:13: spec.ingress[0].ports[0].port: expected a port number or name, found a list"
      ])
    #expect(
      Fixture.messages(networkPolicy("  ingress: {}")) == [
        "bad.yaml:7:12: spec.ingress: expected a list, found a mapping"
      ])
  }

  @Test("a number or boolean where a string is expected")
  func numberForString() {
    let spec = "  podSelector:\n    matchLabels: {app: 1, debug: yes}"
    #expect(
      Fixture.messages(networkPolicy(spec)) == [
        "bad.yaml:8:24: spec.podSelector.matchLabels.app: expected a string, found a number (quote it: \"1\")",
        "bad.yaml:8:34: spec.podSelector.matchLabels.debug: expected a string, found a boolean (quote it: \"yes\")",
      ])
  }

  @Test("a value outside an enumeration")
  func enumValue() {
    let spec = "  policyTypes: [Ingress, ingress]"
    #expect(
      Fixture.messages(networkPolicy(spec)) == [
        "bad.yaml:7:26: spec.policyTypes[1]: unsupported value \"ingress\": supported values: \"Ingress\", \"Egress\""
      ])
  }

  @Test("a Cilium port written as a number (the CRD types it as a string)")
  func ciliumNumericPort() {
    let text = """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata: {name: web, namespace: demo}
      spec:
        endpointSelector: {}
        egress:
        - toPorts: [{ports: [{port: 443}]}]
      """
    #expect(
      Fixture.messages(text) == [
        "bad.yaml:7:31: spec.egress[0].toPorts[0].ports[0].port: expected a string, found a number (quote it: \"443\")"
      ])
  }

  @Test("a Cilium field removed upstream or not supported by netpol")
  func ciliumUnsupportedField() {
    let text = """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata: {name: web, namespace: demo}
      spec:
        endpointSelector: {}
        ingress:
        - fromRequires: [{}]
        - authentication: {mode: required}
      """
    #expect(
      Fixture.messages(text) == [
        "bad.yaml:7:5: spec.ingress[0].fromRequires: fromRequires/toRequires were deprecated in Cilium 1.17 and removed in 1.19; netpol does not support them",
        "bad.yaml:8:5: spec.ingress[1].authentication: \"authentication\" is valid for Cilium but not supported by netpol",
      ])
  }

  @Test("a YAML merge key")
  func mergeKey() {
    let text = "defaults: &d {name: a}\napiVersion: v1\nkind: Namespace\nmetadata:\n  <<: *d\n"
    #expect(
      Fixture.messages(text) == [
        "bad.yaml:5:3: metadata.<<: merge keys (<<) are not supported",
        "bad.yaml:5:3: metadata: missing required field \"name\"",
      ])
    #expect(
      Fixture.messages(
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n    <<: {a: b}\n") == [
          "bad.yaml:6:9: metadata.labels.<<: expected a string, found a mapping"
        ])
  }

  @Test("nesting deeper than 1000 levels")
  func deepNesting() {
    let text = String(repeating: "[", count: 1500) + String(repeating: "]", count: 1500)
    #expect(
      Fixture.messages(text) == ["bad.yaml:1:1: invalid YAML: nesting is deeper than 1000 levels"])
  }

  @Test("an alias used as a mapping key in a file with aliases")
  func aliasKey() {
    let text = "a: &x [1, 2]\n*x : 3\n"
    #expect(
      Fixture.messages(text) == [
        "bad.yaml:2:1: a mapping key that is a collection or an alias cannot be used in a file "
          + "with aliases (alias expansion is capped)"
      ])
  }

  @Test("an undefined alias")
  func undefinedAlias() {
    #expect(
      Fixture.messages("metadata: *nothing\n") == [
        "bad.yaml:1:11: invalid YAML: found undefined alias"
      ])
  }

  @Test("more than 10000 aliases")
  func tooManyAliases() {
    let text =
      "a: &x 1\nb: [" + Array(repeating: "*x", count: 10_001).joined(separator: ", ") + "]\n"
    #expect(
      Fixture.messages(text) == ["bad.yaml:2:5: too many aliases (10001, the limit is 10000)"])
  }

  @Test("a missing file")
  func missingFile() {
    #expect(
      PolicyLoader.load(paths: ["/nonexistent/netpol.yaml"]).diagnostics.map(\.description) == [
        "/nonexistent/netpol.yaml: no such file"
      ])
  }

  @Test("diagnostics carry an excerpt with a caret under the column")
  func excerpt() {
    let result = Fixture.load(networkPolicy("  podSelector: {}\n  ingres: []"))
    #expect(result.diagnostics.first?.excerpt == "  ingres: []\n  ^")
  }
}
