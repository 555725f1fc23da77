import Foundation
import Testing

/// Runs `netpol` with standard input opened on `path` (a directory, a device, a file).
private func runNetpol(_ args: [String], stdinFrom path: String) throws -> (
  status: Int32, stdout: String, stderr: String
) {
  let scratch = try makeTemporaryDirectory()
  defer { try? FileManager.default.removeItem(at: scratch) }
  let outURL = scratch.appendingPathComponent("stdout")
  let errURL = scratch.appendingPathComponent("stderr")
  try Data().write(to: outURL)
  try Data().write(to: errURL)
  let process = Process()
  process.executableURL = try CLIRunner.binary()
  process.arguments = args
  process.currentDirectoryURL = CLIRunner.repositoryRoot
  let output = try FileHandle(forWritingTo: outURL)
  let errors = try FileHandle(forWritingTo: errURL)
  let descriptor = open(path, O_RDONLY)
  guard descriptor >= 0 else { throw CocoaError(.fileReadNoPermission) }
  let input = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
  process.standardOutput = output
  process.standardError = errors
  process.standardInput = input
  try process.run()
  process.waitUntilExit()
  try output.close()
  try errors.close()
  var status = process.terminationStatus
  if process.terminationReason == .uncaughtSignal { status += 128 }
  return (
    status, String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
    String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
  )
}

@Suite("Standard input that is not text ends with a one-line error, never a crash or a hang")
struct StandardInputFaultTests {
  @Test("a directory on standard input")
  func directory() throws {
    let result = try runNetpol(["validate", "-f", "-"], stdinFrom: "/")
    #expect(result.status == 1, "\(result.stderr)")
    #expect(
      result.stderr
        == "standard input: is a directory, not a file\nnetpol validate: 1 problem found\n")
  }

  @Test("an endless stream of NUL bytes is refused at the first one")
  func endlessZeros() throws {
    let result = try runNetpol(["validate", "-f", "-"], stdinFrom: "/dev/zero")
    #expect(result.status == 1, "\(result.stderr)")
    #expect(
      result.stderr
        == "standard input: is not text (a NUL byte at offset 0); netpol reads UTF-8 text\n"
        + "netpol validate: 1 problem found\n")
  }
}

@Suite("Files that cannot be read are named for what they are")
struct FileFaultTests {
  @Test("a symbolic link loop is reported as a loop, not as a missing file")
  func symlinkLoop() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let a = directory.appendingPathComponent("a.yaml").path
    let b = directory.appendingPathComponent("b.yaml").path
    try FileManager.default.createSymbolicLink(atPath: a, withDestinationPath: b)
    try FileManager.default.createSymbolicLink(atPath: b, withDestinationPath: a)
    let result = try runNetpol(["validate", "-f", a])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "\(a): too many levels of symbolic links (a symbolic link loop)\n"
        + "netpol validate: 1 problem found\n")
  }

  @Test("run on a device and on a directory says what the path is")
  func runOnSpecialPaths() throws {
    let device = try runNetpol(["run", "/dev/zero"])
    #expect(device.status == 1)
    #expect(
      device.stderr
        == "/dev/zero: cannot read the script: is a character device, not a regular file\n")
    let directory = try runNetpol(["run", "."])
    #expect(directory.status == 1)
    #expect(directory.stderr == ".: cannot read the script: is a directory, not a file\n")
  }

  @Test("a UTF-32 file is called UTF-32")
  func utf32() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("wide.yaml")
    // UTF-32LE: the byte-order mark FF FE 00 00, then each character in four bytes.
    var bytes: [UInt8] = [0xFF, 0xFE, 0, 0]
    for scalar in "kind: Pod\n".unicodeScalars {
      bytes += [UInt8(scalar.value), 0, 0, 0]
    }
    try Data(bytes).write(to: file)
    let result = try runNetpol(["validate", "-f", file.path])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("the file is UTF-32; netpol reads UTF-8 only"), "\(result.stderr)")
  }
}
