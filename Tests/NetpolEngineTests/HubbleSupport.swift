import NetpolEngine
import NetpolModel
import NetpolViews

extension World {
  /// The Hubble lines of `from -> to`, as `explain --hubble` prints them.
  func hubble(
    _ from: String, _ to: String, _ port: Int? = 80, _ proto: FlowProtocol = .tcp,
    icmpType: Int? = nil, method: String? = nil, path: String? = nil
  ) -> [String] {
    HubbleRenderer(engine: engine).lines(
      for: explain(from, to, port, proto, icmpType: icmpType, method: method, path: path))
  }
}
