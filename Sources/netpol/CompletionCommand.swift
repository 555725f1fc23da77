import ArgumentParser
import NetpolShell

/// `netpol completion SHELL`: prints the completion script for bash, zsh or fish.
struct CompletionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "completion",
    abstract: "Print the completion script for bash, zsh or fish.",
    discussion: """
      The script completes netpol's commands, options and option values. Load it for the current \
      session, or install it where the shell looks (`make install` does this for all three):

        source <(netpol completion bash)
        netpol completion zsh > "${fpath[1]}/_netpol"
        netpol completion fish > ~/.config/fish/completions/netpol.fish
      """)

  /// The shells netpol writes completion scripts for.
  enum Shell: String, ExpressibleByArgument, CaseIterable {
    case bash, zsh, fish

    var completionShell: CompletionShell {
      switch self {
      case .bash: .bash
      case .zsh: .zsh
      case .fish: .fish
      }
    }
  }

  @Argument(help: "The shell: bash, zsh or fish.")
  var shell: Shell

  func run() throws {
    CLIOutput.write(Netpol.completionScript(for: shell.completionShell))
  }
}

/// `netpol version`: the same as `netpol --version`.
struct VersionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "version", abstract: "Print netpol's version and the git commit it was built from."
  )

  func run() throws {
    CLIOutput.write(BuildInfo.description + "\n")
  }
}
