import Foundation
import NetpolModel
import NetpolRecipes
import Testing

@testable import NetpolShell

@Suite("help, set, history and quit")
struct SessionCommandTests {
  @Test("help lists every command by group; help COMMAND shows usage and examples")
  func help() {
    var shell = TestShell()
    let overview = shell.ok("help")
    for command in CommandCatalog.all { #expect(overview.contains("  \(command.name) ")) }
    #expect(
      shell.ok("help label") == """
        usage: label NS/POD KEY=VALUE...
        set labels on a pod
        examples:
          label demo/client app=client

        """)
    #expect(shell.ok("help exit").hasPrefix("usage: quit [--force]\n"))
    #expect(
      shell.fail("help frobnicate").message == "no command `frobnicate` (help lists the commands)")
  }

  @Test("set changes preview, colour and the default namespace; bad values are errors")
  func set() {
    var shell = TestShell()
    shell.ok("set colour on")
    #expect(shell.interpreter.settings.colour)
    shell.ok("set color off")
    #expect(!shell.interpreter.settings.colour)
    #expect(
      shell.fail("set preview maybe").message
        == "expected `on` or `off` after `set preview`, got `maybe`")
    #expect(shell.fail("set namespace Bad!").message.hasPrefix("invalid namespace `Bad!`"))
  }

  @Test("with colour on, verdict words are coloured")
  func colour() {
    var shell = TestShell()
    shell.ok("set colour on")
    #expect(shell.ok("policy p -n demo").contains("\u{1B}[31mnow denied\u{1B}[0m"))
  }

  @Test("history numbers the commands of this session")
  func history() {
    var shell = TestShell()
    shell.ok("ns add a")
    _ = shell.fail("bogus")
    #expect(shell.ok("history") == "1  ns add a\n2  bogus\n3  history\n")
  }

  @Test("quit asks the loop to leave; --force skips the question")
  func quit() {
    var shell = TestShell()
    #expect(shell.interpreter.execute("quit").quit == .ask)
    #expect(shell.interpreter.execute("exit --force").quit == .force)
    #expect(shell.fail("quit now").message == "unexpected `now`; usage: quit [--force]")
  }
}

@Suite("recipe adds catalogue policies to the workspace")
struct RecipeCommandTests {
  @Test("recipe allow-dns follows the draft's kind and namespace (scenarios.md S3 fix)")
  func allowDNS() throws {
    var shell = TestShell()
    shell.ok("policy my-app -n demo")
    let output = shell.ok("recipe allow-dns")
    #expect(output.hasPrefix("recipe allow-dns: created NetworkPolicy demo/allow-dns\n"))
    #expect(shell.state.draft == "demo/allow-dns")
    shell.ok("policy cilium-one -n demo --kind cnp")
    shell.ok("recipe allow-dns --name dns-cnp")
    #expect(shell.draft?.kind == "CiliumNetworkPolicy")
    #expect(shell.state.draft == "demo/dns-cnp")
  }

  @Test("recipe errors underline the name or the parameter")
  func errors() {
    var shell = TestShell()
    let line = "recipe allow-dns colour=red"
    let error = shell.fail(line)
    #expect(error.message.hasPrefix("recipe allow-dns has no parameter 'colour'"))
    #expect(TestShell.underlined(error, in: line) == "colour=red")
    #expect(
      shell.fail("recipe allow-dsn").message.hasPrefix("no recipe named 'allow-dsn'; did you mean"))
    #expect(
      shell.fail("recipe allow-dns --kind x").message
        == "unknown kind `x` (networkpolicy, cnp or ccnp)")
  }

  @Test("recipe alone lists the catalogue")
  func list() {
    var shell = TestShell()
    let output = shell.ok("recipe")
    #expect(output.contains("allow-dns"))
    #expect(output.hasSuffix("`recipe NAME KEY=VALUE...` adds one; `help recipe` explains\n"))
  }
}

@Suite("The bundled demo cluster")
struct DemoClusterTests {
  @Test("the embedded copy is byte-identical to examples/demo/cluster.yaml")
  func identical() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let file = try Data(contentsOf: root.appendingPathComponent("examples/demo/cluster.yaml"))
    #expect(Data(DemoCluster.text.utf8) == file)
  }

  @Test("start-up without --cluster uses it; a missing file is reported")
  func startup() throws {
    guard case .success(let start) = ShellStartup.start(clusterPath: nil, policyPaths: []) else {
      Issue.record("the demo cluster did not load")
      return
    }
    #expect(start.state.inventory.pod(id: "demo/server") != nil)
    #expect(start.description.hasPrefix("demo cluster (examples/demo/cluster.yaml): 2 namespaces"))
    guard
      case .failure(let failure) = ShellStartup.start(clusterPath: "/no/such.yaml", policyPaths: [])
    else {
      Issue.record("a missing cluster file loaded")
      return
    }
    #expect(!failure.diagnostics.isEmpty)
  }
}
