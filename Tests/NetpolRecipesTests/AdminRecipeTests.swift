import NetpolEngine
import NetpolModel
import Testing

@testable import NetpolRecipes

// Semantics of the rendered guardrails: kubernetes-sigs/network-policy-api
// apis/v1alpha2/clusternetworkpolicy_types.go (tiers, Pass) and apis/v1alpha1.
@Suite("The admin recipes do what they say in both API versions")
struct AdminRecipeTests {
  static let inventory = Inventory(
    namespaces: [
      Namespace(name: "blue", labels: ["tenant": "blue"]),
      Namespace(name: "blue-2", labels: ["tenant": "blue"]),
      Namespace(name: "red", labels: ["tenant": "red"]),
      Namespace(name: "kube-system"),
    ],
    pods: [
      Pod(namespace: "blue", name: "a", ip: "10.0.0.1"),
      Pod(namespace: "blue-2", name: "b", ip: "10.0.0.2"),
      Pod(namespace: "red", name: "c", ip: "10.0.0.3"),
      Pod(namespace: "kube-system", name: "dns", labels: ["k8s-app": "kube-dns"], ip: "10.0.0.9"),
    ],
    external: [ExternalEndpoint(name: "metadata", isFQDN: false, ips: ["169.254.169.254"])])

  static func allowed(_ policies: [PolicyResource], _ from: String, _ to: String, port: Int = 80)
    -> Bool
  {
    let engine = PolicyEngine(inventory: inventory, policies: policies, dataplane: .kubernetes)
    guard let source = try? engine.resolve(from), let destination = try? engine.resolve(to) else {
      return false
    }
    let proto: FlowProtocol = port == 53 ? .udp : .tcp
    return engine.verdict(
      Flow(source: source, destination: destination, protocol: proto, port: port))
      == .allow
  }

  @Test(
    "tenant-isolation denies between tenants and passes inside one",
    arguments: ["anp", "cnp-admin"])
  func tenants(kind: String) throws {
    let catalog = try RecipeCatalog.builtIn()
    let policies = try catalog.render(
      "tenant-isolation", parameters: ["tenant": "tenant=blue"], namespace: nil, policyName: nil,
      kind: PolicyKindChoice(name: kind))
    #expect(!Self.allowed(policies, "blue/a", "red/c"))
    #expect(!Self.allowed(policies, "red/c", "blue/a"))
    #expect(Self.allowed(policies, "blue/a", "blue-2/b"))
    #expect(Self.allowed(policies, "kube-system/dns", "blue/a"))
  }

  @Test(
    "baseline-default-deny keeps DNS and denies other pod traffic",
    arguments: ["banp", "cnp-baseline"])
  func baseline(kind: String) throws {
    let catalog = try RecipeCatalog.builtIn()
    let policies = try catalog.render(
      "baseline-default-deny", parameters: [:], namespace: nil, policyName: nil,
      kind: PolicyKindChoice(name: kind))
    if kind == "banp" { #expect(policies.first?.metadata.name == "default") }
    #expect(Self.allowed(policies, "blue/a", "kube-system/dns", port: 53))
    #expect(!Self.allowed(policies, "blue/a", "blue-2/b"))
    #expect(Self.allowed(policies, "blue/a", "metadata"))
  }

  @Test(
    "deny-cloud-metadata in the Admin tier blocks the endpoint for every pod",
    arguments: ["anp", "cnp-admin"])
  func metadata(kind: String) throws {
    let catalog = try RecipeCatalog.builtIn()
    let policies = try catalog.render(
      "deny-cloud-metadata", parameters: [:], namespace: nil, policyName: nil,
      kind: PolicyKindChoice(name: kind))
    #expect(!Self.allowed(policies, "blue/a", "metadata"))
    #expect(!Self.allowed(policies, "kube-system/dns", "metadata"))
    #expect(Self.allowed(policies, "blue/a", "red/c"))
  }
}
