/// How far apart two words are, for "did you mean" suggestions.
public enum EditDistance {
  /// The Levenshtein distance between `a` and `b`: the fewest insertions, deletions and
  /// substitutions of characters that turn one into the other.
  public static func between(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      previous = current
    }
    return previous[b.count]
  }

  /// The candidate nearest to `word`, if it is at most `maxDistance` away; on a tie, the one that
  /// comes first in `candidates`.
  public static func closest(
    to word: String, among candidates: [String], within maxDistance: Int
  ) -> String? {
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let distance = between(candidate, word)
      if distance <= maxDistance, distance < (best?.distance ?? Int.max) {
        best = (candidate, distance)
      }
    }
    return best?.candidate
  }
}
