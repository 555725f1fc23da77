import ArgumentParser
import NetpolModel

extension Netpol {
  /// The error for a first word (or the word after `help`) that names no command, or `nil`.
  static func typoMessage(_ arguments: [String]) -> String? {
    let names = configuration.subcommands.map { $0._commandName } + ["help"]
    var words = arguments
    if words.first == "help" { words.removeFirst() }
    guard let word = words.first, !word.hasPrefix("-"), !names.contains(word) else { return nil }
    let afterHelp = arguments.first == "help"
    let guess = EditDistance.closest(
      to: word.lowercased(), among: names.filter { $0 != "help" }, within: 2)
    guard guess != nil || afterHelp else { return nil }
    return "unknown command '\(word)'" + (guess.map { "; did you mean '\($0)'?" } ?? "")
      + " (netpol --help lists the commands)"
  }
}
