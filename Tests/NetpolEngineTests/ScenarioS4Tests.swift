import NetpolEngine
import NetpolModel
import NetpolViews
import Testing

/// scenarios.md S4 and semantics.md §2.9 / §6 "Names".
@Suite("Cilium FQDN egress depends on an allowed, proxied DNS lookup")
struct ScenarioS4Tests {
  static let pods = [
    Fixture.pod("demo/curl", ["app": "client"], ip: "10.0.0.5"),
    Fixture.pod(
      "kube-system/coredns", ["k8s-app": "kube-dns"], ip: "10.0.9.10",
      ports: [
        ContainerPort(name: "dns", port: 53, protocol: .udp),
        ContainerPort(name: "dns-tcp", port: 53),
      ]),
  ]
  static let external = [
    ExternalEndpoint(name: "google.com", isFQDN: true, ips: ["142.250.207.110"]),
    ExternalEndpoint(name: "www.google.com", isFQDN: true, ips: ["142.250.207.100"]),
    ExternalEndpoint(name: "github.com", isFQDN: true, ips: ["20.200.245.247"]),
    ExternalEndpoint(name: "api.github.com", isFQDN: true, ips: ["20.200.245.245"]),
    ExternalEndpoint(name: "example.com", isFQDN: true, ips: ["93.184.215.14"]),
    ExternalEndpoint(name: "naver.com", isFQDN: true, ips: ["223.130.200.104"]),
  ]
  static func allowDNS(rules: Bool = true) -> PolicyResource {
    Fixture.cnp(
      "demo/allow-dns",
      CiliumRule(
        endpointSelector: .everything,
        egress: [
          CiliumRuleEntry(
            endpoints: [
              Fixture.sel([
                "k8s:io.kubernetes.pod.namespace": "kube-system", "k8s:k8s-app": "kube-dns",
              ])
            ],
            toPorts: [
              PortRule(
                ports: [CiliumPort(port: "53", protocol: .any)],
                rules: rules ? L7Rules(dns: [FQDNSelector(matchPattern: "*")]) : nil)
            ])
        ]))
  }
  static let domains = Fixture.cnp(
    "demo/allow-egress-to-specific-domain",
    CiliumRule(
      endpointSelector: Fixture.sel(["app": "client"]),
      egress: [
        CiliumRuleEntry(
          fqdns: [
            FQDNSelector(matchName: "example.com"), FQDNSelector(matchName: "google.com"),
            FQDNSelector(matchPattern: "*.google.com"), FQDNSelector(matchPattern: "*.github.com"),
          ],
          toPorts: [Fixture.toPorts("443", .tcp)])
      ]))

  func world(_ policies: [PolicyResource], options: EngineOptions = .init()) -> World {
    World(pods: Self.pods, external: Self.external, policies: policies, options: options)
  }

  @Test(
    "The S4 expectations hold",  // scenarios.md S4 "Expected"
    arguments: [
      ("google.com", 443, Verdict.allow), ("www.google.com", 443, .allow),
      ("naver.com", 443, .deny),
      ("google.com", 80, .deny), ("api.github.com", 443, .allow), ("github.com", 443, .deny),
      ("example.com", 443, .allow),
    ])
  func expectations(name: String, port: Int, expected: Verdict) {
    let world = world([Self.allowDNS(), Self.domains])
    #expect(world.verdict("demo/curl", name, port) == expected)
  }

  // scenarios.md S4; §2.9 `*.example.com`
  @Test("github.com is denied because *.github.com needs one more label")
  func githubExplained() {
    let explanation = world([Self.allowDNS(), Self.domains]).explain("demo/curl", "github.com", 443)
    #expect(explanation.lookup?.outcome == .learned)
    #expect(explanation.reason == "egress-denied")
    let misses = explanation.egress?.nearestMisses ?? []
    #expect(
      misses.contains {
        $0.contains(
          "spec.egress[0].toFQDNs[3] wants matchPattern: *.github.com; github.com does not match: '*.' needs at least one label before github.com (add matchName: github.com)"
        )
      })
  }

  // scenarios.md S4; §2.9 "DNS itself must be allowed"
  @Test("Without allow-dns every name flow is denied at the lookup")
  func noDNSPolicy() {
    let world = world([Self.domains])
    let explanation = world.explain("demo/curl", "google.com", 443)
    #expect(explanation.verdict == .deny)
    #expect(explanation.lookup?.outcome == .blocked)
    #expect(explanation.reason == "dns-lookup-blocked")
    #expect(explanation.text().contains("never resolves"))
  }

  // §2.9 row 1; scenarios.md S4
  @Test("DNS allowed without rules.dns resolves but teaches toFQDNs nothing")
  func dnsWithoutProxy() {
    let explanation = world([Self.allowDNS(rules: false), Self.domains]).explain(
      "demo/curl", "google.com", 443)
    #expect(explanation.lookup?.outcome == .notProxied)
    #expect(explanation.verdict == .deny)
    #expect(explanation.fqdnCache.isEmpty)
  }

  // §2.9 "DNS L7 patterns decide which queries are answered"
  @Test("A name no rules.dns pattern matches is REFUSED")
  func refused() {
    let narrow = Fixture.cnp(
      "demo/allow-dns",
      CiliumRule(
        endpointSelector: .everything,
        egress: [
          CiliumRuleEntry(
            endpoints: [
              Fixture.sel([
                "k8s:k8s-app": "kube-dns", "k8s:io.kubernetes.pod.namespace": "kube-system",
              ])
            ],
            toPorts: [
              PortRule(
                ports: [CiliumPort(port: "53")],
                rules: L7Rules(dns: [FQDNSelector(matchPattern: "*.google.com")]))
            ])
        ]))
    let world = world([narrow, Self.domains])
    #expect(world.explain("demo/curl", "google.com", 443).lookup?.outcome == .refused)
    #expect(world.verdict("demo/curl", "google.com", 443) == .deny)
    #expect(world.verdict("demo/curl", "www.google.com", 443) == .allow)
  }

  @Test("A raw IP flow does no lookup, so toFQDNs does not match it")  // §6 "Names"
  func rawIP() {
    let world = world([Self.allowDNS(), Self.domains])
    #expect(world.verdict("demo/curl", "142.250.207.110", 443) == .deny)
  }

  // §6 "Names" (warm cache option)
  @Test("With a warm cache a raw IP flow matches the names of that IP")
  func warmCache() {
    let world = world([Self.allowDNS(), Self.domains], options: EngineOptions(warmFQDNCache: true))
    #expect(world.verdict("demo/curl", "142.250.207.110", 443) == .allow)
  }

  // §2.7 "protocol omitted = ANY"
  @Test("The DNS lookup itself is allowed by allow-dns on UDP and TCP")
  func dnsFlows() {
    let world = world([Self.allowDNS(), Self.domains])
    #expect(world.verdict("demo/curl", "kube-system/coredns", 53, .udp) == .allow)
    #expect(world.verdict("demo/curl", "kube-system/coredns", 53, .tcp) == .allow)
  }

  @Test("Hubble shows a world drop for a denied name")  // §3 typical sequences; scenarios.md S6
  func hubbleLines() {
    let lines = world([Self.allowDNS(), Self.domains]).hubble("demo/curl", "naver.com", 443)
    #expect(
      lines.contains {
        $0.hasSuffix("policy-verdict:none EGRESS DENIED (TCP Flags: SYN)")
          && $0.contains("<> naver.com:443")
      })
    #expect(lines.last?.hasSuffix("Policy denied DROPPED (TCP Flags: SYN)") == true)
  }

  @Test("On azure-cilium without ACNS toFQDNs learns nothing")  // §4 "+ ACNS"; §4.1 toFQDNs
  func azureCilium() {
    let world = World(
      pods: Self.pods, external: Self.external, policies: [Self.allowDNS(), Self.domains],
      dataplane: .azureCilium)
    #expect(world.verdict("demo/curl", "google.com", 443) == .deny)
    let acns = World(
      pods: Self.pods, external: Self.external, policies: [Self.allowDNS(), Self.domains],
      dataplane: .azureCiliumACNS)
    #expect(acns.verdict("demo/curl", "google.com", 443) == .allow)
  }
}
