import NetpolEngine
import NetpolModel
import NetpolViews
import Testing

@Suite("A table fitted to a width pages its columns into blocks with short keys")
struct FittingTests {
  @Test(
    "At 100 and 200 columns no line is wider, and every column appears once", arguments: [100, 200])
  func fits(width: Int) {
    let engine = shopEngine()
    let options = MatrixViewOptions(format: .table, grouping: .pod, width: width)
    let text = render(engine, [(.tcp, 8080)], options)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.allSatisfy { $0.count <= width })
    // 40 pods and one external endpoint: keys 1-41, each in exactly one block header.
    let headers = lines.filter { $0.hasPrefix("from \\ to") }
    let keys = headers.flatMap { $0.split(separator: " ").dropFirst(3) }.map(String.init)
    #expect(keys == (1...41).map(String.init))
    // Row labels are 33 characters (`payments/gateway-mk8h57kdxm-mzdfv`); a column takes two
    // blanks and its key: 9 * 3 + 32 * 4 = 155 more, which fits in 200 but not in 100, where
    // 67 columns are left per block: keys 1-19, 20-35, 36-41.
    #expect(headers.count == (width == 100 ? 3 : 1))
    // The legend names every key.
    #expect(lines.contains { $0.hasPrefix("  41  api.stripe.com") })
    let firstBlock = headers[0].split(separator: " ").count - 3
    #expect(
      lines[0]
        == (headers.count == 1
          ? "8080/TCP on kubernetes" : "8080/TCP on kubernetes (columns 1-\(firstBlock) of 41)"))
  }

  @Test("A table that fits keeps the full names and prints no key legend")
  func keepsNames() {
    let options = MatrixViewOptions(format: .table, grouping: .namespace, width: 200)
    let text = render(shopEngine(), [(.tcp, 8080)], options)
    #expect(text.contains("from \\ to    kube-system  monitoring  payments"))
    #expect(!text.contains("columns:"))
    // Fitted, a partial cell is `~`: shop -> payments is 33 of 77 pod pairs, shop -> shop 20
    // of 110 (the frontend reaches the api only); unfitted, the counts show.
    #expect(text.contains("\nshop         .            .           ~         ~     .         .\n"))
    #expect(text.contains("~ some pod pairs allowed"))
    let wide = render(
      shopEngine(), [(.tcp, 8080)], MatrixViewOptions(format: .wide, grouping: .namespace))
    #expect(wide.contains("\nshop         .            .           33/77     20/110   .  "))
  }
}

@Suite("Filters choose sources and destinations with one syntax")
struct FilterTests {
  @Test("Globs, workloads, selectors, namespaces and pods select what they name")
  func patterns() throws {
    let engine = shopEngine()
    let scope = ViewScope(engine.inventory)
    func count(_ text: String) throws -> Int {
      let pattern = try EndpointPattern.parse(text, scope: scope)
      return engine.inventory.pods.filter { pattern.matches($0.id, scope: scope) }.count
    }
    #expect(try count("web-prod/*") == 10)
    #expect(try count("shop/api") == 4)
    #expect(try count("gateway") == 4)
    #expect(try count("tier=data") == 7)
    #expect(try count("monitoring") == 5)
    #expect(try count("*/web") == 8)
    let error = #expect(throws: ViewError.self) {
      try EndpointPattern.parse("shop/nope", scope: scope)
    }
    #expect(error == .unknownEndpoint("shop/nope"))
  }

  @Test("--from and --to restrict the rows and columns of the matrix")
  func restricts() throws {
    let engine = shopEngine()
    let scope = ViewScope(engine.inventory)
    var options = MatrixViewOptions(format: .json, grouping: .workload)
    options.from = [try EndpointPattern.parse("shop/frontend", scope: scope)]
    options.to = [try EndpointPattern.parse("shop/*", scope: scope)]
    let matrix = try #require(
      (try jsonObject(render(engine, [(.tcp, 8080)], options))["matrices"] as? [[String: Any]])?
        .first)
    #expect(matrix["sources"] as? [String] == ["shop/frontend"])
    #expect(matrix["destinations"] as? [String] == ["shop/api", "shop/db", "shop/frontend"])
    #expect(matrix["verdicts"] as? [[String]] == [["allow", "deny", "deny"]])
  }
}
