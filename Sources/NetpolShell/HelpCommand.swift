import NetpolViews

/// `help` and `help COMMAND`.
extension Interpreter {
  mutating func helpCommand(_ arguments: inout Arguments) throws(ShellError) {
    guard let word = arguments.peek else {
      print(Self.overview(style: Style(enabled: settings.colour)))
      return
    }
    _ = try arguments.next("a command")
    try arguments.expectEnd("help [COMMAND]")
    guard let command = CommandCatalog.command(named: word.text) else {
      throw ShellError("no command `\(word.text)` (help lists the commands)", at: word)
    }
    print(Self.help(for: command))
  }

  /// Every command with its summary, by group.
  static func overview(style: Style) -> String {
    var lines: [String] = []
    for group in CommandCatalog.groups {
      lines.append(style.bold(group + ":"))
      var table = TextTable()
      for command in CommandCatalog.all where command.group == group {
        table.add([command.name, command.summary])
      }
      lines.append(table.render(indent: "  "))
    }
    lines.append("help COMMAND explains one command; Tab completes; Ctrl-D leaves.")
    return lines.joined(separator: "\n")
  }

  /// The usage, explanation and examples of one command.
  static func help(for command: CommandSpec) -> String {
    var lines = command.usage.map { "usage: " + $0 }
    lines.append(command.summary)
    if !command.aliases.isEmpty {
      lines.append("aliases: " + command.aliases.joined(separator: ", "))
    }
    if !command.details.isEmpty {
      lines.append(command.details.split(separator: "\n").joined(separator: " "))
    }
    if !command.examples.isEmpty {
      lines.append("examples:")
      lines += command.examples.map { "  " + $0 }
    }
    return lines.joined(separator: "\n")
  }
}
