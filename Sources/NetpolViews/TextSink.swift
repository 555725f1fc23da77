/// Where rendered text goes: standard output, a file, or a string in tests. Renderers write
/// pieces as soon as they have them; a sink may buffer them.
public protocol TextSink: AnyObject {
  /// Appends `text` to the output.
  func write(_ text: String)
}

/// A sink that keeps everything written in a string.
public final class StringSink: TextSink {
  /// All text written so far.
  public private(set) var text = ""

  /// An empty sink.
  public init() {}

  /// Appends `text`.
  public func write(_ text: String) { self.text += text }
}

/// A sink that collects text in chunks of about `capacity` bytes and hands each full chunk to
/// `flush`, so that output leaves in a few large writes while memory stays bounded.
public final class ChunkedSink: TextSink {
  private var buffer = ""
  private let capacity: Int
  private let flush: (String) -> Void

  /// A sink handing chunks of about `capacity` bytes to `flush`.
  public init(capacity: Int = 1 << 16, flush: @escaping (String) -> Void) {
    self.capacity = capacity
    self.flush = flush
  }

  /// Appends `text`, handing on the buffer once it is full.
  public func write(_ text: String) {
    buffer += text
    if buffer.utf8.count >= capacity { drain() }
  }

  /// Hands on whatever is buffered.
  public func drain() {
    guard !buffer.isEmpty else { return }
    flush(buffer)
    buffer = ""
  }

  deinit { drain() }
}
