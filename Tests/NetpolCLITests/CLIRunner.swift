import Foundation

/// Runs the built `netpol` binary, as swift-argument-parser's `AssertExecuteCommand` does:
/// the binary is found next to the test bundle (SwiftPM builds it first because this test target
/// depends on it), runs in the repository root, and its output is captured through temporary
/// files so that large outputs cannot block on a full pipe.
///
/// - Parameters:
///   - args: The arguments after `netpol`.
///   - stdin: Text for standard input; `nil` connects it to `/dev/null`.
///   - environment: Variables added to (or replacing those of) the test process's environment.
///   - directory: The working directory; the repository root when `nil`.
/// - Returns: The exit status (128 + the signal number when killed by a signal) and the text
///   written to standard output and standard error.
func runNetpol(
  _ args: [String], stdin: String? = nil, environment: [String: String] = [:],
  in directory: URL? = nil
) throws -> (status: Int32, stdout: String, stderr: String) {
  let scratch = try makeTemporaryDirectory()
  defer { try? FileManager.default.removeItem(at: scratch) }
  let outURL = scratch.appendingPathComponent("stdout")
  let errURL = scratch.appendingPathComponent("stderr")
  let inURL = scratch.appendingPathComponent("stdin")
  try Data().write(to: outURL)
  try Data().write(to: errURL)
  try Data((stdin ?? "").utf8).write(to: inURL)

  let process = Process()
  process.executableURL = try CLIRunner.binary()
  process.arguments = args
  process.currentDirectoryURL = directory ?? CLIRunner.repositoryRoot
  process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  let output = try FileHandle(forWritingTo: outURL)
  let errors = try FileHandle(forWritingTo: errURL)
  process.standardOutput = output
  process.standardError = errors
  process.standardInput =
    stdin == nil ? FileHandle.nullDevice : try FileHandle(forReadingFrom: inURL)
  try process.run()
  process.waitUntilExit()
  try output.close()
  try errors.close()

  var status = process.terminationStatus
  if process.terminationReason == .uncaughtSignal { status += 128 }
  let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
  let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
  return (status, stdout, stderr)
}

/// A new empty directory under the system's temporary directory; the caller removes it.
func makeTemporaryDirectory(files: [String: String] = [:]) throws -> URL {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("netpol-cli-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  for (name, text) in files {
    try Data(text.utf8).write(to: directory.appendingPathComponent(name))
  }
  return directory
}

/// Where the tests find the binary and the repository's files.
enum CLIRunner {
  /// Why the binary could not be run.
  struct NotFound: Error, CustomStringConvertible {
    /// The places that were searched.
    var searched: [String]

    var description: String {
      "the netpol binary was not found; searched: " + searched.joined(separator: ", ")
        + " (build it with `swift build`, or set NETPOL_BINARY)"
    }
  }

  /// The repository root, three levels above this file (`Tests/NetpolCLITests/CLIRunner.swift`).
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A file of the repository, e.g. `examples/demo/cluster.yaml`.
  static func repositoryFile(_ path: String) -> URL {
    repositoryRoot.appendingPathComponent(path)
  }

  /// The text of a file of the repository.
  static func read(_ path: String) throws -> String {
    String(decoding: try Data(contentsOf: repositoryFile(path)), as: UTF8.self)
  }

  /// The built binary: `NETPOL_BINARY` if set, else `netpol` in the build folder holding the
  /// test bundle.
  static func binary() throws -> URL {
    var candidates: [URL] = []
    if let path = ProcessInfo.processInfo.environment["NETPOL_BINARY"], !path.isEmpty {
      candidates.append(URL(fileURLWithPath: path))
    }
    let bundle = Bundle.main.bundleURL
    let folder = bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle
    candidates.append(folder.appendingPathComponent("netpol"))
    let runner = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
    candidates.append(runner.appendingPathComponent("netpol"))
    if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }
    ) {
      return found
    }
    throw NotFound(searched: candidates.map(\.path))
  }
}
