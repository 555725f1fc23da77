import NetpolModel

extension Interpreter {
  /// `lesson`, `lesson NAME`, `lesson run NAME`, `lesson restart`, `lesson stop`.
  mutating func lessonCommand(_ arguments: inout Arguments) throws(ShellError) {
    let lessons = Lesson.builtIn()
    if arguments.isAtEnd, let current = currentLessonText() {
      print(current)
      return
    }
    if arguments.isAtEnd {
      var lines = ["lessons (lesson NAME to follow one, lesson run NAME to watch it run):"]
      let width = lessons.map(\.name.count).max() ?? 0
      for lesson in lessons {
        let scenario = lesson.scenario.map { " (\($0))" } ?? ""
        lines.append(
          "  " + lesson.name + String(repeating: " ", count: width - lesson.name.count) + "  "
            + lesson.title + scenario)
      }
      print(lines.joined(separator: "\n"))
      return
    }
    let first = try arguments.next("a lesson name")
    if first.isKeyword("stop") {
      try arguments.expectEnd("lesson stop")
      try stopLesson()
      return
    }
    if first.isKeyword("restart") {
      try arguments.expectEnd("lesson restart")
      try restartLessonStep()
      return
    }
    let unattended = first.isKeyword("run")
    let nameToken = unattended ? try arguments.next("a lesson name") : first
    try arguments.expectEnd(unattended ? "lesson run NAME" : "lesson NAME")
    guard let lesson = lessons.first(where: { $0.name == nameToken.text }) else {
      throw ShellError(
        "unknown lesson `\(nameToken.text)` (\(lessons.map(\.name).joined(separator: ", ")))",
        at: nameToken)
    }
    if unattended {
      let (setup, results) = LessonRunner.run(lesson)
      var lines = ["lesson \(lesson.name): \(lesson.title)"]
      lines += setup.map { "setup problem: \($0)" }
      for (index, (step, result)) in zip(lesson.steps, results).enumerated() {
        lines.append("")
        lines.append("step \(index + 1): \(step.text.trimmingBlanks())")
        lines.append("netpol> \(result.command)")
        lines.append(result.output.trimmingBlanks())
        lines.append(
          result.problems.isEmpty
            ? "check: ok" : "check FAILED: " + result.problems.joined(separator: "; "))
      }
      print(lines.joined(separator: "\n"))
      return
    }
    try startLesson(lesson)
    print(
      "lesson \(lesson.name): \(lesson.title) (in a session of its own; lesson stop returns to "
        + "yours)")
    print(stepText(lesson, 0))
  }

  /// The text of step `index` and the command to try.
  func stepText(_ lesson: Lesson, _ index: Int) -> String {
    "\nstep \(index + 1)/\(lesson.steps.count): \(lesson.steps[index].text.trimmingBlanks())\n"
      + "  try: \(lesson.steps[index].command)"
  }

  /// The outcome with the lesson's progress appended to its output.
  mutating func withLessonProgress(_ line: String, _ outcome: CommandOutcome) -> CommandOutcome {
    var result = outcome
    result.output += lessonProgress(line: line, outcome: outcome)
    return result
  }

  /// After a command while a lesson runs: checks the current step and prints the next one.
  mutating func lessonProgress(line: String, outcome: CommandOutcome) -> String {
    guard var active = teaching.lesson, line.trimmingBlanks() != "",
      !line.trimmingBlanks().hasPrefix("lesson")
    else { return "" }
    let step = active.lesson.steps[active.step]
    let problems = LessonRunner.check(step, outcome: outcome)
    guard problems.isEmpty else {
      let hint = step.hint?.trimmingBlanks() ?? "this step waits for its command to work"
      if line.trimmingBlanks() == step.command {
        return "lesson: \(hint) (lesson restart starts the step again)\n"
      }
      // Looking around (matrix, show, explain) is welcome; a change or an error gets the hint.
      guard outcome.error != nil || session.state != active.stepStart.state else { return "" }
      return "lesson: still on step \(active.step + 1): \(hint); try: \(step.command)\n"
    }
    active.step += 1
    if active.step == active.lesson.steps.count {
      teaching.lesson = nil
      return "\nlesson \(active.lesson.name) done. `lesson stop` returns to your session; "
        + "`lesson` lists the others.\n"
    }
    active.stepStart = session
    teaching.lesson = active
    return stepText(active.lesson, active.step) + "\n"
  }
}
