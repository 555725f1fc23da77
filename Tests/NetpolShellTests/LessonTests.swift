import Foundation
import NetpolShell
import Testing

/// The guided lessons (issue 6): data files in docs/lessons, compiled in, each run end to end.
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

  @Test("the lessons cover S1, S3, S4/S5 and AND vs OR selectors")
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

  @Test("following a lesson in the shell advances when the step's command passes its check")
  func guided() {
    var shell = Interpreter()
    let start = shell.execute("lesson label-the-client")
    #expect(start.output.contains("step 1/7"))
    #expect(start.output.contains("try: connect demo/client demo/server:80"))
    let first = shell.execute("connect demo/client demo/server:80")
    #expect(first.output.contains("step 2/7"))
    #expect(shell.execute("lesson stop").output == "lesson stopped\n")
  }
}
