#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why output could not be written, with a message meant for the user.
public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What failed, e.g. `cannot write the new text`, or the whole reason when `code` is 0.
  public var action: String
  /// The system's error number (`errno`), or 0 when the reason is not a system error.
  public var code: Int32

  /// Creates an error.
  public init(_ action: String, code: Int32 = 0) {
    self.action = action
    self.code = code
  }

  /// Whether the reader of a pipe went away (`EPIPE`): not worth a message.
  public var isClosedPipe: Bool { code == EPIPE }

  /// `action: system reason`, e.g. `cannot write: No space left on device`.
  public var description: String {
    code == 0 ? action : "\(action): \(String(cString: strerror(code)))"
  }
}

/// Writes bytes to file descriptors: every write of netpol's output (standard output, standard
/// error and files) ends here, so that a failed write is an error to report and never a crash.
public enum OutputWriter {
  /// The standard output descriptor.
  public static let standardOutput: Int32 = 1
  /// The standard error descriptor.
  public static let standardError: Int32 = 2

  /// Writes all of `text` to `descriptor`, retrying interrupted and partial writes.
  public static func write(_ text: String, to descriptor: Int32) throws(WriteError) {
    var text = text
    let failure = text.withUTF8 { buffer -> WriteError? in
      do {
        try write(UnsafeRawBufferPointer(buffer), to: descriptor)
        return nil
      } catch {
        return error as? WriteError ?? WriteError("cannot write", code: EIO)
      }
    }
    if let failure { throw failure }
  }

  /// Writes all of `bytes` to `descriptor`, retrying interrupted and partial writes.
  public static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws(WriteError)
  {
    var offset = 0
    while offset < bytes.count {
      let count = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
      if count < 0 {
        if errno == EINTR { continue }
        throw WriteError("cannot write", code: errno)
      }
      if count == 0 { throw WriteError("cannot write", code: EIO) }
      offset += count
    }
  }

  private static func systemWrite(_ descriptor: Int32, _ base: UnsafeRawPointer, _ count: Int)
    -> Int
  {
    #if canImport(Glibc)
      Glibc.write(descriptor, base, count)
    #else
      Darwin.write(descriptor, base, count)
    #endif
  }
}
