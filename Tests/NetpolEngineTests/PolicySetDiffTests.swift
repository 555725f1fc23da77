import NetpolEngine
import NetpolModel
import NetpolViews
import Testing

/// Namespace shop: web (app=web), api (app=api) and client (app=client), web and api serving
/// 80/TCP and 8080/TCP; namespace other: batch (app=batch); one external endpoint.
private let diffCluster = """
  namespaces:
    - name: shop
    - name: other
  pods:
    - {namespace: shop, name: web, labels: {app: web}, ip: 10.0.0.1,
       ports: [{port: 80, protocol: TCP}, {port: 8080, protocol: TCP}]}
    - {namespace: shop, name: api, labels: {app: api}, ip: 10.0.0.2,
       ports: [{port: 80, protocol: TCP}, {port: 8080, protocol: TCP}]}
    - {namespace: shop, name: client, labels: {app: client}, ip: 10.0.0.3}
    - {namespace: other, name: batch, labels: {app: batch}, ip: 10.0.1.1}
  external:
    - {fqdn: example.com, ips: [93.184.215.14]}
  """

/// A NetworkPolicy named NAME isolating shop/api for ingress and allowing `from` on `port`.
private func apiPolicy(_ name: String = "api-ingress", from: String, port: Int = 80) -> String {
  """
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: \(name), namespace: shop}
  spec:
    podSelector: {matchLabels: {app: api}}
    ingress:
      - from: [\(from)]
        ports: [{protocol: TCP, port: \(port)}]

  """
}

private func policies(_ text: String) -> [PolicyResource] {
  guard !text.isEmpty else { return [] }
  let result = PolicyLoader.load(text: text, file: "test.yaml")
  #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
  return result.policies.map(\.resource)
}

private func diff(_ before: String, _ after: String, dataplane: Dataplane? = nil)
  -> PolicySetDiff
{
  let inventory = PolicyLoader.load(text: diffCluster, file: "cluster.yaml").inventory
  let old = PolicyEngine(inventory: inventory, policies: policies(before), dataplane: dataplane)
  let new = PolicyEngine(inventory: inventory, policies: policies(after), dataplane: dataplane)
  let result = PolicySetDiff(
    before: old, after: new, ports: PolicySetDiff.defaultPorts(old, new))
  // Every change is a cell whose verdict differs between the two `matrix` results, and every
  // such cell (self traffic aside) is a change.
  var differing: Set<String> = []
  for (proto, port) in result.ports {
    let a = old.matrix(protocol: proto, port: port)
    let b = new.matrix(protocol: proto, port: port)
    for (row, source) in a.sources.enumerated() {
      for (column, destination) in a.destinations.enumerated() where source != destination {
        if a.verdicts[row][column] != b.verdict(from: source, to: destination) {
          differing.insert("\(source) \(destination) \(port)/\(proto.rawValue)")
        }
      }
    }
  }
  let reported = Set(
    result.changes.map {
      "\($0.flow.source) \($0.flow.destination) \($0.flow.port)/\($0.flow.protocol.rawValue)"
    })
  #expect(reported == differing)
  return result
}

private func keys(_ changes: [PolicySetChange]) -> Set<String> {
  Set(changes.map { "\($0.flow.source) \($0.flow.destination) \($0.flow.port)" })
}

@Suite("A policy-set diff lists every flow whose verdict differs, with the deciding rules")
struct PolicySetDiffTests {
  @Test("removing the only ingress policy of a pod allows everything it used to isolate")
  func policyRemoved() {
    // With no policy selecting shop/api it is not isolated (Kubernetes NetworkPolicy docs:
    // "By default, a pod is non-isolated for ingress").
    let result = diff(apiPolicy(from: "{podSelector: {matchLabels: {app: web}}}"), "")
    #expect(
      keys(result.changes) == [
        "shop/client shop/api 80", "other/batch shop/api 80", "shop/web shop/api 8080",
        "shop/client shop/api 8080", "other/batch shop/api 8080",
      ])
    #expect(result.newlyDenied.isEmpty)
    let first = result.changes.first { $0.flow.source == "shop/client" && $0.flow.port == 80 }
    #expect(
      first?.before.line == "ingress at shop/api: isolated by shop/api-ingress, no rule allows")
    #expect(
      first?.after.line == "egress at shop/client: not isolated; ingress at shop/api: not isolated")
  }

  @Test("changing a rule's port moves the allowed flow from one port to the other")
  func portChanged() {
    let from = "{podSelector: {matchLabels: {app: web}}}"
    let result = diff(apiPolicy(from: from, port: 80), apiPolicy(from: from, port: 8080))
    #expect(keys(result.newlyDenied) == ["shop/web shop/api 80"])
    #expect(keys(result.newlyAllowed) == ["shop/web shop/api 8080"])
    #expect(result.changes[0].before.line.contains("allowed by shop/api-ingress spec.ingress[0]"))
  }

  @Test("widening a peer selector to every pod of the namespace admits only that namespace")
  func selectorWidened() {
    // An empty podSelector peer selects every pod in the policy's own namespace, not other
    // namespaces (Kubernetes NetworkPolicy docs, "podSelector").
    let result = diff(
      apiPolicy(from: "{podSelector: {matchLabels: {app: web}}}"),
      apiPolicy(from: "{podSelector: {}}"))
    #expect(keys(result.changes) == ["shop/client shop/api 80"])
    #expect(result.changes[0].flow.new == .allow)
  }

  @Test("a Cilium ingress deny overrides the allow it shadows")
  func ciliumDenyAdded() {
    // ingressDeny takes precedence over every allow on the endpoint (Cilium deny policies);
    // fromEndpoints [{}] in a namespaced policy selects the pods of its namespace.
    let allow = """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata: {name: api, namespace: shop}
      spec:
        endpointSelector: {matchLabels: {app: api}}
        ingress:
          - fromEndpoints: [{}]

      """
    let deny =
      allow + """
          ingressDeny:
            - fromEndpoints: [{matchLabels: {app: client}}]

        """
    let result = diff(allow, deny)
    #expect(keys(result.changes) == ["shop/client shop/api 80", "shop/client shop/api 8080"])
    #expect(result.newlyAllowed.isEmpty)
    #expect(result.dataplane == .cilium)
    #expect(
      result.changes[0].after.line.hasPrefix(
        "ingress at shop/api: denied by deny rule shop/api spec.ingressDeny[0]"))
  }

  @Test("the JSON lists each change with both verdicts")
  func json() {
    let from = "{podSelector: {matchLabels: {app: web}}}"
    let text = diff(apiPolicy(from: from, port: 80), apiPolicy(from: from, port: 8080)).json()
    #expect(
      text.hasPrefix(
        #"{"dataplane":"kubernetes","changes":[{"source":"shop/web","destination":"shop/api","port":80,"protocol":"TCP","before":"allow","after":"deny","#
      ))
  }
}

@Suite("diff --check decides equivalence and containment of two policy sets")
struct PolicySetRelationTests {
  private let both =
    "{podSelector: {matchLabels: {app: web}}}, {podSelector: {matchLabels: {app: client}}}"

  @Test("one policy with two peers equals two policies with one peer each")
  func halves() {
    let halves =
      apiPolicy("half-a", from: "{podSelector: {matchLabels: {app: web}}}") + "---\n"
      + apiPolicy("half-b", from: "{podSelector: {matchLabels: {app: client}}}")
    let result = diff(apiPolicy(from: both), halves)
    #expect(result.counterExamples(to: .equivalent).isEmpty)
  }

  @Test("matchLabels and matchExpressions In with one value select the same pods")
  func selectorSpelling() {
    let result = diff(
      apiPolicy(from: "{podSelector: {matchLabels: {app: web}}}"),
      apiPolicy(
        from: "{podSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}}"))
    #expect(result.counterExamples(to: .equivalent).isEmpty)
    #expect(result.checkText(.equivalent).hasPrefix("yes: "))
  }

  @Test("a strict subset is a subset, not a superset and not equivalent")
  func strictSubset() {
    let result = diff(
      apiPolicy(from: both), apiPolicy(from: "{podSelector: {matchLabels: {app: web}}}"))
    #expect(result.counterExamples(to: .subset).isEmpty)
    #expect(keys(result.counterExamples(to: .superset)) == ["shop/client shop/api 80"])
    #expect(!result.counterExamples(to: .equivalent).isEmpty)
    #expect(result.checkText(.superset).hasPrefix("no: "))
  }

  @Test("unrelated sets are neither subset nor superset")
  func unrelated() {
    let result = diff(
      apiPolicy(from: "{podSelector: {matchLabels: {app: web}}}"),
      apiPolicy(from: "{podSelector: {matchLabels: {app: client}}}"))
    #expect(keys(result.counterExamples(to: .subset)) == ["shop/client shop/api 80"])
    #expect(keys(result.counterExamples(to: .superset)) == ["shop/web shop/api 80"])
  }
}
