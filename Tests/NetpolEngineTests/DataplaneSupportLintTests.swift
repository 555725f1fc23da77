import NetpolEngine
import NetpolModel
import Testing

/// scenarios.md S7: the same policy set checked against each dataplane; expectations from
/// semantics.md §4 / §4.1 (rows cited per test).
@Suite("The same policies are checked against each dataplane's support (S7)")
struct DataplaneSupportLintTests {
  /// Policies using the constructs §4.1 separates: a NetworkPolicy with NotIn, except and a
  /// named port; a CNP with rules.dns; a CNP with toFQDNs and an HTTP rule.
  static let policies = """
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: web, namespace: demo}
    spec:
      podSelector:
        matchExpressions: [{key: tier, operator: NotIn, values: [legacy]}]
      ingress:
      - from: [{ipBlock: {cidr: 203.0.113.0/24, except: [203.0.113.128/25]}}]
        ports: [{protocol: TCP, port: http}]
    ---
    apiVersion: cilium.io/v2
    kind: CiliumNetworkPolicy
    metadata: {name: allow-dns, namespace: demo}
    spec:
      endpointSelector: {}
      egress:
      - toEndpoints:
        - matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}
        toPorts:
        - ports: [{port: "53", protocol: ANY}]
          rules: {dns: [{matchPattern: "*"}]}
    ---
    apiVersion: cilium.io/v2
    kind: CiliumNetworkPolicy
    metadata: {name: api, namespace: demo}
    spec:
      endpointSelector: {matchLabels: {app: client}}
      egress:
      - toFQDNs: [{matchName: api.example.com}]
        toPorts: [{ports: [{port: "443", protocol: TCP}]}]
      - toEndpoints: [{matchLabels: {app: server}}]
        toPorts:
        - ports: [{port: "80", protocol: TCP}]
          rules: {http: [{method: GET}]}
    """

  /// The NP011 messages on a dataplane.
  private func support(_ dataplane: Dataplane) -> [String] {
    LintSupport.lint(Self.policies, dataplane: dataplane).findings
      .filter { $0.ruleID == "NP011" }.map(\.message)
  }

  @Test("kubernetes, calico, azure-npm: Cilium kinds are not enforced (§4.1 rows CNP, CCNP: n/a)")
  func notCilium() {
    for dataplane in [Dataplane.kubernetes, .calico, .azureNPM] {
      let messages = support(dataplane)
      #expect(
        messages.filter { $0.hasPrefix("CiliumNetworkPolicy is not enforced") }.count == 2,
        "\(dataplane): \(messages)")
      #expect(!messages.contains { $0.contains("Windows") }, "\(dataplane)")
    }
  }

  @Test(
    "azure-npm-windows lacks named ports, except and NotIn (§4 'Azure NPM (Windows Server 2022)')")
  func windows() {
    let messages = support(.azureNPMWindows)
    for what in ["named port http", "ipBlock except", "NotIn selector"] {
      #expect(messages.contains { $0.hasPrefix("\(what) is not supported on azure-npm-windows") })
    }
  }

  @Test("cilium supports everything here (§4.1 column Cil)")
  func cilium() {
    #expect(support(.cilium).isEmpty)
  }

  @Test("azure-cilium reports toFQDNs and L7 unsupported (§4.1 rows toFQDNs, HTTP L7: AKS-C ✗)")
  func azureCilium() {
    let messages = support(.azureCilium)
    #expect(messages.contains { $0.hasPrefix("toFQDNs is not supported on azure-cilium") })
    #expect(
      messages.contains { $0.hasPrefix("L7 HTTP/Kafka rules are not supported on azure-cilium") })
    #expect(messages.contains { $0.hasPrefix("L7 DNS rules are not supported on azure-cilium") })
  }

  @Test("azure-cilium-acns supports FQDN and L7 in CNP (§4 '+ ACNS')")
  func acns() {
    #expect(support(.azureCiliumACNS).isEmpty)
  }

  @Test("ACNS rejects HTTP rules in the clusterwide kind (§4 '+ ACNS': CNP only, not CCNP)")
  func acnsClusterwide() {
    let yaml = """
      apiVersion: cilium.io/v2
      kind: CiliumClusterwideNetworkPolicy
      metadata: {name: web}
      spec:
        endpointSelector: {}
        ingress:
        - toPorts:
          - ports: [{port: "80", protocol: TCP}]
            rules: {http: [{method: GET}]}
      """
    let messages = LintSupport.lint(yaml, dataplane: .azureCiliumACNS).findings.map(\.message)
    #expect(messages.contains { $0.contains("in CiliumNetworkPolicy only") })
  }

  @Test("`**.` acts as `*.` before Cilium 1.19 and on AKS (§2.9, §4.1 row matchPattern `**.`)")
  func doubleStar() {
    let yaml = """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata: {name: fqdn, namespace: demo}
      spec:
        endpointSelector: {}
        egress:
        - toFQDNs: [{matchPattern: "**.example.com"}]
      """
    func flagged(_ dataplane: Dataplane, _ version: String?) -> Bool {
      LintSupport.lint(yaml, dataplane: dataplane, ciliumVersion: version).findings.contains {
        $0.ruleID == "NP011" && $0.message.contains("spans several labels only from Cilium 1.19")
      }
    }
    #expect(!flagged(.cilium, nil))
    #expect(flagged(.cilium, "1.18"))
    #expect(flagged(.azureCiliumACNS, "1.19"))
  }
}
