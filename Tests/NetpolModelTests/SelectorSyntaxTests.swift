import NetpolModel
import Testing

// kubectl -l syntax: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
// ("Equality-based requirement", "Set-based requirement").
@Suite("SelectorSyntax reads and writes kubectl -l selectors")
struct SelectorSyntaxTests {
  @Test("equality requirements become matchLabels; != becomes NotIn with one value")
  func equality() throws {
    let selector = try SelectorSyntax.parse("app=web, tier == db,env!=prod")
    #expect(selector.matchLabels == ["app": "web", "tier": "db"])
    #expect(selector.matchExpressions == [.init(key: "env", operator: .notIn, values: ["prod"])])
  }

  @Test("set requirements, existence and absence")
  func sets() throws {
    let selector = try SelectorSyntax.parse("env in (prod, qa),tier notin (x),legacy,!canary")
    #expect(selector.matchLabels.isEmpty)
    #expect(
      selector.matchExpressions == [
        .init(key: "env", operator: .in, values: ["prod", "qa"]),
        .init(key: "tier", operator: .notIn, values: ["x"]),
        .init(key: "legacy", operator: .exists),
        .init(key: "canary", operator: .doesNotExist),
      ])
  }

  @Test("the empty string is the empty selector; an empty value is allowed")
  func emptyForms() throws {
    #expect(try SelectorSyntax.parse("") == LabelSelector())
    #expect(try SelectorSyntax.parse("  ") == LabelSelector())
    #expect(try SelectorSyntax.parse("app=").matchLabels == ["app": ""])
  }

  @Test("prefixed keys such as app.kubernetes.io/name are accepted")
  func prefixedKeys() throws {
    let selector = try SelectorSyntax.parse("app.kubernetes.io/name=web")
    #expect(selector.matchLabels == ["app.kubernetes.io/name": "web"])
  }

  @Test("a key given twice with = keeps the first in matchLabels and the second as In")
  func conflictingEquality() throws {
    let selector = try SelectorSyntax.parse("app=a,app=b")
    #expect(selector.matchLabels == ["app": "a"])
    #expect(selector.matchExpressions == [.init(key: "app", operator: .in, values: ["b"])])
  }

  @Test(
    "malformed selectors report what was expected and where",
    arguments: [
      (
        "app in prod",
        "invalid selector \"app in prod\": expected \"(\" but found \"prod\" at column 8"
      ),
      (
        "app in ()",
        "invalid selector \"app in ()\": a value set needs at least one value at column 8"
      ),
      (
        "app>1",
        "invalid selector \"app>1\": the operators \">\" and \"<\" are not allowed in a label selector at column 4"
      ),
      ("=web", "invalid selector \"=web\": expected a label key but found \"=\" at column 1"),
      (
        "app=web,",
        "invalid selector \"app=web,\": expected a label key but found end of input at column 9"
      ),
      ("app=web x", "invalid selector \"app=web x\": expected \",\" but found \"x\" at column 9"),
      ("app=we b", "invalid selector \"app=we b\": expected \",\" but found \"b\" at column 8"),
      (
        "Bad Key=1",
        "invalid selector \"Bad Key=1\": expected \"=\", \"==\", \"!=\", \"in\", \"notin\", \",\" or the end after \"Bad\" but found \"Key\" at column 5"
      ),
      (
        "app=-web",
        "invalid selector \"app=-web\": invalid label value \"-web\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character at column 5"
      ),
      (
        "-app",
        "invalid selector \"-app\": invalid label key \"-app\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character at column 1"
      ),
    ])
  func errors(text: String, message: String) {
    #expect(throws: Diagnostic(location: nil, path: "", message: message)) {
      try SelectorSyntax.parse(text)
    }
  }

  @Test("format writes matchLabels sorted, then expressions as written")
  func format() {
    let selector = LabelSelector(
      matchLabels: ["tier": "db", "app": "web"],
      matchExpressions: [
        .init(key: "env", operator: .in, values: ["prod", "qa"]),
        .init(key: "zone", operator: .notIn, values: ["a"]),
        .init(key: "x", operator: .notIn, values: ["a", "b"]),
        .init(key: "legacy", operator: .exists),
        .init(key: "canary", operator: .doesNotExist),
      ])
    #expect(
      SelectorSyntax.format(selector)
        == "app=web,tier=db,env in (prod,qa),zone!=a,x notin (a,b),legacy,!canary")
    #expect(SelectorSyntax.format(LabelSelector()) == "")
  }

  @Test("parse(format(s)) == s for selectors built from every requirement form")
  func roundTrip() throws {
    let selectors = [
      LabelSelector(matchLabels: ["app": "web", "k8s-app": "kube-dns"]),
      LabelSelector(matchExpressions: [.init(key: "env", operator: .in, values: ["a", ""])]),
      LabelSelector(
        matchLabels: ["a": ""],
        matchExpressions: [
          .init(key: "b", operator: .notIn, values: ["1"]), .init(key: "c", operator: .exists),
          .init(key: "d", operator: .doesNotExist),
        ]),
    ]
    for selector in selectors {
      #expect(try SelectorSyntax.parse(SelectorSyntax.format(selector)) == selector)
    }
  }
}
