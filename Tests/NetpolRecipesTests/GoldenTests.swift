import Foundation
import NetpolModel
import Testing

@testable import NetpolRecipes

@Suite("Every recipe renders the hand-written golden YAML in each of its kinds")
struct GoldenTests {
  @Test("each golden document is what its netpol generate command renders")
  func goldenDocuments() throws {
    let catalog = try Fixtures.catalog()
    let cases = try GoldenCase.all()
    #expect(cases.count >= 80)
    for golden in cases {
      let expected = Fixtures.policies(golden.yaml, file: golden.file)
      let invocation = golden.invocation
      do {
        let rendered = try catalog.render(
          invocation.recipe, parameters: invocation.parameters, namespace: invocation.namespace,
          policyName: invocation.name, kind: invocation.kind)
        #expect(rendered == expected, "\(golden)")
      } catch {
        Issue.record("\(golden): \(error)")
      }
    }
  }

  @Test("each kind of each recipe has a golden with defaults and one with other values")
  func coverage() throws {
    let catalog = try Fixtures.catalog()
    let cases = try GoldenCase.all()
    for recipe in catalog.recipes {
      for kind in recipe.kinds {
        let mine = cases.filter {
          catalog.recipe(named: $0.invocation.recipe)?.name == recipe.name
            && ($0.invocation.kind ?? catalog.recipe(named: $0.invocation.recipe)!.kinds[0]) == kind
        }
        let required = Set(recipe.parameters(usedBy: kind).filter(\.required).map(\.name))
        let defaults = mine.contains { Set($0.invocation.parameters.keys) == required }
        let custom = mine.contains {
          !Set($0.invocation.parameters.keys).subtracting(required).isEmpty
            || $0.invocation.namespace != nil
        }
        #expect(defaults, "\(recipe.name) (\(kind.rawValue)) has no golden with default values")
        #expect(custom, "\(recipe.name) (\(kind.rawValue)) has no golden with other values")
      }
    }
  }
}
