import ArgumentParser

extension Netpol {
  /// Runs the command line; a misspelt command (`netpol matrx`, `netpol help matrx`) gets a
  /// "did you mean" line and the usage exit status instead of the top-level help.
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let message = typoMessage(arguments) {
      CLIOutput.error("netpol: \(message)")
      Netpol.exit(withError: ExitStatus.usage)
    }
    Netpol.main(nil)
  }

  /// The error for a first word (or the word after `help`) that names no command, or `nil`.
  static func typoMessage(_ arguments: [String]) -> String? {
    let names = configuration.subcommands.map { $0._commandName } + ["help"]
    var words = arguments
    if words.first == "help" { words.removeFirst() }
    guard let word = words.first, !word.hasPrefix("-"), !names.contains(word) else { return nil }
    let afterHelp = arguments.first == "help"
    let guess = names.filter { $0 != "help" }.map { ($0, distance($0, word.lowercased())) }
      .filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    guard guess != nil || afterHelp else { return nil }
    return "unknown command '\(word)'" + (guess.map { "; did you mean '\($0)'?" } ?? "")
      + " (netpol --help lists the commands)"
  }

  /// Levenshtein distance between two words.
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
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
}
