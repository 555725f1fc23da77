import NetpolEngine
import NetpolModel
import Testing

/// semantics.md §2.9 "Name matching" table, row by row.
@Suite("matchName and matchPattern follow Cilium's wildcard rules")
struct FQDNPatternTests {
  func pattern(_ text: String, v119: Bool = true) -> FQDNPattern {
    FQDNPattern(FQDNSelector(matchPattern: text), doubleStarSpansLabels: v119)
  }

  @Test("matchName is a case-insensitive literal")  // §2.9 row matchName
  func matchName() {
    let name = FQDNPattern(FQDNSelector(matchName: "Api.Example.COM"))
    #expect(name.matches("api.example.com"))
    #expect(name.matches("API.example.com."))
    #expect(!name.matches("a.api.example.com"))
  }

  @Test("A lone * (and **, *., **.) matches every name")  // §2.9 row `*`
  func star() {
    for text in ["*", "**", "*.", "**."] {
      #expect(pattern(text).matches("google.com"))
      #expect(pattern(text).matches("a.b.c.example.org"))
    }
  }

  @Test("*.example.com needs exactly one label")  // §2.9 row `*.example.com`
  func starDot() {
    #expect(pattern("*.example.com").matches("api.example.com"))
    #expect(!pattern("*.example.com").matches("example.com"))
    #expect(!pattern("*.example.com").matches("a.b.example.com"))
  }

  // §2.9 row `part*ial.com`
  @Test("* inside a label matches zero or more characters of that label")
  func infix() {
    #expect(pattern("part*ial.com").matches("partial.com"))
    #expect(pattern("part*ial.com").matches("part-extra-ial.com"))
    #expect(!pattern("part*ial.com").matches("sub.partial.com"))
  }

  @Test("*example.com matches example.com and myexample.com only")  // §2.9 row `*example.com`
  func leadingStarNoDot() {
    #expect(pattern("*example.com").matches("example.com"))
    #expect(pattern("*example.com").matches("myexample.com"))
    #expect(!pattern("*example.com").matches("www.example.com"))
  }

  @Test("**. spans one or more labels on Cilium 1.19")  // §2.9 row `**.example.com` (v1.19+)
  func doubleStar119() {
    #expect(pattern("**.example.com").matches("a.example.com"))
    #expect(pattern("**.example.com").matches("a.b.example.com"))
    #expect(!pattern("**.example.com").matches("example.com"))
  }

  @Test("**. acts as *. before 1.19")  // §2.9 row `**.example.com` on <1.19
  func doubleStarOld() {
    #expect(pattern("**.example.com", v119: false).matches("a.example.com"))
    #expect(!pattern("**.example.com", v119: false).matches("a.b.example.com"))
  }

  @Test("A non-prefix ** acts as *")  // §2.9 row `foo.**.com`
  func innerDoubleStar() {
    #expect(pattern("foo.**.com").matches("foo.bar.com"))
    #expect(!pattern("foo.**.com").matches("foo.a.b.com"))
  }

  // §2.9; issue brief EngineOptions
  @Test("The engine's ciliumVersion option picks the ** behaviour")
  func versionOption() {
    let old = DataplaneProfile(
      .cilium, options: EngineOptions(ciliumVersion: CiliumVersion(major: 1, minor: 18)))
    #expect(old.doubleStarSpansLabels == false)
    #expect(DataplaneProfile(.cilium).doubleStarSpansLabels == true)
    #expect(DataplaneProfile(.azureCiliumACNS).doubleStarSpansLabels == false)  // §4.1 AKS ≤1.18
  }
}
