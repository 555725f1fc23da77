import NetpolShell
import Testing

@Suite("A billion-laughs key in a lesson file is refused with its place")
struct LessonAliasBombTests {
  @Test("nine levels of nine aliases used as a key", .timeLimit(.minutes(1)))
  func billionLaughsKey() {
    // Expanding the key on line 4 would build 9^9 scalars.
    var text =
      "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
    for (level, previous) in zip("bcdefghi", "abcdefgh") {
      text +=
        "\(level): &\(level) ["
        + Array(repeating: "*\(previous)", count: 9).joined(
          separator: ", ") + "]\n"
    }
    text += "? *i\n: boom\n"
    do {
      _ = try Lesson.parse(text, file: "l.yaml")
      Issue.record("the lesson was accepted")
    } catch {
      #expect(
        error.message
          == "l.yaml:10:3: a mapping key that is a collection or an alias cannot be used in a "
          + "file with aliases (alias expansion is capped)")
    }
  }
}
