import Foundation
import Testing

@Suite("matrix -o html is one self-contained page whose cells are the JSON matrix's")
struct HTMLReportTests {
  /// Reads every table of an HTML page with Python's html.parser: per table its port, row
  /// headers, column headers and per cell `[verdict, allowed, pairs]`, as JSON.
  static let parser = """
    import json, sys
    from html.parser import HTMLParser
    class P(HTMLParser):
        def __init__(self):
            super().__init__(); self.tables = []; self.cell = None; self.text = ""
        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "script" or (tag in ("link", "img") and a.get("src", a.get("href"))):
                raise SystemExit("external or script element: " + tag)
            if tag == "table":
                self.tables.append({"port": int(a["data-port"]), "rows": [], "columns": [], "cells": []})
            elif tag == "tr":
                self.tables[-1]["cells"].append([])
            elif tag in ("th", "td"):
                self.cell = (tag, a); self.text = ""
        def handle_data(self, data):
            if self.cell: self.text += data
        def handle_endtag(self, tag):
            if tag in ("th", "td") and self.cell:
                kind, a = self.cell; t = self.tables[-1]
                if kind == "th" and a.get("scope") == "col": t["columns"].append(self.text)
                elif kind == "th" and a.get("scope") == "row": t["rows"].append(self.text)
                elif kind == "td":
                    t["cells"][-1].append([a["data-verdict"], int(a["data-allowed"]), int(a["data-pairs"])])
                self.cell = None
    p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read()); p.close()
    for t in p.tables: t["cells"] = [r for r in t["cells"] if r]
    print(json.dumps(p.tables))
    """

  @Test("Parsed with html.parser, every cell has the JSON matrix's verdict and counts")
  func cellsMatchJSON() throws {
    let base = [
      "matrix", "--cluster", "examples/shop/cluster.yaml", "-f", "examples/shop/policies.yaml",
      "--port", "8080", "--port", "5432", "--group-by", "namespace",
    ]
    let html = try runNetpol(base + ["-o", "html"])
    let json = try runNetpol(base + ["-o", "json"])
    #expect(html.status == 0 && json.status == 0, "\(html.stderr)\(json.stderr)")
    #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
    #expect(html.stdout.contains("dataplane: kubernetes"))
    #expect(!html.stdout.contains("http://") && !html.stdout.contains("https://"))
    let directory = try makeTemporaryDirectory(files: [
      "page.html": html.stdout, "parse.py": Self.parser,
    ])
    defer { try? FileManager.default.removeItem(at: directory) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = [
      directory.appendingPathComponent("parse.py").path,
      directory.appendingPathComponent("page.html").path,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let tables = try #require(try JSONSerialization.jsonObject(with: output) as? [[String: Any]])
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let matrices = try #require(document["matrices"] as? [[String: Any]])
    #expect(tables.count == matrices.count)
    for (table, matrix) in zip(tables, matrices) {
      #expect(table["port"] as? Int == matrix["port"] as? Int)
      #expect(table["rows"] as? [String] == matrix["sources"] as? [String])
      #expect(table["columns"] as? [String] == matrix["destinations"] as? [String])
      let cells = try #require(table["cells"] as? [[[Any]]])
      let verdicts = try #require(matrix["verdicts"] as? [[String]])
      let allowed = try #require(matrix["allowed"] as? [[Int]])
      let pairs = try #require(matrix["pairs"] as? [[Int]])
      #expect(cells.map { $0.map { $0[0] as? String ?? "" } } == verdicts)
      #expect(cells.map { $0.map { $0[1] as? Int ?? -1 } } == allowed)
      #expect(cells.map { $0.map { $0[2] as? Int ?? -1 } } == pairs)
    }
  }
}
