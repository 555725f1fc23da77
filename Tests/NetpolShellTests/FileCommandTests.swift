import Foundation
import NetpolModel
import Testing

@testable import NetpolShell

@Suite("load, save and emit move policies between the session and files")
struct FileCommandTests {
  private func temporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("netpol-shell-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  private func s1Shell() -> TestShell {
    var shell = TestShell()
    shell.ok("policy demo-policy -n demo")
    shell.ok("select app=server")
    shell.ok("allow ingress from pods app=client port 80/TCP")
    return shell
  }

  @Test("save writes every policy as YAML that loads back to the same objects")
  func saveRoundTrip() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var shell = s1Shell()
    shell.ok("policy other -n demo")
    let path = directory + "/out.yaml"
    #expect(shell.ok("save \(path)") == "saved 2 policies to \(path)\n")
    let loaded = PolicyLoader.load(paths: [path])
    #expect(loaded.diagnostics.isEmpty)
    #expect(loaded.policies.map(\.resource) == shell.state.policies)
    #expect(shell.interpreter.session.unsavedPolicies.isEmpty)
    // Atomic write: only the target file is left in the directory.
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.yaml"])
  }

  @Test("save refuses to overwrite a file it did not write, unless --force")
  func saveRefusesForeignFiles() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/theirs.yaml"
    try "precious: true\n".write(toFile: path, atomically: true, encoding: .utf8)
    var shell = s1Shell()
    let line = "save \(path)"
    let error = shell.fail(line)
    #expect(
      error.message
        == "\(path) exists and this session did not write it; `save \(path) --force` replaces it")
    #expect(TestShell.underlined(error, in: line) == path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious: true\n")
    shell.ok("save \(path) --force")
    shell.ok("label demo/client app=client")
    shell.ok("save \(path)")
    #expect(shell.fail("save \(directory)").message == "\(directory) is a directory")
    #expect(shell.fail("save \(directory)/missing/x.yaml").message.hasPrefix("cannot write"))
  }

  @Test("save with no policies is an error")
  func saveNothing() {
    var shell = TestShell()
    #expect(
      shell.fail("save x.yaml").message == "no policies to save; create one with `policy NAME`")
  }

  @Test("load reads policies (replacing same names) and an inventory replaces the cluster")
  func load() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var shell = s1Shell()
    try shell.ok("emit").write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
    try """
    namespaces:
      - name: shop
    pods:
      - {namespace: shop, name: web, labels: {app: web}}
    """.write(toFile: directory + "/cluster.yaml", atomically: true, encoding: .utf8)
    var fresh = TestShell()
    #expect(
      fresh.ok("load \(directory)/p.yaml").hasPrefix("loaded \(directory)/p.yaml: 1 policy\n"))
    #expect(fresh.state.policies == shell.state.policies)
    #expect(fresh.interpreter.session.unsavedPolicies.isEmpty)
    #expect(
      fresh.ok("load \(directory)/p.yaml").hasPrefix(
        "loaded \(directory)/p.yaml: 1 policy (1 replaced)\n"))
    fresh.ok("load \(directory)/cluster.yaml")
    #expect(fresh.state.inventory.pods.map(\.id) == ["shop/web"])
  }

  @Test("load reports the file's problems and changes nothing")
  func loadErrors() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try "kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {}\n".write(
      toFile: directory + "/bad.yaml", atomically: true, encoding: .utf8)
    var shell = TestShell()
    let error = shell.fail("load \(directory)/bad.yaml")
    #expect(error.message.hasPrefix("\(directory)/bad.yaml:"))
    #expect(shell.fail("load").message == "expected FILE...; usage: load FILE...")
  }

  @Test("emit prints the named policies, or all, as one YAML stream")
  func emit() {
    var shell = s1Shell()
    shell.ok("policy second -n demo")
    let all = shell.ok("emit")
    #expect(all == YAMLWriter.stream(shell.state.policies))
    #expect(all.contains("---\n"))
    #expect(shell.ok("emit demo-policy") == YAMLWriter.document(shell.state.policies[0]))
    #expect(shell.fail("emit nope").message == "no policy `nope` (policies lists them)")
    var empty = TestShell()
    #expect(empty.fail("emit").message == "no policies to emit; create one with `policy NAME`")
  }
}
