import Foundation
import NetpolModel
import Testing

@testable import NetpolShell

/// Every example `help` shows for `recipe` runs, and recipe mistakes get the shell's words.
@Suite("The recipe command's examples run and its hints name shell commands")
struct RecipeHelpTests {
  @Test("each example of help recipe runs on the demo cluster")
  func examples() throws {
    let spec = try #require(CommandCatalog.command(named: "recipe"))
    for example in spec.examples {
      var shell = Interpreter(state: SessionState(inventory: try DemoCluster.inventory().get()))
      let outcome = shell.execute(example)
      #expect(outcome.error == nil, "`\(example)`: \(outcome.error?.message ?? "")")
    }
  }

  @Test("an unknown recipe suggests the shell command, not the CLI one")
  func unknown() {
    var shell = Interpreter()
    let message = shell.execute("recipe default-deny").error?.message ?? ""
    #expect(message.contains("did you mean `recipe default-deny-all`?"))
    #expect(message.contains("`recipe` lists them"))
    #expect(!message.contains("netpol recipes"))
  }

  @Test("recipe show NAME describes the recipe and its parameters")
  func show() {
    var shell = Interpreter()
    let outcome = shell.execute("recipe show allow-dns")
    #expect(outcome.error == nil)
    #expect(outcome.output.hasPrefix("allow-dns: "))
    #expect(outcome.output.contains("parameters (KEY=VALUE):"))
    #expect(outcome.output.contains("selector"))
    #expect(outcome.output.contains("example: recipe allow-dns"))
    #expect(shell.state.policies.isEmpty)
  }
}

/// Inventory keys are all optional (docs/inventory.md), and counts are worded in English.
@Suite("An empty inventory loads and one removed pod is one pod")
struct InventoryWordingTests {
  @Test("an inventory file {} is an empty inventory")
  func emptyInventory() {
    let result = PolicyLoader.load(text: "{}\n", file: "empty.yaml")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    #expect(result.inventory.pods.isEmpty)
  }

  @Test("removing a namespace with one pod says 1 pod")
  func singular() {
    var shell = Interpreter()
    _ = shell.execute("pod add solo/only --ip 10.244.9.9")
    let output = shell.execute("ns rm solo").output
    #expect(output.hasPrefix("removed namespace solo and 1 pod\n"))
  }
}

/// Cluster edits are work too: they can be saved as an inventory and quitting warns about them.
@Suite("save --cluster writes the inventory and quit warns about unsaved cluster edits")
struct SaveClusterTests {
  @Test("save --cluster writes an inventory that loads back to the same cluster")
  func roundTrip() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("netpol-save-cluster-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("cluster.yaml").path
    var shell = Interpreter(state: SessionState(inventory: try DemoCluster.inventory().get()))
    #expect(!shell.unsavedCluster)
    _ = shell.execute("label demo/client app=client")
    #expect(shell.unsavedCluster)
    let saved = shell.execute("save --cluster \(path)")
    #expect(saved.error == nil, "\(saved.error?.message ?? "")")
    #expect(saved.output.hasPrefix("saved the cluster ("))
    #expect(!shell.unsavedCluster)
    let loaded = PolicyLoader.load(paths: [path])
    #expect(loaded.diagnostics.isEmpty)
    #expect(loaded.inventory == shell.state.inventory)
  }

  @Test("quitting with unsaved cluster edits asks first")
  func quitAsks() {
    var shell = Interpreter()
    _ = shell.execute("pod add demo/x --ip 10.244.0.99")
    var loop = ShellLoop(
      source: ScriptedLineSource(lines: ["quit", "n", "quit --force"]), interpreter: shell)
    var written = ""
    _ = loop.run(write: { written += $0 }, writeError: { written += $0 })
    #expect(written.contains("not quitting"), "\(written)")
    #expect(
      loop.source.prompts.contains {
        $0.contains("unsaved cluster edits (save --cluster FILE); quit anyway?")
      })
  }
}
