import NetpolModel

/// Session control: `set`, `history`, `undo`, `redo`, `quit`.
extension Interpreter {
  mutating func setCommand(_ arguments: inout Arguments, line: String) throws(ShellError) {
    let what = try arguments.expect(
      oneOf: ["preview", "colour", "color", "namespace", "cilium-version", "fqdn-cache"],
      after: "set")
    if what == "cilium-version" { return try setCiliumVersionCommand(&arguments, line: line) }
    if what == "fqdn-cache" { return try setFQDNCacheCommand(&arguments, line: line) }
    if what == "namespace" {
      let value = try arguments.next("a namespace")
      try arguments.expectEnd("set namespace NS")
      if let problem = Validation.dns1123Label(value.text) {
        throw ShellError("invalid namespace `\(value.text)`: \(problem)", at: value)
      }
      settings.namespace = value.text
      print("new policies go to namespace \(value.text)")
      return
    }
    let value = try arguments.expect(oneOf: ["on", "off"], after: "set \(what)")
    try arguments.expectEnd("set \(what) on|off")
    if what == "preview" {
      settings.preview = value == "on"
    } else {
      settings.colour = value == "on"
    }
    print("\(what) \(value)")
  }

  mutating func historyCommand(_ arguments: inout Arguments) throws(ShellError) {
    try arguments.expectEnd("history")
    let width = String(history.count).count
    for (index, entry) in history.enumerated() {
      let number = String(index + 1)
      print(String(repeating: " ", count: width - number.count) + number + "  " + entry)
    }
  }

  mutating func undoCommand(_ arguments: inout Arguments) throws(ShellError) {
    try arguments.expectEnd("undo")
    guard let step = session.undoStack.last else { throw ShellError("nothing to undo") }
    let preview = try previewOrInterrupt(from: step.after, to: step.before)
    _ = session.undo()
    print("undid: \(step.command)")
    for line in preview { print(line) }
  }

  mutating func redoCommand(_ arguments: inout Arguments) throws(ShellError) {
    try arguments.expectEnd("redo")
    guard let step = session.redoStack.last else { throw ShellError("nothing to redo") }
    let preview = try previewOrInterrupt(from: step.before, to: step.after)
    _ = session.redo()
    print("redid: \(step.command)")
    for line in preview { print(line) }
  }

  mutating func quitCommand(_ arguments: inout Arguments) throws(ShellError) -> QuitRequest {
    if arguments.take("--force") != nil || arguments.take("-f") != nil {
      try arguments.expectEnd("quit [--force]")
      return .force
    }
    try arguments.expectEnd("quit [--force]")
    return .ask
  }
}
