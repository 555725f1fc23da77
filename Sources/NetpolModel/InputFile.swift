#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.read
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.read
#endif

/// Why a file or standard input could not be read, worded for the user.
public enum InputFileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Nothing at the path.
  case noSuchFile
  /// The path goes through a loop of symbolic links.
  case symlinkLoop
  /// The path is a directory.
  case directory
  /// The path is a device or another special file that is not text.
  case notAFile(String)
  /// The reader may not open it.
  case permissionDenied
  /// More bytes than the limit.
  case tooLarge(limit: Int)
  /// A NUL byte: binary data, not text.
  case binary(offset: Int)
  /// Any other system error, with the system's words.
  case system(String)

  /// The problem in words, without the file name.
  public var description: String {
    switch self {
    case .noSuchFile: return "no such file"
    case .symlinkLoop: return "too many levels of symbolic links (a symbolic link loop)"
    case .directory: return "is a directory, not a file"
    case .notAFile(let kind): return "is a \(kind), not a regular file"
    case .permissionDenied: return "permission denied"
    case .tooLarge(let limit):
      return "is larger than \(limit >> 20) MB, the most netpol reads from one input"
    case .binary(let offset):
      return "is not text (a NUL byte at offset \(offset)); netpol reads UTF-8 text"
    case .system(let message): return message
    }
  }
}

/// The one way netpol reads a file or standard input: bounded in size, refusing directories
/// and devices, with every failure turned into an `InputFileError`.
public enum InputFile {
  /// The most bytes read from one input.
  public static let maxBytes = 512 << 20

  /// The bytes at `path` (`-` is standard input); FIFOs and pipes are read like files.
  public static func bytes(path: String, limit: Int = maxBytes) -> Result<[UInt8], InputFileError> {
    if path == "-" { return read(descriptor: 0, limit: limit) }
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { return .failure(error(errno)) }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return .failure(error(errno)) }
    switch info.st_mode & S_IFMT {
    case S_IFREG, S_IFIFO, S_IFSOCK: break
    case S_IFDIR: return .failure(.directory)
    case S_IFCHR: return .failure(.notAFile("character device"))
    case S_IFBLK: return .failure(.notAFile("block device"))
    default: return .failure(.notAFile("special file"))
    }
    // Opened without blocking so that a FIFO with no writer cannot hang the open; reads block.
    let flags = fcntl(descriptor, F_GETFL)
    if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
    return read(descriptor: descriptor, limit: limit)
  }

  /// The UTF-8 text at `path` (`-` is standard input), or a one-line diagnostic naming it.
  public static func text(path: String, limit: Int = maxBytes) -> Result<String, Diagnostic> {
    switch bytes(path: path, limit: limit) {
    case .success(let bytes): return TextDecoding.decode(bytes, file: path)
    case .failure(let problem): return .failure(diagnostic(problem, path: path))
    }
  }

  /// The UTF-8 text of `bytes` read from `file`, or a diagnostic at the first byte that is not
  /// UTF-8 (a UTF-16 or UTF-32 byte-order mark is named as such).
  public static func decode(_ bytes: [UInt8], file: String) -> Result<String, Diagnostic> {
    TextDecoding.decode(bytes, file: file)
  }

  /// `PATH: problem` (or `standard input: problem`) as a diagnostic without a place.
  public static func diagnostic(_ problem: InputFileError, path: String) -> Diagnostic {
    let name = path == "-" ? "standard input" : path
    return Diagnostic(location: nil, path: "", message: "\(name): \(problem)")
  }

  private static func read(descriptor: Int32, limit: Int) -> Result<[UInt8], InputFileError> {
    var result: [UInt8] = []
    var info = stat()
    if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 0 {
      if Int(info.st_size) > limit { return .failure(.tooLarge(limit: limit)) }
      result.reserveCapacity(Int(info.st_size) + 1)
    }
    let chunk = 1 << 16
    var checked = 0
    while true {
      if result.count > limit { return .failure(.tooLarge(limit: limit)) }
      let start = result.count
      result.reserveCapacity(start + chunk)
      var got = 0
      var failure: Int32 = 0
      result.append(contentsOf: repeatElement(0, count: chunk))
      result.withUnsafeMutableBufferPointer { buffer in
        while true {
          let count = systemRead(descriptor, buffer.baseAddress! + start, chunk)
          if count < 0 && errno == EINTR { continue }
          if count < 0 { failure = errno } else { got = count }
          return
        }
      }
      result.removeLast(chunk - got)
      if failure != 0 { return .failure(error(failure)) }
      if got == 0 { return .success(result) }
      // A NUL byte is never valid in YAML or JSON text: stop at once (e.g. on /dev/zero), unless
      // a UTF-16 or UTF-32 byte-order mark says the text is wide (decoding refuses it then).
      if let found = result[checked...].firstIndex(of: 0), !hasWideMark(result) {
        return .failure(.binary(offset: found))
      }
      checked = result.count
    }
  }

  private static func hasWideMark(_ bytes: [UInt8]) -> Bool {
    bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
      || bytes.starts(with: [0, 0, 0xFE, 0xFF])
  }

  private static func error(_ code: Int32) -> InputFileError {
    switch code {
    case ENOENT, ENOTDIR: return .noSuchFile
    case ELOOP: return .symlinkLoop
    case EISDIR: return .directory
    case EACCES, EPERM: return .permissionDenied
    default: return .system(String(cString: strerror(code)))
    }
  }
}
