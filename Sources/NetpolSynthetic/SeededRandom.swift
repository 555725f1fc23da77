import Foundation

/// A deterministic random source (SplitMix64) with the draws the cluster generator needs.
struct SeededRandom {
  /// The generator state.
  var state: UInt64

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }

  /// A number in `0..<1`.
  mutating func unit() -> Double {
    Double(next() >> 11) / Double(UInt64(1) << 53)
  }

  /// An integer in `range`.
  mutating func int(_ range: Range<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(max(1, range.count)))
  }

  /// One of `values`.
  mutating func pick<T>(_ values: [T]) -> T { values[int(0..<values.count)] }

  /// One of `values`, each drawn in proportion to its weight.
  mutating func weighted<T>(_ values: [(T, Double)]) -> T {
    let total = values.reduce(0) { $0 + $1.1 }
    var point = unit() * total
    for (value, weight) in values {
      if point < weight { return value }
      point -= weight
    }
    return values[values.count - 1].0
  }

  /// `count` distinct elements of `values`, in draw order.
  mutating func sample<T>(_ values: [T], _ count: Int) -> [T] {
    var pool = values
    var result: [T] = []
    for _ in 0..<min(count, pool.count) { result.append(pool.remove(at: int(0..<pool.count))) }
    return result
  }

  /// `values` in a random order.
  mutating func shuffled<T>(_ values: [T]) -> [T] { sample(values, values.count) }

  /// A log-normal draw: `exp(mu + sigma * N(0, 1))` (Box–Muller).
  mutating func logNormal(_ mu: Double, _ sigma: Double) -> Double {
    let u1 = max(unit(), 1e-12)
    let u2 = unit()
    return exp(mu + sigma * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
  }

  /// `count` characters of the alphabet Kubernetes uses for generated name suffixes.
  mutating func suffix(_ count: Int) -> String {
    let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
    return String((0..<count).map { _ in alphabet[int(0..<alphabet.count)] })
  }
}
