#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Replaces files atomically: the new text goes to a temporary file next to the target, is
/// flushed to disk and renamed over it, so readers see the old file or the new one, never a
/// half-written one.
///
/// Symbolic links are followed (the file they point to is replaced, the link stays); anything
/// that is not a regular file (a directory, FIFO, device or socket) is refused, as is a dangling
/// link. A new file gets the usual permissions (0666 less the umask); a replaced one keeps its
/// own. If SIGINT, SIGTERM or SIGHUP arrives while the temporary file exists, it is removed before
/// the signal takes its course.
public enum AtomicFile {
  /// What identifies one version of a file: device, inode, size, and change times.
  public struct Snapshot: Sendable, Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: [Int]
    var changed: [Int]

    /// The state of the file at `path` (after following links), or nil if it cannot be read.
    public init?(path: String) {
      var info = stat()
      guard stat(path, &info) == 0 else { return nil }
      device = UInt64(info.st_dev)
      inode = UInt64(info.st_ino)
      size = Int64(info.st_size)
      #if canImport(Glibc)
        modified = [info.st_mtim.tv_sec, info.st_mtim.tv_nsec]
        changed = [info.st_ctim.tv_sec, info.st_ctim.tv_nsec]
      #else
        modified = [info.st_mtimespec.tv_sec, info.st_mtimespec.tv_nsec]
        changed = [info.st_ctimespec.tv_sec, info.st_ctimespec.tv_nsec]
      #endif
    }
  }

  /// Replaces the file at `path` with `text`.
  ///
  /// - Parameters:
  ///   - unchanged: The file's state when it was read; if it differs now, nothing is written.
  ///   - skipIfSame: When true and the file already holds exactly `text`, nothing is written.
  /// - Returns: Whether the file was written.
  @discardableResult
  public static func replace(
    _ path: String, with text: String, unchanged: Snapshot? = nil, skipIfSame: Bool = false
  ) throws(WriteError) -> Bool {
    let target = try resolve(path)
    var info = stat()
    let exists = stat(target, &info) == 0
    if exists {
      guard (info.st_mode & S_IFMT) == S_IFREG else {
        throw WriteError(
          "not a regular file (\(kindName(info.st_mode))); netpol only replaces "
            + "regular files")
      }
    }
    if let unchanged, Snapshot(path: target) != unchanged {
      throw WriteError("changed since netpol read it; nothing was written, run the command again")
    }
    if skipIfSame, exists, Int(info.st_size) == text.utf8.count, contents(of: target) == text {
      return false
    }
    let directory = target.lastIndex(of: "/").map { String(target[..<$0]) } ?? "."
    let name =
      target.lastIndex(of: "/").map { String(target[target.index(after: $0)...]) }
      ?? target
    SignalCleanup.prepare()
    defer { SignalCleanup.restore() }
    guard
      let (descriptor, temporary) = SignalCleanup.makeTemporary(
        "\(directory)/.\(name).netpol-XXXXXX")
    else {
      throw WriteError("cannot create a temporary file next to it", code: errno)
    }
    func abandon(_ error: WriteError) -> WriteError {
      close(descriptor)
      unlink(temporary)
      SignalCleanup.forget()
      return error
    }
    if exists {
      _ = fchown(descriptor, info.st_uid, info.st_gid)
      _ = fchmod(descriptor, info.st_mode & 0o7777)
    } else {
      let mask = umask(0)
      umask(mask)
      _ = fchmod(descriptor, 0o666 & ~mask)
    }
    do {
      try OutputWriter.write(text, to: descriptor)
    } catch {
      throw abandon(WriteError("cannot write the new text", code: error.code))
    }
    if SignalCleanup.interrupted { throw abandon(WriteError("interrupted; nothing was written")) }
    guard fsync(descriptor) == 0 else {
      throw abandon(WriteError("cannot flush the new text to disk", code: errno))
    }
    guard close(descriptor) == 0 else {
      let code = errno
      unlink(temporary)
      SignalCleanup.forget()
      throw WriteError("cannot write the new text", code: code)
    }
    if let unchanged, Snapshot(path: target) != unchanged {
      unlink(temporary)
      SignalCleanup.forget()
      throw WriteError("changed since netpol read it; nothing was written, run the command again")
    }
    guard rename(temporary, target) == 0 else {
      let code = errno
      unlink(temporary)
      SignalCleanup.forget()
      throw WriteError("cannot replace the file", code: code)
    }
    SignalCleanup.forget()
    let directoryDescriptor = open(directory.isEmpty ? "/" : directory, O_RDONLY)
    if directoryDescriptor >= 0 {
      _ = fsync(directoryDescriptor)
      close(directoryDescriptor)
    }
    return true
  }

  /// The file `path` names after following symbolic links; for a path that does not exist yet,
  /// the path itself (its directory must exist).
  static func resolve(_ path: String) throws(WriteError) -> String {
    if let resolved = realpath(path, nil) {
      defer { free(resolved) }
      return String(cString: resolved)
    }
    let code = errno
    var info = stat()
    if code == ENOENT, lstat(path, &info) == 0 {
      throw WriteError(
        "a symbolic link to a file that does not exist; netpol does not create "
          + "files through dangling links")
    }
    if code == ENOENT {
      let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
      if directory.isEmpty || realpath(directory, nil).map({ free($0) }) != nil { return path }
      throw WriteError("cannot write into \(directory.isEmpty ? "/" : directory)", code: errno)
    }
    throw WriteError("cannot write there", code: code)
  }

  /// `a FIFO`, `a character device`...: what a file that is not a regular one is.
  static func kindName(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFDIR: return "a directory"
    case S_IFIFO: return "a FIFO"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    case S_IFSOCK: return "a socket"
    default: return "a special file"
    }
  }

  /// The text of the regular file at `path`, or nil if it cannot be read as UTF-8.
  static func contents(of path: String) -> String? {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count < 0 { return nil }
      if count == 0 { break }
      bytes += buffer[..<count]
    }
    return String(validating: bytes, as: UTF8.self)
  }
}
