import NetpolModel

/// The user's own work, put aside while a lesson runs in a session of its own.
public struct SavedSession: Sendable, Equatable {
  /// The session as it was when the first lesson started (state, undo history, saved files).
  public var session: Session
  /// The connections `observe` remembered.
  public var connections: [ConnectionRecord]
}

extension Session: Equatable {
  /// Whether two sessions hold the same state, history and saved-file records.
  public static func == (lhs: Session, rhs: Session) -> Bool {
    lhs.state == rhs.state && lhs.undoStack == rhs.undoStack && lhs.redoStack == rhs.redoStack
      && lhs.lastStep == rhs.lastStep && lhs.baseline == rhs.baseline
      && lhs.writtenFiles == rhs.writtenFiles
  }
}

extension Interpreter {
  /// Starts `lesson` in a fresh session: the user's session is put aside (once, even when one
  /// lesson follows another) and comes back with `lesson stop`. On a setup failure nothing
  /// changes.
  mutating func startLesson(_ lesson: Lesson) throws(ShellError) {
    var fresh = self
    fresh.session = Session(state: SessionState())
    fresh.teaching.connections = []
    fresh.teaching.lesson = nil
    for command in lesson.setup {
      let outcome = fresh.execute(command)
      if let error = outcome.error {
        throw ShellError("lesson setup `\(command)` failed: \(error.message)")
      }
    }
    if teaching.saved == nil {
      teaching.saved = SavedSession(session: session, connections: teaching.connections)
    }
    session = Session(state: fresh.state)
    teaching.connections = []
    teaching.lesson = ActiveLesson(lesson: lesson, step: 0, stepStart: session)
  }

  /// Ends the lesson (running or finished) and gives the user's session back as it was.
  mutating func stopLesson() throws(ShellError) {
    guard let saved = teaching.saved else { throw ShellError("no lesson is running") }
    let name = teaching.lesson?.lesson.name
    teaching.lesson = nil
    teaching.saved = nil
    session = saved.session
    teaching.connections = saved.connections
    let pods = state.inventory.pods.count
    let policies = state.policies.count
    print(
      (name.map { "lesson \($0) stopped" } ?? "lesson left")
        + "; your session is back (\(pods) \(pods == 1 ? "pod" : "pods"), "
        + "\(policies) \(policies == 1 ? "policy" : "policies"))")
  }

  /// Puts the lesson's session back as it was when the current step began.
  mutating func restartLessonStep() throws(ShellError) {
    guard let active = teaching.lesson else {
      throw ShellError("no lesson is running (lesson NAME starts one)")
    }
    session = active.stepStart
    print("step \(active.step + 1) starts again")
    print(stepText(active.lesson, active.step))
  }

  /// The user's unsaved policies: those of the session put aside while a lesson runs.
  public var unsavedPolicies: [String] { (teaching.saved?.session ?? session).unsavedPolicies }

  /// Whether the user's cluster differs from the one last read or written (cluster edits such
  /// as `label` and `pod add` are unsaved until `save --cluster FILE`).
  public var unsavedCluster: Bool {
    (teaching.saved?.session ?? session).state.inventory != savedInventory
  }

  /// What to do next in the running lesson.
  func currentLessonText() -> String? {
    guard let active = teaching.lesson else { return nil }
    return "lesson \(active.lesson.name): \(active.lesson.title)"
      + stepText(active.lesson, active.step)
      + "\n(lesson restart starts this step again; lesson stop returns to your session)"
  }
}
