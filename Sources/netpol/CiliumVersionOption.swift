import ArgumentParser
import NetpolEngine
import NetpolShell

/// `--cilium-version X.Y`, shared by the commands that evaluate or lint Cilium policies.
struct CiliumVersionOption: ParsableArguments {
  @Option(
    name: .customLong("cilium-version"),
    help: ArgumentHelp(
      "The Cilium version to assume (X.Y; default 1.19; AKS dataplanes cap it at 1.18).",
      valueName: "version"))
  var text: String?

  func validate() throws {
    if let text, CiliumVersion(release: text) == nil {
      throw ValidationError("invalid --cilium-version '\(text)': use X.Y, e.g. 1.18")
    }
  }

  /// The engine options with this version (the default when the option is absent).
  func options(warmFQDNCache: Bool = false) -> EngineOptions {
    var options = EngineOptions(warmFQDNCache: warmFQDNCache)
    if let text, let version = CiliumVersion(release: text) { options.ciliumVersion = version }
    return options
  }
}
