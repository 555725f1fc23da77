import Foundation
import NetpolModel
import Testing

@testable import NetpolRecipes

/// A recipe whose free-text parameter lands in an annotation and whose selector lands in the
/// pod selector, to try to break out of them.
private let noteRecipe = """
  name: annotated
  summary: Deny ingress, with a note.
  description: For the injection tests.
  parameters:
    - name: note
      type: string
      default: none
      help: Free text.
    - name: selector
      type: selector
      default: ""
      help: Pods.
  kinds: [networkpolicy]
  body:
    networkpolicy:
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        annotations:
          note: $note
          literal: '$note'
          owner: $name
      spec:
        podSelector: $selector
        policyTypes: [Ingress]
  """

private func catalog() throws -> RecipeCatalog {
  RecipeCatalog(recipes: [
    try RecipeFileParser.parse(noteRecipe, file: "annotated.yaml", origin: .file("annotated.yaml"))
  ])
}

@Suite("Parameter values are substituted into parsed YAML and cannot change its structure")
struct InjectionTests {
  @Test("YAML syntax inside a value stays text in one string")
  func yamlSyntax() throws {
    let values = [
      "{}", "[a, b]", "a: b", "*alias", "&anchor x", "!!int 5", "--- x", "\"quoted\"", "'single'",
      "# comment", "$selector", "${note}", "kind: Evil", "- item", "| block", "null", "~", "true",
      "0x1F", "y",
    ]
    for value in values {
      let policies = try catalog().render(
        "annotated", parameters: ["note": value], namespace: "demo", policyName: "p", kind: nil)
      #expect(policies.count == 1)
      #expect(policies.first?.kind == "NetworkPolicy")
      #expect(
        policies.first?.metadata.annotations == [
          "note": value, "literal": "$note", "owner": "p",
        ])
    }
  }

  @Test("a quoted key that starts with $ is an ordinary key, not a placeholder")
  func quotedKey() throws {
    let text = noteRecipe.replacingOccurrences(
      of: "\n        owner: $name\n", with: "\n        owner: $name\n        '$ref': kept\n")
    let recipe = try RecipeFileParser.parse(text, file: "q.yaml", origin: .file("q.yaml"))
    let output = try RecipeRenderer(recipe: recipe).yaml(
      recipe.bodies[.networkpolicy]!, values: ["note": .text("n"), "name": .text("p")],
      kind: .networkpolicy, name: "p", namespace: "demo")
    #expect(output.contains("\n    $ref: kept\n"), "\(output)")
    #expect(throws: RecipeError.self) {
      _ = try RecipeCatalog(recipes: [recipe]).render(
        "annotated", parameters: [:], namespace: nil, policyName: nil, kind: nil)
    }
  }

  @Test("line breaks and control characters are refused before rendering")
  func lineBreaks() throws {
    for value in ["demo\nkind: Evil", "a\rb", "tab\there", "bell\u{7}"] {
      #expect(throws: RecipeError.self) {
        try catalog().render(
          "annotated", parameters: ["note": value], namespace: nil, policyName: nil, kind: nil)
      }
    }
    #expect(throws: RecipeError.self) {
      try Fixtures.catalog().render(
        "default-deny-all", parameters: ["selector": "app=web\nkind: Evil"], namespace: nil,
        policyName: nil, kind: nil)
    }
  }

  @Test("even a value with line breaks becomes a single scalar when rendered")
  func renderedScalar() throws {
    let recipe = try catalog().recipes[0]
    let evil = "demo\nkind: Evil\n---\napiVersion: v1\nkind: Secret"
    let text = try RecipeRenderer(recipe: recipe).yaml(
      recipe.bodies[.networkpolicy]!,
      values: ["note": .text(evil), "selector": .selector(.everything), "name": .text("p")],
      kind: .networkpolicy, name: "p", namespace: "demo")
    let result = PolicyLoader.load(text: text, file: "rendered")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    #expect(result.policies.count == 1)
    #expect(result.policies.first?.resource.metadata.annotations["note"] == evil)
    #expect(result.policies.first?.resource.kind == "NetworkPolicy")
  }

  @Test("selectors, namespaces and names only take their own syntax")
  func typedValues() throws {
    let catalog = try Fixtures.catalog()
    for selector in ["app={}", "app=web}", "app: web", "{app: web}"] {
      #expect(throws: RecipeError.self) {
        try catalog.render(
          "default-deny-all", parameters: ["selector": selector], namespace: nil, policyName: nil,
          kind: nil)
      }
    }
    #expect(throws: RecipeError.self) {
      try catalog.render(
        "default-deny-all", parameters: [:], namespace: "demo\nkind: Evil", policyName: nil,
        kind: nil)
    }
    #expect(throws: RecipeError.self) {
      try catalog.render(
        "default-deny-all", parameters: [:], namespace: nil, policyName: "{}", kind: nil)
    }
    #expect(throws: RecipeError.self) {
      try catalog.render(
        "allow-egress-fqdn", parameters: ["names": "a.com\n- matchPattern: '*'"], namespace: nil,
        policyName: nil, kind: nil)
    }
  }
}
