import NetpolModel
import Testing

// The alias pre-scan (docs/inventory.md "What every input file may contain": a file with aliases
// may not use a collection or an alias as a mapping key). YAML 1.1 §4.6 and §4.5: `*`, `?`, `[`
// and `#` mean nothing inside quoted scalars, block scalars and comments.
@Suite(
  "Text inside quoted scalars, block scalars and comments is never taken for an alias or a key")
struct AliasGuardQuotingTests {
  private static let header = """
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: web
      namespace: demo

    """

  @Test("an annotation in double quotes that reads like an alias and a flow key")
  func doubleQuoted() {
    let text =
      Self.header + "  annotations:\n    note: \"see *this* [doc]: x\"\nspec:\n  podSelector: {}\n"
    let policy = Fixture.policy(text)
    #expect(policy?.resource.metadata.annotations == ["note": "see *this* [doc]: x"])
  }

  @Test("single quotes, an escaped quote and an explicit-key mark")
  func singleQuoted() {
    let text =
      Self.header
      + "  annotations:\n    note: 'it''s *that* ? [x]: y, {z}: w'\nspec:\n  podSelector: {}\n"
    let policy = Fixture.policy(text)
    #expect(policy?.resource.metadata.annotations == ["note": "it's *that* ? [x]: y, {z}: w"])
  }

  @Test("quoted text over several lines")
  func multiLineQuoted() {
    let text =
      Self.header
      + "  annotations:\n    note: \"first *a\n      ? [b]: c\"\nspec:\n  podSelector: {}\n"
    let policy = Fixture.policy(text)
    // YAML 1.1 §4.6.7: a line break in a quoted scalar folds to a space
    #expect(policy?.resource.metadata.annotations == ["note": "first *a ? [b]: c"])
  }

  @Test("literal and folded block scalars")
  func blockScalars() {
    let text =
      Self.header
      + "  annotations:\n    literal: |\n      *x [y]: z\n      ? q\n    folded: >-\n"
      + "      {*a}: b\n      *c\nspec:\n  podSelector: {}\n"
    let policy = Fixture.policy(text)
    #expect(
      policy?.resource.metadata.annotations == [
        "literal": "*x [y]: z\n? q\n", "folded": "{*a}: b *c",
      ])
  }

  @Test("comments, next to real aliases")
  func commentsWithAliases() {
    let text = """
      # *x [y]: z
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: web
        namespace: demo
        labels: &labels {app: web}   # ? {*labels}: x
      spec:
        podSelector: {matchLabels: *labels}
        ingress:
        - from:
          - podSelector: {matchLabels: *labels}  # don't [stop]: here

      """
    let policy = Fixture.policy(text)
    #expect(policy?.resource.metadata.labels == ["app": "web"])
  }

  @Test("real aliases next to quoted text that reads like a flow key")
  func aliasesWithQuotedKeysText() {
    let text =
      Self.header
      + "  labels: &l {app: web}\n  annotations: {a: \"x [doc]: y\", b: 'it is {c}: d'}\n"
      + "spec:\n  podSelector: {matchLabels: *l}\n"
    let policy = Fixture.policy(text)
    #expect(policy?.resource.metadata.annotations == ["a": "x [doc]: y", "b": "it is {c}: d"])
  }
}

@Suite("An alias or a collection used as a mapping key is still refused in a file with aliases")
struct AliasGuardKeyTests {
  private static let message =
    "a mapping key that is a collection or an alias cannot be used in a file with aliases "
    + "(alias expansion is capped)"

  @Test("an alias key after a quoted scalar holding an escaped quote")
  func afterEscapedQuote() {
    #expect(
      Fixture.messages("a: 'it''s *x'\nb: &x [1]\n*x : 1\n") == ["bad.yaml:3:1: \(Self.message)"])
  }

  @Test("an alias key after a comment and a plain scalar that hold quotes")
  func afterQuotesInPlainText() {
    let text = "a: don't # isn't\nb: &x [1]\n*x : 3\n"
    #expect(Fixture.messages(text) == ["bad.yaml:3:1: \(Self.message)"])
  }

  @Test("an alias key after a block scalar ends")
  func afterBlockScalar() {
    let text = "a: |\n  'open\nb: &x [1]\n*x : 3\n"
    #expect(Fixture.messages(text) == ["bad.yaml:4:1: \(Self.message)"])
  }

  @Test("an alias as an entry of a flow mapping, without a value")
  func flowMappingEntry() {
    // YAML 1.1 §10.2.2: `{*x}` is a mapping whose only key is the alias
    #expect(Fixture.messages("a: &x [1]\nb: {*x}\n") == ["bad.yaml:2:5: \(Self.message)"])
    #expect(Fixture.messages("a: &x [1]\nb: {c: 1, *x}\n") == ["bad.yaml:2:11: \(Self.message)"])
  }

  @Test("a flow collection written over two lines as the key of a flow mapping entry")
  func multiLineFlowKey() {
    // YAML 1.1 §10.2.2: an entry of a flow mapping without `:` is a key with a null value
    #expect(Fixture.messages("a: &x [1]\nb: {[*x,\n  1]}\n") == ["bad.yaml:2:5: \(Self.message)"])
  }

  @Test("an explicit key that is an alias or a block collection")
  func explicitKeys() {
    #expect(Fixture.messages("a: &x [1]\n? *x\n: b\n") == ["bad.yaml:2:3: \(Self.message)"])
    #expect(Fixture.messages("a: &x [1]\n? - *x\n: b\n") == ["bad.yaml:2:3: \(Self.message)"])
  }

  @Test("an explicit scalar key is fine")
  func explicitScalarKey() {
    // the key `b` is a plain scalar, so only the Kubernetes reading complains
    let messages = Fixture.messages("a: &x [1]\n? b\n: *x\n")
    #expect(!messages.contains { $0.contains("alias expansion is capped") })
  }

  @Test("a billion laughs behind a flow mapping key")
  func billionLaughsInFlowMapping() {
    var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
      let items = Array(repeating: "*\(previous)", count: 10).joined(separator: ", ")
      text += "\(name): &\(name) [\(items)]\n"
      previous = name
    }
    text += "boom: {*i}\n"
    #expect(Fixture.messages(text) == ["bad.yaml:10:8: \(Self.message)"])
  }
}
