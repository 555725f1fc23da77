import Foundation
import NetpolModel
import Testing

@testable import NetpolRecipes

@Suite("The built-in catalogue holds the issue's recipes, each usable in every kind")
struct CatalogTests {
  /// The recipes issue 5 asks for.
  static let required = [
    "default-deny-ingress", "default-deny-egress", "default-deny-all", "allow-dns",
    "allow-all-egress", "allow-all-ingress", "frontend-backend", "allow-same-namespace",
    "deny-from-other-namespaces", "allow-from-namespace", "allow-egress-fqdn", "allow-egress-cidr",
    "deny-external-egress", "allow-kube-apiserver", "allow-monitoring-scrape",
    "allow-ingress-from-world", "deny-cloud-metadata", "allow-egress-to-namespace",
    "limit-ingress-to-port", "demo-policy", "allow-specific-pod", "allow-egress-to-specific-domain",
    // the cluster-wide guardrails of the policy API, which have no NetworkPolicy form
    "baseline-default-deny", "tenant-isolation",
  ]

  @Test("every required recipe is there, with a NetworkPolicy form where one exists")
  func required() throws {
    let catalog = try Fixtures.catalog()
    #expect(catalog.recipes.count >= 20)
    #expect(Set(catalog.recipes.map(\.name)) == Set(Self.required))
    for recipe in catalog.recipes
    where !recipe.name.contains("fqdn") && recipe.kinds.contains(where: { $0.adminKind == nil }) {
      if recipe.name != "allow-egress-to-specific-domain" {
        #expect(recipe.kinds.contains(.networkpolicy), "\(recipe.name)")
      }
    }
    #expect(
      catalog.recipe(named: "allow-ingress-from-load-balancer")?.name == "allow-ingress-from-world")
    #expect(catalog.recipe(named: "web-deny-all")?.name == "default-deny-ingress")
    #expect(catalog.recipe(named: "api-allow")?.name == "frontend-backend")
  }

  @Test("names and aliases are unique across the catalogue")
  func uniqueNames() throws {
    let catalog = try Fixtures.catalog()
    let all = catalog.recipes.flatMap { [$0.name] + $0.aliases }
    #expect(Set(all).count == all.count)
  }

  @Test("every recipe documents its parameters and renders its example in each kind")
  func examples() throws {
    let catalog = try Fixtures.catalog()
    for recipe in catalog.recipes {
      #expect(!recipe.description.isEmpty && !recipe.summary.isEmpty)
      #expect(recipe.description.contains("Pitfalls") || recipe.description.contains("pitfall"))
      for parameter in recipe.parameters { #expect(!parameter.help.isEmpty) }
      for kind in recipe.kinds {
        let policies = try catalog.render(
          recipe.name, parameters: recipe.example, namespace: "demo", policyName: nil, kind: kind)
        #expect(!policies.isEmpty)
        #expect(policies.allSatisfy { PolicyValidator.validate($0).isEmpty })
        #expect(policies.allSatisfy { $0.kind == kind.kindName })
      }
    }
  }

  @Test("The built-in catalogue is compiled in: one recipe for each file of recipes/")
  func embeddedRecipesMatchTheFolder() throws {
    let folder = Fixtures.root.appendingPathComponent("Sources/NetpolRecipes/Recipes")
    let fromFolder = try RecipeCatalog.read(directory: folder.path, builtIn: true)
    let builtIn = try RecipeCatalog.builtIn().recipes
    #expect(builtIn.map(\.name) == fromFolder.map(\.name).sorted())
    #expect(builtIn.map(\.origin) == fromFolder.sorted { $0.name < $1.name }.map(\.origin))
  }

  @Test("recipes/ at the top of the repository is the resource directory")
  func topLevelLink() throws {
    let top = Fixtures.root.appendingPathComponent("recipes")
    let resources = Fixtures.root.appendingPathComponent("Sources/NetpolRecipes/Recipes")
    let manager = FileManager.default
    let names = try manager.contentsOfDirectory(atPath: resources.path).sorted()
    #expect(try manager.contentsOfDirectory(atPath: top.path).sorted() == names)
    for name in names {
      #expect(
        manager.contents(atPath: top.appendingPathComponent(name).path)
          == manager.contents(atPath: resources.appendingPathComponent(name).path))
    }
  }
}

@Suite("Notices point out a policy set that is valid but will not work")
struct NoticeTests {
  @Test("toFQDNs without a rules.dns rule in the set, and a pattern without its apex")
  func fqdn() throws {
    let catalog = try Fixtures.catalog()
    let fqdn = try catalog.render(
      "allow-egress-fqdn", parameters: ["names": "*.github.com"], namespace: "demo",
      policyName: nil, kind: nil)
    #expect(
      RecipeNotices.review(fqdn) == [
        "demo/allow-egress-fqdn uses toFQDNs, but no policy in this set allows DNS with rules.dns, "
          + "so no name is learned and these connections are denied: add the allow-dns recipe in "
          + "its cnp form (skip this if the cluster already has one)",
        "demo/allow-egress-fqdn: matchPattern *.github.com does not match github.com itself "
          + "(* stands for one label); add matchName: github.com if the apex is meant",
      ])
    let dns = try catalog.render(
      "allow-dns", parameters: [:], namespace: "demo", policyName: nil, kind: .cnp)
    let npDNS = try catalog.render(
      "allow-dns", parameters: [:], namespace: "demo", policyName: nil, kind: .networkpolicy)
    #expect(RecipeNotices.review(dns + fqdn).count == 1)
    #expect(RecipeNotices.review(npDNS + fqdn).count == 2)
    let corrected = try catalog.render(
      "allow-egress-to-specific-domain", parameters: [:], namespace: "demo", policyName: nil,
      kind: nil)
    #expect(RecipeNotices.review(dns + corrected).isEmpty)
  }
}

@Suite("docs/recipes.md is generated from the recipe files")
struct DocsTests {
  @Test("the catalogue section of docs/recipes.md is up to date")
  func upToDate() throws {
    let document = try Fixtures.read("docs/recipes.md")
    let section = RecipeDocs.section(in: document)
    let expected = RecipeDocs.catalogue(try Fixtures.catalog())
    #expect(
      section == expected,
      "docs/recipes.md is stale: run `swift run netpol recipes docs --update docs/recipes.md`")
  }

  @Test("the recipe written out in the format section is a working recipe")
  func formatExample() throws {
    let document = try Fixtures.read("docs/recipes.md")
    let format = try #require(document.range(of: "## Recipe file format"))
    let start = try #require(
      document.range(of: "```yaml\n", range: format.upperBound..<document.endIndex))
    let end = try #require(document.range(of: "```", range: start.upperBound..<document.endIndex))
    let recipe = try RecipeFileParser.parse(
      String(document[start.upperBound..<end.lowerBound]), file: "docs", origin: .file("docs"))
    let catalog = RecipeCatalog(recipes: [recipe])
    for kind in recipe.kinds {
      let policies = try catalog.render(
        recipe.name, parameters: recipe.example, namespace: "shop", policyName: nil, kind: kind)
      #expect(policies.count == 1)
    }
  }

  @Test("the catalogue documents every recipe with its parameters and examples")
  func content() throws {
    let catalog = try Fixtures.catalog()
    let text = RecipeDocs.catalogue(catalog)
    for recipe in catalog.recipes {
      #expect(text.contains("### \(recipe.name)\n"))
      for parameter in recipe.parameters { #expect(text.contains("| `\(parameter.name)` |")) }
      #expect(!text.contains("does not render"))
    }
    let updated = RecipeDocs.updating(
      "a\n\(RecipeDocs.beginMarker)\nold\n\(RecipeDocs.endMarker)\nb\n", with: text)
    #expect(updated == "a\n" + text + "b\n")
  }
}
