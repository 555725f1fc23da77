import ArgumentParser
import Foundation
import NetpolShell

/// The `netpol` command: drafts, checks and explains Kubernetes and Cilium network policies.
@main
struct Netpol: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "netpol",
    abstract: "Draft, check and explain Kubernetes NetworkPolicy and CiliumNetworkPolicy.",
    discussion: """
      Run without arguments on a terminal to open the interactive shell on the bundled demo \
      cluster. Every command reads YAML or JSON policies and inventories; `netpol help COMMAND` \
      shows a command's options with examples, and docs/cli.md has them all.

      Examples:
        netpol shell --cluster examples/demo/cluster.yaml
        netpol matrix --cluster examples/demo/cluster.yaml -f examples/demo
        netpol lint -f examples/lint/s3-allow-specific-pod.yaml
        kubectl netpol validate -f policies/      # after `make install`
      """,
    version: BuildInfo.description,
    subcommands: [
      // Each command lives in its own file; keep this list in the order of `netpol --help`.
      ValidateCommand.self,
      FmtCommand.self,
      MatrixCommand.self,
      ExplainCommand.self,
      IsolationCommand.self,
      LintCommand.self,
      RecipesCommand.self,
      GenerateCommand.self,
      ShellCommand.self,
      RunCommand.self,
      DiffCommand.self,
      CompletionCommand.self,
      VersionCommand.self,
    ]
  )

  /// Parses the command line and runs the command; help, usage errors and every other message go
  /// through ``CLIOutput``, so that a failed write is reported as any other one. A misspelt
  /// command (`netpol matrx`, `netpol help matrx`) gets a "did you mean" line and the usage exit
  /// status instead of the top-level help.
  static func main() {
    if let message = typoMessage(Array(CommandLine.arguments.dropFirst())) {
      CLIOutput.error("netpol: \(message)")
      Foundation.exit(ExitStatus.usage.rawValue)
    }
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      if !message.isEmpty {
        if code == .success { CLIOutput.write(message + "\n") } else { CLIOutput.error(message) }
      }
      Foundation.exit(code.rawValue)
    }
  }
}
