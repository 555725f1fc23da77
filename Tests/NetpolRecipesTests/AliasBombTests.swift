import Foundation
import NetpolModel
import Testing

@testable import NetpolRecipes

/// Nine levels of nine aliases, and the last level used as a mapping key: expanding the key
/// would build 9^9 (387 million) scalars. The key is on line 11, its alias at column 3.
let billionLaughsKey = """
  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
  g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
  h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
  i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
  name: x
  ? *i
  : boom

  """

@Suite("A billion-laughs key in a plan or a recipe file is refused with its place")
struct AliasBombFileTests {
  @Test("in a plan file", .timeLimit(.minutes(1)))
  func plan() {
    do {
      _ = try Plan.parse(billionLaughsKey, file: "p.yaml", directory: ".")
      Issue.record("the plan was accepted")
    } catch {
      #expect(
        error.description
          == "p.yaml:11:3: a mapping key that is a collection or an alias cannot be used in a "
          + "file with aliases (alias expansion is capped)")
    }
  }

  @Test("in a recipe file", .timeLimit(.minutes(1)))
  func recipe() {
    do {
      _ = try RecipeFileParser.parse(billionLaughsKey, file: "r.yaml", origin: .file("r.yaml"))
      Issue.record("the recipe file was accepted")
    } catch {
      #expect(error.description.hasPrefix("r.yaml:11:3: a mapping key that is a collection"))
    }
  }

  @Test("aliases anywhere in a recipe file are refused at the first one")
  func aliasValue() {
    do {
      _ = try RecipeFileParser.parse(
        "name: x\nsummary: &s text\ndescription: *s\n", file: "r.yaml", origin: .file("r.yaml"))
      Issue.record("the recipe file was accepted")
    } catch {
      #expect(
        error.description == "r.yaml:3:14: YAML aliases (*name) are not supported in this file")
    }
  }
}
