import Foundation
import NetpolModel
import Testing

@testable import NetpolShell

/// The guided lessons: data files in docs/lessons, compiled in, each run end to end.
@Suite("Every lesson runs unattended and each step passes its check")
struct LessonTests {
  @Test("the built-in lessons are exactly the files of docs/lessons, byte for byte")
  func filesMatch() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let folder = root.appendingPathComponent("docs/lessons")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(names == Lesson.builtInTexts.map(\.0).sorted())
    for (name, text) in Lesson.builtInTexts {
      let onDisk = String(
        decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
      #expect(onDisk == text, "\(name) differs from the compiled-in copy")
    }
    #expect(Lesson.builtIn().count == names.count, "a lesson file does not parse")
  }

  @Test("the lessons cover labels, DNS under isolation, Cilium FQDN and AND vs OR selectors")
  func coverage() {
    let names = Lesson.builtIn().map(\.name)
    #expect(
      names == [
        "label-the-client", "dns-under-egress-isolation", "cilium-fqdn-and-empty-rules",
        "and-vs-or-selectors",
      ])
  }

  @Test("each lesson's setup and steps pass", arguments: Lesson.builtIn().map(\.name))
  func runs(name: String) throws {
    let lesson = try #require(Lesson.builtIn().first { $0.name == name })
    let (setup, results) = LessonRunner.run(lesson)
    #expect(setup.isEmpty, "\(setup)")
    for (index, result) in results.enumerated() {
      #expect(
        result.problems.isEmpty,
        "\(name) step \(index + 1) `\(result.command)`: \(result.problems)\n\(result.output)")
    }
  }

  @Test("every step has a hint in the lesson's own words")
  func hints() {
    for lesson in Lesson.builtIn() {
      for (index, step) in lesson.steps.enumerated() {
        #expect(step.hint?.isEmpty == false, "\(lesson.name) step \(index + 1) has no hint")
      }
    }
  }
}

/// The clusters a learner may start a lesson on: the bundled demo cluster (what `netpol shell`
/// opens), and one that already holds every pod, namespace and external name the lessons add.
enum LessonClusters {
  /// The demo cluster's state.
  static func demo() throws -> SessionState {
    SessionState(inventory: try DemoCluster.inventory().get())
  }

  /// A state with every lesson's setup already applied, plus a policy of the user's own.
  static func crowded() -> SessionState {
    var shell = Interpreter()
    for lesson in Lesson.builtIn() {
      for command in lesson.setup where !command.hasPrefix("use ") {
        _ = shell.execute(command)
      }
    }
    _ = shell.execute("policy mine -n demo")
    _ = shell.execute("allow ingress from all")
    return shell.state
  }

  /// Both, named.
  static func all() throws -> [(String, SessionState)] {
    [("the demo cluster", try demo()), ("a cluster with the lessons' pods", crowded())]
  }
}

@Suite("A lesson runs in a session of its own and lesson stop gives the user's session back")
struct LessonSessionTests {
  @Test(
    "every lesson, typed step by step, passes each step and restores the session",
    arguments: Lesson.builtIn().map(\.name))
  func stepByStep(name: String) throws {
    let lesson = try #require(Lesson.builtIn().first { $0.name == name })
    for (cluster, state) in try LessonClusters.all() {
      var shell = Interpreter(state: state)
      _ = shell.execute("connect demo/client demo/server:80")
      let before = shell.session
      let connections = shell.teaching.connections
      let start = shell.execute("lesson \(name)")
      #expect(start.error == nil, "\(cluster): \(start.error?.message ?? "")")
      #expect(start.output.contains("step 1/\(lesson.steps.count)"), "\(cluster)")
      for (index, step) in lesson.steps.enumerated() {
        let outcome = shell.execute(step.command)
        let next =
          index + 1 == lesson.steps.count
          ? "lesson \(name) done" : "step \(index + 2)/\(lesson.steps.count)"
        #expect(
          outcome.output.contains(next),
          "\(cluster): step \(index + 1) `\(step.command)` did not advance:\n\(outcome.output)")
      }
      let stop = shell.execute("lesson stop")
      #expect(stop.output.contains("your session is back"), "\(cluster)")
      #expect(shell.session == before, "\(cluster): the session was not given back exactly")
      #expect(shell.teaching.connections == connections, "\(cluster)")
    }
  }

  @Test(
    "every lesson runs unattended on the demo cluster and on one with its pods",
    arguments: Lesson.builtIn().map(\.name))
  func unattended(name: String) throws {
    for (cluster, state) in try LessonClusters.all() {
      var shell = Interpreter(state: state)
      let outcome = shell.execute("lesson run \(name)")
      #expect(outcome.error == nil, "\(cluster)")
      #expect(!outcome.output.contains("FAILED"), "\(cluster):\n\(outcome.output)")
      #expect(!outcome.output.contains("setup problem"), "\(cluster):\n\(outcome.output)")
      #expect(shell.state == state, "\(cluster): lesson run changed the session")
    }
  }

  @Test("the user's unsaved policies still count while a lesson runs")
  func unsavedWork() throws {
    var shell = Interpreter(state: try LessonClusters.demo())
    _ = shell.execute("policy mine -n demo")
    _ = shell.execute("lesson and-vs-or-selectors")
    #expect(shell.state.policies.isEmpty)
    #expect(shell.unsavedPolicies == ["demo/mine"])
  }

  @Test("a lesson whose setup fails leaves the session as it was")
  func setupFailure() throws {
    var shell = Interpreter(state: try LessonClusters.demo())
    let before = shell.session
    let broken = Lesson(
      name: "broken", title: "Broken", scenario: nil, setup: ["pod add nonsense"],
      steps: [Lesson.Step(text: "t", command: "policies", expect: [], reject: [], hint: nil)])
    #expect(throws: ShellError.self) { try shell.startLesson(broken) }
    #expect(shell.session == before)
    #expect(shell.teaching.saved == nil)
  }
}

@Suite("A running lesson shows its step, restarts it and hints in its own words")
struct LessonGuidanceTests {
  @Test("lesson with a lesson running shows the current step and what to type")
  func current() {
    var shell = Interpreter()
    _ = shell.execute("lesson label-the-client")
    _ = shell.execute("connect demo/client demo/server:80")
    let shown = shell.execute("lesson").output
    #expect(shown.contains("step 2/7"))
    #expect(shown.contains("try: policy demo-policy -n demo"))
    #expect(!shown.contains("lessons (lesson NAME"))
  }

  @Test("lesson restart puts the lesson's session back to where the step began")
  func restart() {
    var shell = Interpreter()
    _ = shell.execute("lesson label-the-client")
    _ = shell.execute("connect demo/client demo/server:80")
    let atStep = shell.state
    _ = shell.execute("policy wrong -n demo")
    #expect(shell.state != atStep)
    let restarted = shell.execute("lesson restart").output
    #expect(shell.state == atStep)
    #expect(restarted.contains("step 2/7"))
    #expect(shell.execute("policy demo-policy -n demo").output.contains("step 3/7"))
  }

  @Test("a command that changes something else gets the step's hint, not the raw check")
  func hint() throws {
    var shell = Interpreter()
    _ = shell.execute("lesson label-the-client")
    _ = shell.execute("connect demo/client demo/server:80")
    let step = try #require(Lesson.builtIn().first?.steps[1])
    let output = shell.execute("policy other -n demo").output
    #expect(output.contains(try #require(step.hint)))
    #expect(output.contains("try: policy demo-policy -n demo"))
    #expect(!output.contains("expected the output"))
  }

  @Test("looking around (policies, matrix) does not nag")
  func lookingAround() {
    var shell = Interpreter()
    _ = shell.execute("lesson label-the-client")
    #expect(!shell.execute("policies").output.contains("lesson:"))
  }
}

@Suite("The egress: [{}] lesson builds the trap, shows it denies all egress, then fixes it")
struct EmptyEntryLessonTests {
  @Test("the empty entry is written as egress: [{}] and the tester loses all egress")
  func trap() throws {
    let lesson = try #require(Lesson.builtIn().first { $0.name == "cilium-fqdn-and-empty-rules" })
    let commands = lesson.steps.map(\.command)
    let trap = try #require(commands.firstIndex(of: "allow egress to {}"))
    let fix = try #require(commands.firstIndex(of: "allow egress to all"))
    #expect(trap < fix)
    // Replays the lesson on a fresh interpreter and checks the semantics directly: in a
    // CiliumNetworkPolicy an empty entry selects no peer, so egress is default-deny (Cilium
    // docs, default-deny ingress example uses `ingress: [{}]`).
    var shell = Interpreter()
    for command in lesson.setup { _ = shell.execute(command) }
    for command in commands[..<trap] { _ = shell.execute(command) }
    _ = shell.execute("allow egress to {}")
    let policy = try #require(shell.state.draftPolicy)
    guard case .cilium(let cilium) = policy else {
      Issue.record("the trap is not a CiliumNetworkPolicy")
      return
    }
    #expect(cilium.spec?.egress == [CiliumRuleEntry()])
    #expect(shell.execute("emit").output.contains("  egress:\n  - {}\n"))
    #expect(
      shell.execute("connect sandbox/tester github.com:443").output.contains(
        "DNS lookup of github.com failed"))
    #expect(
      shell.execute("connect sandbox/tester 10.0.0.1:443").output.contains("TIMEOUT"))
    _ = shell.execute("undo")
    _ = shell.execute("allow egress to all")
    #expect(
      shell.execute("connect sandbox/tester github.com:443").output.contains("connected to"))
  }
}
