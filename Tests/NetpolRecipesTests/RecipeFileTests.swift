import Foundation
import NetpolModel
import Testing

@testable import NetpolRecipes

/// A small valid recipe; tests replace parts of it to break it.
private let validRecipe = """
  name: allow-redis
  summary: Let the selected pods reach Redis.
  description: Redis egress.
  parameters:
    - name: selector
      type: selector
      default: ""
      help: Pods that may connect.
    - name: ports
      type: list
      items: port
      default: "6379"
      help: Redis ports.
  kinds: [networkpolicy]
  body:
    networkpolicy:
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      spec:
        podSelector: $selector
        policyTypes: [Egress]
        egress:
          - ports:
              $param: ports
              each:
                port: $item
  """

/// The first diagnostic of parsing `text` as `t.yaml`, or nil when it parses.
private func problem(_ text: String) -> String? {
  do {
    _ = try RecipeFileParser.parse(text, file: "t.yaml", origin: .file("t.yaml"))
    return nil
  } catch {
    return error.description
  }
}

private func replacing(_ old: String, with new: String) -> String {
  #expect(validRecipe.contains(old))
  return validRecipe.replacingOccurrences(of: old, with: new)
}

@Suite("A broken recipe file is reported with its file, line and field")
struct RecipeFileTests {
  @Test("the valid recipe parses, and its parameters and kinds are read")
  func valid() throws {
    let recipe = try RecipeFileParser.parse(validRecipe, file: "t.yaml", origin: .file("t.yaml"))
    #expect(recipe.name == "allow-redis")
    #expect(recipe.parameters.map(\.name) == ["selector", "ports"])
    #expect(recipe.parameters[1].typeDescription == "list of port")
    #expect(recipe.kinds == [.networkpolicy])
    #expect(recipe.policyName == "allow-redis")
  }

  @Test("unknown and missing fields")
  func fields() {
    #expect(
      problem("nmae: x\n" + validRecipe)
        == "t.yaml:1:1: nmae: unknown field; a recipe has name, summary, description, aliases, "
        + "policyName, parameters, example, kinds, body")
    #expect(
      problem(replacing("summary: Let the selected pods reach Redis.\n", with: ""))
        == "t.yaml:1:1: summary: missing field 'summary'")
    #expect(
      problem(replacing("    help: Redis ports.\n", with: "    help: Redis ports.\n    hlep: x\n"))
        == "t.yaml:14:5: parameters[1].hlep: unknown field; a parameter has name, type, items, "
        + "default, required, help, validation")
  }

  @Test("a placeholder naming no parameter")
  func unknownPlaceholder() {
    #expect(
      problem(replacing("podSelector: $selector", with: "podSelector: $selectr"))
        == "t.yaml:20:20: body.networkpolicy.spec.podSelector: $selectr names no parameter; "
        + "declared: name, namespace, ports, selector (quote text that starts with $)")
    #expect(
      problem(replacing("port: $item", with: "port: $items"))
        == "t.yaml:26:21: body.networkpolicy.spec.egress[0].ports.each.port: $items names no "
        + "parameter; declared: name, namespace, ports, selector (quote text that starts with $)")
  }

  @Test("placeholder options that do not fit the parameter's type")
  func placeholderOptions() {
    #expect(
      problem(replacing("$param: ports\n", with: "$param: selector\n"))
        == "t.yaml:26:15: body.networkpolicy.spec.egress[0].ports.each: 'each' applies only to "
        + "list parameters")
    #expect(
      problem(replacing("port: $item", with: "port: {$param: item, as: number}"))
        == "t.yaml:26:40: body.networkpolicy.spec.egress[0].ports.each.port.as: the only form is "
        + "'as: string'")
    #expect(
      problem(replacing("podSelector: $selector", with: "podSelector: {$selector: x}"))
        == "t.yaml:20:20: body.networkpolicy.spec.podSelector: '$selector' is not a placeholder "
        + "form: use {$param: NAME, ...} or {$if: NAME, then: ...} (quote a key to write a "
        + "literal $)"
    )
  }

  @Test("parameter declarations: type, default, required")
  func parameters() {
    #expect(
      problem(replacing("type: selector", with: "type: label"))
        == "t.yaml:6:11: parameters[0].type: unknown type; use one of selector, namespace, port, "
        + "protocol, cidr, fqdn, string, list")
    #expect(
      problem(replacing("default: \"6379\"", with: "default: \"99999\""))
        == "t.yaml:12:14: parameters[1].default: recipe allow-redis: parameter 'ports' = "
        + "\"99999\": item \"99999\": out of range 1-65535; it "
        + "accepts a comma-separated list, each item a port number 1-65535 or a port name "
        + "(e.g. http)"
    )
    #expect(
      problem(replacing("default: \"\"", with: "required: true\n    default: \"\""))
        == "t.yaml:8:14: parameters[0].default: a required parameter has no default")
    #expect(
      problem(replacing("name: selector", with: "name: namespace"))
        == "t.yaml:5:11: parameters[0].name: a parameter name is lower-case letters, digits and "
        + "'-', and not name, namespace or item")
  }

  @Test("body documents: kinds, apiVersion/kind, metadata")
  func documents() {
    #expect(
      problem(replacing("kind: NetworkPolicy", with: "kind: CiliumNetworkPolicy"))
        == "t.yaml:18:11: body.networkpolicy.kind: a networkpolicy body has kind: NetworkPolicy")
    #expect(
      problem(replacing("kinds: [networkpolicy]", with: "kinds: [networkpolicy, cnp]"))
        == "t.yaml:16:3: body: no body for kind cnp")
    #expect(
      problem(
        replacing(
          "    kind: NetworkPolicy\n",
          with: "    kind: NetworkPolicy\n    metadata: {namespace: x}\n"))
        == "t.yaml:19:27: body.networkpolicy.metadata.namespace: netpol sets the namespace from -n "
        + "(use $namespace elsewhere); remove this field")
  }

  @Test("YAML syntax errors carry their position")
  func syntax() {
    let text = replacing("kinds: [networkpolicy]", with: "kinds: [networkpolicy")
    #expect(problem(text)?.hasPrefix("t.yaml:1") == true, "\(problem(text) ?? "")")
    #expect(problem(text)?.contains("invalid YAML: ") == true)
    #expect(problem("") == "t.yaml:1:1: the file is empty")
    #expect(
      problem("- a\n- b\n") == "t.yaml:1:1: a recipe file is a mapping (name:, summary:, ...)")
  }
}

@Suite("User recipe directories add to and replace the built-in recipes")
struct UserRecipeTests {
  @Test("a user recipe with a built-in's name replaces it, with a notice")
  func override() throws {
    let text = validRecipe.replacingOccurrences(of: "name: allow-redis", with: "name: allow-dns")
    let directory = try Fixtures.directory(["allow-dns.yaml": text, "extra.yml": validRecipe])
    defer { try? FileManager.default.removeItem(at: directory) }
    let (catalog, notices) = try RecipeCatalog.load(userDirectories: [directory.path])
    #expect(catalog.recipe(named: "allow-dns")?.origin == .file(directory.path + "/allow-dns.yaml"))
    #expect(catalog.recipe(named: "allow-redis") != nil)
    #expect(catalog.recipes.count == (try Fixtures.catalog()).recipes.count + 1)
    #expect(
      notices == [
        "recipe allow-dns from \(directory.path)/allow-dns.yaml replaces the one from "
          + "built-in allow-dns.yaml"
      ])
  }

  @Test("every broken file of a directory is reported, and the catalogue is not loaded")
  func brokenFiles() throws {
    let directory = try Fixtures.directory([
      "a.yaml": "name: a\n", "b.yaml": validRecipe, "c.yaml": validRecipe,
    ])
    defer { try? FileManager.default.removeItem(at: directory) }
    #expect(throws: RecipeError.self) { try RecipeCatalog.load(userDirectories: [directory.path]) }
    do {
      _ = try RecipeCatalog.read(directory: directory.path)
    } catch {
      let base = directory.path
      #expect(
        error.description
          == "\(base)/a.yaml:1:1: summary: missing field 'summary'\n"
          + "\(base)/c.yaml:1:1: name: recipe allow-redis is also defined in \(base)/b.yaml")
    }
    #expect(
      (try? RecipeCatalog.read(directory: "/nonexistent/netpol")) == nil)
  }
}
