import NetpolModel

/// A guided lesson: setup commands, then steps of text, a command to try and a check of its
/// outcome. Lessons are data files (`docs/lessons/*.yaml`).
public struct Lesson: Sendable, Equatable {
  /// One step.
  public struct Step: Sendable, Equatable {
    /// What to read before trying the command.
    public var text: String
    /// The command to try.
    public var command: String
    /// Texts the command's output must contain.
    public var expect: [String]
    /// Texts the command's output must not contain.
    public var reject: [String]
    /// What to tell a learner whose command did not pass the check.
    public var hint: String?
  }

  /// The name `lesson NAME` takes.
  public var name: String
  /// A one-line title.
  public var title: String
  /// A short note shown after the title in the lesson list, if any.
  public var scenario: String?
  /// Commands that prepare the cluster (run quietly before the first step).
  public var setup: [String]
  /// The steps.
  public var steps: [Step]

  /// Reads a lesson file; `file` names it in errors.
  public static func parse(_ text: String, file: String) throws(ShellError) -> Lesson {
    let node: YAMLNode
    switch YAMLInput.parseSingle(text: text, file: file, options: .init(aliasesAllowed: false)) {
    case .success(let root): node = root
    case .failure(let problem): throw ShellError(problem.description)
    }
    guard let root = node.mapping else { throw ShellError("\(file): a lesson is a mapping") }
    func string(_ mapping: YAMLMapping, _ key: String, required: Bool = true) throws(ShellError)
      -> String?
    {
      guard let value = mapping[key] else {
        if required { throw ShellError("\(file): missing `\(key)`") }
        return nil
      }
      guard let scalar = value.scalar?.string else {
        throw ShellError("\(file): `\(key)` must be text")
      }
      return scalar
    }
    func strings(_ mapping: YAMLMapping, _ key: String) throws(ShellError) -> [String] {
      guard let value = mapping[key] else { return [] }
      if let scalar = value.scalar?.string { return [scalar] }
      guard let sequence = value.sequence else {
        throw ShellError("\(file): `\(key)` must be a list of texts")
      }
      var result: [String] = []
      for item in sequence {
        guard let scalar = item.scalar?.string else {
          throw ShellError("\(file): `\(key)` must be a list of texts")
        }
        result.append(scalar)
      }
      return result
    }
    var steps: [Step] = []
    for (index, item) in (root["steps"]?.sequence?.items ?? []).enumerated() {
      guard let mapping = item.mapping else {
        throw ShellError("\(file): steps[\(index)] must be a mapping")
      }
      steps.append(
        Step(
          text: try string(mapping, "text") ?? "", command: try string(mapping, "command") ?? "",
          expect: try strings(mapping, "expect"), reject: try strings(mapping, "reject"),
          hint: try string(mapping, "hint", required: false)))
    }
    guard !steps.isEmpty else { throw ShellError("\(file): a lesson needs `steps`") }
    return Lesson(
      name: try string(root, "name") ?? "", title: try string(root, "title") ?? "",
      scenario: try string(root, "scenario", required: false), setup: try strings(root, "setup"),
      steps: steps)
  }

  /// The lessons compiled into the binary (`docs/lessons/*.yaml`), in teaching order.
  public static func builtIn() -> [Lesson] {
    builtInTexts.compactMap { file, text in try? parse(text, file: file) }
  }

  /// The lesson files' names and texts, in teaching order.
  public static var builtInTexts: [(String, String)] {
    [
      ("label-the-client.yaml", PackageResources.label_the_client_yaml),
      ("dns-under-egress-isolation.yaml", PackageResources.dns_under_egress_isolation_yaml),
      ("cilium-fqdn-and-empty-rules.yaml", PackageResources.cilium_fqdn_and_empty_rules_yaml),
      ("and-vs-or-selectors.yaml", PackageResources.and_vs_or_selectors_yaml),
    ].map { ($0.0, String(decoding: $0.1, as: UTF8.self)) }
  }
}

/// The lesson being followed in the shell, and the step reached.
public struct ActiveLesson: Sendable, Equatable {
  /// The lesson.
  public var lesson: Lesson
  /// The index of the step to do next.
  public var step: Int
  /// The lesson's session as it was when this step began (`lesson restart` returns to it).
  public var stepStart: Session
}

/// The outcome of checking one step.
public struct LessonStepResult: Sendable, Equatable {
  /// The step's command.
  public var command: String
  /// Its output (or error message).
  public var output: String
  /// Why the check failed; empty when it passed.
  public var problems: [String]
}

/// Runs lessons unattended: each step's command in a fresh session, checked against the step.
public enum LessonRunner {
  /// Why a step's outcome fails its check (empty = passes).
  public static func check(_ step: Lesson.Step, outcome: CommandOutcome) -> [String] {
    var problems: [String] = []
    let text = outcome.output + (outcome.error.map { "error: \($0.message)\n" } ?? "")
    if let error = outcome.error, !step.expect.contains(where: { error.message.contains($0) }) {
      problems.append("the command failed: \(error.message)")
    }
    for wanted in step.expect where !text.contains(wanted) {
      problems.append("expected the output to contain `\(wanted)`")
    }
    for unwanted in step.reject where text.contains(unwanted) {
      problems.append("expected the output not to contain `\(unwanted)`")
    }
    return problems
  }

  /// Runs the setup and every step in a new interpreter; one result per step.
  public static func run(_ lesson: Lesson) -> (setup: [String], steps: [LessonStepResult]) {
    var interpreter = Interpreter()
    var setupProblems: [String] = []
    for command in lesson.setup {
      let outcome = interpreter.execute(command)
      if let error = outcome.error { setupProblems.append("\(command): \(error.message)") }
    }
    let results = lesson.steps.map { step in
      let outcome = interpreter.execute(step.command)
      return LessonStepResult(
        command: step.command,
        output: outcome.output + (outcome.error.map { "error: \($0.message)\n" } ?? ""),
        problems: check(step, outcome: outcome))
    }
    return (setupProblems, results)
  }
}
