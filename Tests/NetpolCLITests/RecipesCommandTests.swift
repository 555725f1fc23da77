import Foundation
import Testing

/// A user recipe for the directory tests.
private let userRecipe = """
  name: allow-redis
  summary: Let the selected pods reach Redis.
  description: Redis egress. Pitfalls - DNS is denied too.
  parameters:
    - name: selector
      type: selector
      default: ""
      help: Pods that may connect.
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
              - port: 6379

  """

@Suite("netpol recipes lists, shows and checks recipes")
struct RecipesCommandTests {
  @Test("the table has a header and one row per recipe: name, kinds, summary")
  func table() throws {
    let result = try runNetpol(["recipes"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("NAME ") == true)
    #expect(lines.first?.contains("  KINDS ") == true)
    #expect(lines.first?.hasSuffix("  SUMMARY") == true)
    #expect(lines.count == 25)
    let dns = try #require(lines.first { $0.hasPrefix("allow-dns ") })
    #expect(
      dns.contains("  networkpolicy,cnp,ccnp ")
        && dns.contains("  Let the selected pods resolve names"))
    #expect(try runNetpol(["recipes", "list"]).stdout == result.stdout)
  }

  @Test("show prints the description, the parameters with defaults, an example and its YAML")
  func show() throws {
    let result = try runNetpol(["recipes", "show", "allow-dns"])
    #expect(result.status == 0, "\(result.stderr)")
    let text = result.stdout
    #expect(text.hasPrefix("allow-dns: Let the selected pods resolve names through kube-dns"))
    #expect(text.contains("kinds: networkpolicy (default), cnp, ccnp\n"))
    #expect(text.contains("Pitfalls:"))
    #expect(text.contains("\nparameters:\n  selector "))
    #expect(text.contains("default: kube-system"))
    #expect(text.contains("\nexample:\n  $ netpol generate allow-dns -n demo\n\n"))
    #expect(text.contains("kind: NetworkPolicy\n"))
    let cilium = try runNetpol(["recipes", "show", "dns", "--kind", "cnp"])
    #expect(cilium.stdout.contains("$ netpol generate allow-dns --kind cnp -n demo"))
    #expect(cilium.stdout.contains("kind: CiliumNetworkPolicy\n"))
  }

  @Test("show names an unknown recipe or kind on one line and exits 1")
  func showErrors() throws {
    let unknown = try runNetpol(["recipes", "show", "allow-dsn"])
    #expect(unknown.status == 1)
    #expect(
      unknown.stderr
        == "netpol recipes show: no recipe named 'allow-dsn'; did you mean allow-dns? "
        + "(netpol recipes lists them)\n")
    let kind = try runNetpol(["recipes", "show", "allow-egress-fqdn", "--kind", "networkpolicy"])
    #expect(kind.status == 1)
    #expect(
      kind.stderr
        == "netpol recipes show: recipe allow-egress-fqdn has no networkpolicy form; it produces "
        + "cnp, ccnp\n")
  }

  @Test("check accepts the built-in recipes and reports a broken file with its position")
  func check() throws {
    let builtIn = try runNetpol(["recipes", "check", "recipes"])
    #expect(builtIn.status == 0, "\(builtIn.stderr)")
    #expect(builtIn.stdout == "24 recipes checked, no problems\n")
    let directory = try makeTemporaryDirectory(files: [
      "good.yaml": userRecipe,
      "bad.yaml": userRecipe.replacingOccurrences(of: "$selector", with: "$selectr"),
    ])
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try runNetpol(["recipes", "check", directory.path])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "\(directory.path)/bad.yaml:15:20: body.networkpolicy.spec.podSelector: $selectr names "
        + "no parameter; declared: name, namespace, selector (quote text that starts with $)\n")
  }

  @Test("user recipes come from $XDG_CONFIG_HOME/netpol/recipes and --recipes")
  func userRecipes() throws {
    let config = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: config) }
    let recipes = config.appendingPathComponent("netpol/recipes")
    try FileManager.default.createDirectory(at: recipes, withIntermediateDirectories: true)
    let replacing = userRecipe.replacingOccurrences(of: "allow-redis", with: "allow-dns")
    try Data(replacing.utf8).write(to: recipes.appendingPathComponent("allow-dns.yaml"))
    let extra = try makeTemporaryDirectory(files: ["redis.yaml": userRecipe])
    defer { try? FileManager.default.removeItem(at: extra) }
    let result = try runNetpol(
      ["recipes", "--recipes", extra.path], environment: ["XDG_CONFIG_HOME": config.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("\nallow-redis "))
    #expect(result.stdout.contains("Let the selected pods reach Redis."))
    #expect(
      result.stderr
        == "notice: recipe allow-dns from \(recipes.path)/allow-dns.yaml replaces the one from "
        + "built-in allow-dns.yaml\n")
  }

  @Test("the hidden docs command prints the catalogue of docs/recipes.md")
  func docs() throws {
    let result = try runNetpol(["recipes", "docs"])
    #expect(result.status == 0, "\(result.stderr)")
    let document = try CLIRunner.read("docs/recipes.md")
    #expect(document.contains(result.stdout))
    #expect(result.stdout.hasPrefix("<!-- BEGIN GENERATED CATALOGUE"))
  }
}
