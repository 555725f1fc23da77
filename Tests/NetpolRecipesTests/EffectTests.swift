import NetpolEngine
import NetpolModel
import Testing

@testable import NetpolRecipes

/// The cluster the effect tests run on: an application namespace `demo`, another namespace,
/// CoreDNS, a monitoring namespace and a few external names (like scenarios.md S1/S4).
private let inventory = Inventory(
  namespaces: [Namespace(name: "demo"), Namespace(name: "other"), Namespace(name: "kube-system")],
  pods: [
    Pod(
      namespace: "demo", name: "web", labels: ["app": "web"], ip: "10.0.1.10",
      ports: [ContainerPort(name: "http", port: 80)]),
    Pod(namespace: "demo", name: "client", labels: ["app": "client"], ip: "10.0.1.11"),
    Pod(namespace: "demo", name: "api", labels: ["app": "api"], ip: "10.0.1.12"),
    Pod(namespace: "demo", name: "plain", ip: "10.0.1.13"),
    Pod(namespace: "other", name: "x", labels: ["app": "x"], ip: "10.0.2.10"),
    Pod(
      namespace: "kube-system", name: "coredns", labels: ["k8s-app": "kube-dns"], ip: "10.0.0.10",
      ports: [
        ContainerPort(name: "dns", port: 53, protocol: .udp),
        ContainerPort(name: "dns-tcp", port: 53),
      ]),
    Pod(
      namespace: "monitoring", name: "prom", labels: ["app.kubernetes.io/name": "prometheus"],
      ip: "10.0.3.10"),
  ],
  external: [
    ExternalEndpoint(name: "github.com", isFQDN: true, ips: ["20.200.245.247"]),
    ExternalEndpoint(name: "api.github.com", isFQDN: true, ips: ["20.200.245.245"]),
    ExternalEndpoint(name: "google.com", isFQDN: true, ips: ["142.250.207.110"]),
    ExternalEndpoint(name: "naver.com", isFQDN: true, ips: ["223.130.200.236"]),
  ])

/// One recipe rendered in namespace `demo` (unless given), as in a plan's `apply` entry.
private struct Apply {
  var recipe: String
  var kind: PolicyKindChoice? = nil
  var namespace = "demo"
  var params: [String: String] = [:]
}

/// An engine on the test cluster with the policies of `applies`.
private func makeEngine(_ applies: [Apply], dataplane: Dataplane? = nil) throws -> PolicyEngine {
  let catalog = try Fixtures.catalog()
  var policies: [PolicyResource] = []
  for apply in applies {
    policies += try catalog.render(
      apply.recipe, parameters: apply.params, namespace: apply.namespace, policyName: nil,
      kind: apply.kind)
  }
  return PolicyEngine(inventory: inventory, policies: policies, dataplane: dataplane)
}

/// The verdict of `from -> to:port/protocol`.
private func verdict(
  _ engine: PolicyEngine, _ from: String, _ to: String, _ port: Int,
  _ flowProtocol: FlowProtocol = .tcp
) throws -> Verdict {
  let flow = Flow(
    source: try engine.resolve(from), destination: try engine.resolve(to),
    protocol: flowProtocol, port: port)
  return engine.verdict(flow)
}

private let demoPods = ["demo/web", "demo/client", "demo/api", "demo/plain"]

@Suite("Each recipe has its intended effect on the engine's verdicts")
struct EffectTests {
  @Test("default-deny-all denies every flow to and from the namespace, in both forms")
  func defaultDenyAll() throws {
    for (kind, dataplane) in [
      (PolicyKindChoice.networkpolicy, Dataplane.kubernetes), (.cnp, .cilium),
    ] {
      let engine = try makeEngine(
        [Apply(recipe: "default-deny-all", kind: kind)], dataplane: dataplane)
      for pod in demoPods {
        for peer in demoPods + ["other/x", "kube-system/coredns", "203.0.113.7"] where peer != pod {
          #expect(try verdict(engine, pod, peer, 80) == .deny, "\(kind) \(pod) -> \(peer)")
          #expect(try verdict(engine, peer, pod, 80) == .deny, "\(kind) \(peer) -> \(pod)")
        }
        #expect(try verdict(engine, pod, "kube-system/coredns", 53, .udp) == .deny)
      }
      // semantics.md §1.1: isolation is per namespace; other namespaces are untouched.
      #expect(try verdict(engine, "other/x", "kube-system/coredns", 53, .udp) == .allow)
    }
  }

  @Test("allow-dns restores only DNS to kube-dns after default-deny-all")
  func allowDNS() throws {
    for (kind, dataplane) in [
      (PolicyKindChoice.networkpolicy, Dataplane.kubernetes), (.cnp, .cilium),
    ] {
      let engine = try makeEngine(
        [Apply(recipe: "default-deny-all", kind: kind), Apply(recipe: "allow-dns", kind: kind)],
        dataplane: dataplane)
      #expect(try verdict(engine, "demo/client", "kube-system/coredns", 53, .udp) == .allow)
      #expect(try verdict(engine, "demo/client", "kube-system/coredns", 53, .tcp) == .allow)
      #expect(try verdict(engine, "demo/client", "kube-system/coredns", 80) == .deny)
      #expect(try verdict(engine, "demo/client", "other/x", 53, .udp) == .deny)
      #expect(try verdict(engine, "demo/client", "demo/web", 80) == .deny)
      #expect(try verdict(engine, "demo/client", "203.0.113.7", 53, .udp) == .deny)
    }
  }

  @Test("allow-dns as a clusterwide policy adds DNS without isolating anyone")
  func allowDNSClusterwide() throws {
    let engine = try makeEngine(
      [Apply(recipe: "default-deny-egress"), Apply(recipe: "allow-dns", kind: .ccnp)],
      dataplane: .cilium)
    #expect(try verdict(engine, "demo/client", "kube-system/coredns", 53, .udp) == .allow)
    #expect(try verdict(engine, "demo/client", "other/x", 80) == .deny)
    #expect(try verdict(engine, "other/x", "203.0.113.7", 443) == .allow)
  }

  @Test("allow-all-egress really allows egress in its Cilium form (scenarios.md S5)")
  func allowAllEgress() throws {
    let denied = try makeEngine(
      [Apply(recipe: "default-deny-egress", kind: .cnp)], dataplane: .cilium)
    #expect(try verdict(denied, "demo/client", "203.0.113.7", 443) == .deny)
    let engine = try makeEngine(
      [
        Apply(recipe: "default-deny-egress", kind: .cnp),
        Apply(recipe: "allow-all-egress", kind: .cnp, params: ["selector": "app=client"]),
      ], dataplane: .cilium)
    #expect(try verdict(engine, "demo/client", "203.0.113.7", 443) == .allow)
    #expect(try verdict(engine, "demo/client", "other/x", 80) == .allow)
    #expect(try verdict(engine, "demo/api", "other/x", 80) == .deny)
    let kubernetes = try makeEngine(
      [Apply(recipe: "default-deny-egress"), Apply(recipe: "allow-all-egress")])
    #expect(try verdict(kubernetes, "demo/client", "203.0.113.7", 443) == .allow)
  }

  @Test("allow-all-ingress and default-deny-ingress")
  func ingressAllOrNothing() throws {
    let denied = try makeEngine([Apply(recipe: "default-deny-ingress")])
    #expect(try verdict(denied, "other/x", "demo/web", 80) == .deny)
    #expect(try verdict(denied, "demo/web", "other/x", 80) == .allow)
    for kind in [PolicyKindChoice.networkpolicy, .cnp] {
      let engine = try makeEngine(
        [
          Apply(recipe: "default-deny-ingress", kind: kind),
          Apply(recipe: "allow-all-ingress", kind: kind, params: ["selector": "app=web"]),
        ], dataplane: kind == .cnp ? .cilium : .kubernetes)
      #expect(try verdict(engine, "other/x", "demo/web", 80) == .allow)
      #expect(try verdict(engine, "203.0.113.7", "demo/web", 80) == .allow)
      #expect(try verdict(engine, "other/x", "demo/api", 80) == .deny)
    }
  }

  @Test("frontend-backend lets only the frontend in, on the given ports")
  func frontendBackend() throws {
    for kind in [PolicyKindChoice.networkpolicy, .cnp] {
      let engine = try makeEngine(
        [
          Apply(
            recipe: "frontend-backend", kind: kind,
            params: ["selector": "app=web", "from": "app=client", "ports": "80"])
        ], dataplane: kind == .cnp ? .cilium : .kubernetes)
      #expect(try verdict(engine, "demo/client", "demo/web", 80) == .allow)
      #expect(try verdict(engine, "demo/client", "demo/web", 8080) == .deny)
      #expect(try verdict(engine, "demo/api", "demo/web", 80) == .deny)
      #expect(try verdict(engine, "other/x", "demo/web", 80) == .deny)
      #expect(try verdict(engine, "demo/web", "other/x", 80) == .allow)
    }
  }

  @Test("namespace fences: same namespace, other namespaces, one other namespace")
  func namespaces() throws {
    for kind in [PolicyKindChoice.networkpolicy, .cnp] {
      let dataplane: Dataplane = kind == .cnp ? .cilium : .kubernetes
      let same = try makeEngine(
        [Apply(recipe: "allow-same-namespace", kind: kind)], dataplane: dataplane)
      #expect(try verdict(same, "demo/api", "demo/web", 80) == .allow)
      #expect(try verdict(same, "demo/web", "other/x", 80) == .deny)
      #expect(try verdict(same, "other/x", "demo/web", 80) == .deny)
      let fence = try makeEngine(
        [Apply(recipe: "deny-from-other-namespaces", kind: kind)], dataplane: dataplane)
      #expect(try verdict(fence, "demo/api", "demo/web", 80) == .allow)
      #expect(try verdict(fence, "other/x", "demo/web", 80) == .deny)
      #expect(try verdict(fence, "demo/web", "other/x", 80) == .allow)
      let from = try makeEngine(
        [Apply(recipe: "allow-from-namespace", kind: kind, params: ["from-namespace": "other"])],
        dataplane: dataplane)
      #expect(try verdict(from, "other/x", "demo/web", 80) == .allow)
      #expect(try verdict(from, "demo/api", "demo/web", 80) == .deny)
      #expect(try verdict(from, "kube-system/coredns", "demo/web", 80) == .deny)
      let to = try makeEngine(
        [
          Apply(
            recipe: "allow-egress-to-namespace", kind: kind,
            params: ["to-namespace": "other", "ports": "80"])
        ], dataplane: dataplane)
      #expect(try verdict(to, "demo/client", "other/x", 80) == .allow)
      #expect(try verdict(to, "demo/client", "other/x", 81) == .deny)
      #expect(try verdict(to, "demo/client", "kube-system/coredns", 53, .udp) == .deny)
    }
  }

  @Test("deny-external-egress keeps egress inside the cluster, DNS included")
  func denyExternalEgress() throws {
    for kind in [PolicyKindChoice.networkpolicy, .cnp] {
      let engine = try makeEngine(
        [Apply(recipe: "deny-external-egress", kind: kind)],
        dataplane: kind == .cnp ? .cilium : .kubernetes)
      #expect(try verdict(engine, "demo/client", "other/x", 80) == .allow)
      #expect(try verdict(engine, "demo/client", "kube-system/coredns", 53, .udp) == .allow)
      #expect(try verdict(engine, "demo/client", "203.0.113.7", 443) == .deny)
    }
  }

  @Test("deny-cloud-metadata blocks 169.254.169.254 and nothing else")
  func denyCloudMetadata() throws {
    let forms: [(PolicyKindChoice, Dataplane)] = [
      (.cnp, .cilium), (.ccnp, .cilium), (.networkpolicy, .kubernetes),
    ]
    for (kind, dataplane) in forms {
      let engine = try makeEngine(
        [Apply(recipe: "deny-cloud-metadata", kind: kind)], dataplane: dataplane)
      #expect(try verdict(engine, "demo/client", "169.254.169.254", 80) == .deny, "\(kind)")
      #expect(try verdict(engine, "demo/client", "203.0.113.7", 443) == .allow, "\(kind)")
      #expect(try verdict(engine, "demo/client", "other/x", 80) == .allow, "\(kind)")
    }
    // semantics.md §2.5: a Cilium deny wins over any allow, from any policy kind.
    let overridden = try makeEngine(
      [Apply(recipe: "deny-cloud-metadata"), Apply(recipe: "allow-all-egress")], dataplane: .cilium)
    #expect(try verdict(overridden, "demo/client", "169.254.169.254", 80) == .deny)
  }

  @Test("the FQDN recipes allow exactly the listed names once DNS is proxied (scenarios.md S4)")
  func fqdn() throws {
    let engine = try makeEngine(
      [
        Apply(recipe: "allow-dns", kind: .cnp),
        Apply(recipe: "allow-egress-to-specific-domain"),
      ], dataplane: .cilium)
    #expect(try verdict(engine, "demo/client", "google.com", 443) == .allow)
    #expect(try verdict(engine, "demo/client", "api.github.com", 443) == .allow)
    #expect(try verdict(engine, "demo/client", "github.com", 443) == .allow)
    #expect(try verdict(engine, "demo/client", "naver.com", 443) == .deny)
    #expect(try verdict(engine, "demo/client", "google.com", 80) == .deny)
    let narrow = try makeEngine(
      [
        Apply(recipe: "allow-dns", kind: .cnp),
        Apply(
          recipe: "allow-egress-fqdn",
          params: ["selector": "app=client", "names": "*.github.com"]),
      ], dataplane: .cilium)
    #expect(try verdict(narrow, "demo/client", "api.github.com", 443) == .allow)
    #expect(try verdict(narrow, "demo/client", "github.com", 443) == .deny)
    let noDNS = try makeEngine(
      [Apply(recipe: "allow-egress-to-specific-domain")], dataplane: .cilium)
    #expect(try verdict(noDNS, "demo/client", "google.com", 443) == .deny)
  }

  @Test("ports, ranges and external sources")
  func portsAndRanges() throws {
    let limited = try makeEngine(
      [Apply(recipe: "limit-ingress-to-port", params: ["selector": "app=web", "ports": "80"])])
    #expect(try verdict(limited, "demo/client", "demo/web", 80) == .allow)
    #expect(try verdict(limited, "203.0.113.7", "demo/web", 80) == .allow)
    #expect(try verdict(limited, "demo/client", "demo/web", 8080) == .deny)
    let scrape = try makeEngine([
      Apply(recipe: "allow-monitoring-scrape", params: ["ports": "9090"])
    ])
    #expect(try verdict(scrape, "monitoring/prom", "demo/web", 9090) == .allow)
    #expect(try verdict(scrape, "monitoring/prom", "demo/web", 80) == .deny)
    #expect(try verdict(scrape, "other/x", "demo/web", 9090) == .deny)
    let world = try makeEngine(
      [Apply(recipe: "allow-ingress-from-world", params: ["selector": "app=web", "ports": "80"])])
    #expect(try verdict(world, "203.0.113.7", "demo/web", 80) == .allow)
    #expect(try verdict(world, "203.0.113.7", "demo/web", 22) == .deny)
    let cidr = try makeEngine(
      [
        Apply(
          recipe: "allow-egress-cidr",
          params: ["cidr": "203.0.113.0/24", "except": "203.0.113.128/25"])
      ])
    #expect(try verdict(cidr, "demo/client", "203.0.113.5", 443) == .allow)
    #expect(try verdict(cidr, "demo/client", "203.0.113.200", 443) == .deny)
    let apiserver = try makeEngine(
      [Apply(recipe: "allow-kube-apiserver", params: ["apiserver-cidr": "198.51.100.1/32"])])
    #expect(try verdict(apiserver, "demo/client", "198.51.100.1", 443) == .allow)
    #expect(try verdict(apiserver, "demo/client", "198.51.100.1", 80) == .deny)
  }

  @Test("the seed's demo-policy and allow-specific-pod behave as scenarios S1 and S3 say")
  func seedShapes() throws {
    let demo = try makeEngine(
      [Apply(recipe: "demo-policy", params: ["selector": "app=web", "from": "app=client"])])
    #expect(try verdict(demo, "demo/client", "demo/web", 80) == .allow)
    #expect(try verdict(demo, "demo/plain", "demo/web", 80) == .deny)
    let specific = try makeEngine(
      [
        Apply(
          recipe: "allow-specific-pod",
          params: [
            "selector": "app=client", "from": "app=api", "to": "app=web", "egress-port": "80",
          ])
      ])
    #expect(try verdict(specific, "demo/client", "demo/web", 80) == .allow)
    #expect(try verdict(specific, "demo/client", "kube-system/coredns", 53, .udp) == .deny)
    let fixed = try makeEngine(
      [
        Apply(
          recipe: "allow-specific-pod",
          params: [
            "selector": "app=client", "from": "app=api", "to": "app=web", "egress-port": "80",
          ]),
        Apply(recipe: "allow-dns", params: ["selector": "app=client"]),
      ])
    #expect(try verdict(fixed, "demo/client", "kube-system/coredns", 53, .udp) == .allow)
  }
}
