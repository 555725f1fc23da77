import Foundation
import Testing

@Suite("explain takes a workload and a port name and says which pod and port it used")
struct WorkloadEndpointTests {
  @Test("In the shell, explain shop/frontend shop/api http uses the first pods and port 8080")
  func shell() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let script = directory.appendingPathComponent("explain.netpol")
    try Data("explain shop/frontend shop/api http\nexplain frontend db postgres\n".utf8).write(
      to: script)
    let result = try runNetpol([
      "run", script.path, "--cluster", "examples/shop/cluster.yaml", "-f",
      "examples/shop/policies.yaml",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    // examples/shop: the first frontend and api pods by name; the api's container port `http`
    // is 8080/TCP, the db's `postgres` 5432/TCP.
    #expect(
      lines[0]
        == "note: shop/frontend is Deployment shop/frontend (5 pods): using shop/frontend-ngq2cd9wfp-drrdk"
    )
    #expect(
      lines[1] == "note: shop/api is Deployment shop/api (4 pods): using shop/api-ckcwgmrgwf-dxczj")
    #expect(lines[2] == "note: port http of shop/api-ckcwgmrgwf-dxczj is 8080/TCP")
    // frontend-to-api allows app=frontend on 8080; api-to-db allows only app=api on 5432.
    #expect(
      lines[3].hasPrefix("ALLOWED: shop/frontend-ngq2cd9wfp-drrdk -> shop/api-ckcwgmrgwf-dxczj"))
    #expect(lines.contains { $0.hasPrefix("DENIED: shop/frontend-ngq2cd9wfp-drrdk -> shop/db-0") })
    #expect(lines.contains("note: port postgres of shop/db-0 is 5432/TCP"))
  }

  @Test("netpol explain --from shop/frontend --to shop/api names the pods on standard error")
  func cli() throws {
    let result = try runNetpol([
      "explain", "--cluster", "examples/shop/cluster.yaml", "-f", "examples/shop/policies.yaml",
      "--from", "shop/frontend", "--to", "shop/api", "--port", "8080", "-o", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("{\"verdict\":\"allow\""))
    #expect(
      result.stderr.contains(
        "note: shop/api is Deployment shop/api (4 pods): using shop/api-ckcwgmrgwf-dxczj"))
  }
}
