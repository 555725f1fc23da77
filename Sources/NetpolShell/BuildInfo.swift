/// What this build of netpol is: its release version and the git commit it was built from.
public enum BuildInfo {
  /// The release version.
  public static let version = "0.2.0"

  /// The abbreviated git commit of the source tree (with `-dirty` when it had uncommitted
  /// changes), or `unknown` when it was built outside a git checkout.
  public static let commit = buildCommit

  /// `netpol 0.2.0 (commit 1a2b3c4d5e6f)`, as `--version` and the shell's `version` print it.
  public static var description: String { "netpol \(version) (commit \(commit))" }
}
