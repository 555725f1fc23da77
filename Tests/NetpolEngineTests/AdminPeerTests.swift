import NetpolEngine
import NetpolModel
import Testing

// Peers and ports: kubernetes-sigs/network-policy-api apis/v1alpha1/shared_types.go (v0.1.8),
// apis/v1alpha2/clusternetworkpolicy_types.go (HEAD), site-src/npeps/npep-133.md (domainNames).
private let harry = "\(AdminFixture.gryffindor)/harry-potter-0"

private func egressRule(_ rule: String, v1alpha2: Bool = false) -> [PolicyResource] {
  let text = """
    apiVersion: policy.networking.k8s.io/v1alpha1
    kind: AdminNetworkPolicy
    metadata: {name: e}
    spec:
      priority: 1
      subject: {namespaces: {}}
      egress:
      - \(rule)
    """
  let policies = AdminFixture.policies(text)
  return v1alpha2
    ? policies.map { AdminFixture.asClusterNetworkPolicy($0, tier: .admin) } : policies
}

private var cluster: Inventory {
  var inventory = AdminFixture.inventory
  inventory.nodes = [
    ClusterNode(
      name: "cp", labels: ["node-role.kubernetes.io/control-plane": ""], ips: ["192.168.0.1"]),
    ClusterNode(name: "w1", labels: ["role": "worker"], ips: ["192.168.0.2"]),
  ]
  inventory.pods.append(
    Pod(
      namespace: "kube-system", name: "agent", labels: ["app": "agent"], node: "w1",
      hostNetwork: true))
  inventory.pods[0].ports = [ContainerPort(name: "web", port: 8080)]
  inventory.external = [
    ExternalEndpoint(name: "metadata", isFQDN: false, ips: ["169.254.169.254"]),
    ExternalEndpoint(name: "www.kubernetes.io", isFQDN: true, ips: ["203.0.113.5"]),
  ]
  inventory.completeNamespaces()
  return inventory
}

@Suite("Admin peers match namespaces, pods, nodes, networks and domain names as the API defines")
struct AdminPeerTests {
  @Test("networks match external addresses and pod addresses too", arguments: [false, true])
  func networks(v1alpha2: Bool) {
    let policies = egressRule(
      "{action: Deny, to: [{networks: [10.0.2.0/24, 169.254.169.254/32]}]}", v1alpha2: v1alpha2)
    #expect(!AdminFixture.allowed(policies, inventory: cluster, from: harry, to: "metadata"))
    // 10.0.2.0/24 holds the ravenclaw pods of the fixture
    #expect(
      !AdminFixture.allowed(
        policies, inventory: cluster, from: harry, to: "\(AdminFixture.ravenclaw)/luna-lovegood-0"))
    #expect(
      AdminFixture.allowed(
        policies, inventory: cluster, from: harry, to: "\(AdminFixture.slytherin)/draco-malfoy-0"))
  }

  @Test("nodes match the addresses of nodes with matching labels, host-network pods included")
  func nodes() {
    let policies = egressRule("{action: Deny, to: [{nodes: {matchLabels: {role: worker}}}]}")
    #expect(!AdminFixture.allowed(policies, inventory: cluster, from: harry, to: "192.168.0.2"))
    #expect(
      !AdminFixture.allowed(policies, inventory: cluster, from: harry, to: "kube-system/agent"))
    #expect(AdminFixture.allowed(policies, inventory: cluster, from: harry, to: "192.168.0.1"))
  }

  @Test("a host-network pod is never a subject nor a namespaces peer")
  func hostNetwork() {
    let denyAll = """
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: AdminNetworkPolicy
      metadata: {name: d}
      spec:
        priority: 1
        subject: {namespaces: {}}
        ingress:
        - {action: Deny, from: [{namespaces: {}}]}
      """
    let policies = AdminFixture.policies(denyAll)
    // the agent is reached as its node: the subject excludes it
    #expect(
      AdminFixture.allowed(policies, inventory: cluster, from: harry, to: "kube-system/agent"))
    // and traffic from it is not from a namespace
    #expect(
      AdminFixture.allowed(policies, inventory: cluster, from: "kube-system/agent", to: harry))
    #expect(
      !AdminFixture.allowed(
        policies, inventory: cluster, from: "\(AdminFixture.ravenclaw)/luna-lovegood-0", to: harry))
  }

  @Test("a *. domain name matches one or more whole labels but not the bare domain")
  func domainNames() {
    #expect(AdminDomainName.matches("*.kubernetes.io", host: "www.kubernetes.io"))
    #expect(AdminDomainName.matches("*.kubernetes.io", host: "latest.blog.kubernetes.io"))
    #expect(!AdminDomainName.matches("*.kubernetes.io", host: "kubernetes.io"))
    #expect(AdminDomainName.matches("kubernetes.io", host: "Kubernetes.IO."))
    let policies = egressRule(
      "{action: Deny, to: [{domainNames: [\"*.kubernetes.io\"]}]}", v1alpha2: true)
    #expect(
      !AdminFixture.allowed(
        policies, inventory: cluster, from: harry, to: "www.kubernetes.io", .tcp, 443))
  }

  @Test(
    "port numbers, ranges and named ports match the destination's port", arguments: [false, true])
  func ports(v1alpha2: Bool) {
    let policies = egressRule(
      "{action: Deny, to: [{namespaces: {}}], ports: [{portNumber: {protocol: UDP, port: 53}}, {portRange: {start: 9000, end: 9010}}, {namedPort: web}]}",
      v1alpha2: v1alpha2)
    let luna = "\(AdminFixture.ravenclaw)/luna-lovegood-0"
    #expect(!AdminFixture.allowed(policies, inventory: cluster, from: luna, to: harry, .udp, 53))
    #expect(AdminFixture.allowed(policies, inventory: cluster, from: luna, to: harry, .tcp, 53))
    #expect(!AdminFixture.allowed(policies, inventory: cluster, from: luna, to: harry, .tcp, 9010))
    #expect(AdminFixture.allowed(policies, inventory: cluster, from: luna, to: harry, .tcp, 9011))
    // harry's container port "web" is 8080/TCP
    #expect(!AdminFixture.allowed(policies, inventory: cluster, from: luna, to: harry, .tcp, 8080))
  }
}

@Suite("Admin policies are not enforced on dataplanes that do not implement them")
struct AdminDataplaneTests {
  @Test("Cilium and the Azure dataplanes ignore them; Calico enforces the v1alpha1 kinds")
  func enforcement() {
    let policies = egressRule("{action: Deny, to: [{networks: [169.254.169.254/32]}]}")
    for dataplane in [
      Dataplane.cilium, .azureNPM, .azureNPMWindows, .azureCilium, .azureCiliumACNS,
    ] {
      #expect(
        AdminFixture.allowed(
          policies, inventory: cluster, from: harry, to: "metadata", dataplane: dataplane))
      #expect(!DataplaneProfile(dataplane).enforces(.adminNetworkPolicy))
    }
    #expect(
      !AdminFixture.allowed(
        policies, inventory: cluster, from: harry, to: "metadata", dataplane: .calico))
    #expect(!DataplaneProfile(.calico).enforces(.clusterNetworkPolicy))
  }

  @Test("explain says the policy is not enforced on the dataplane")
  func explainNote() throws {
    let policies = egressRule("{action: Deny, to: [{networks: [169.254.169.254/32]}]}")
    let engine = PolicyEngine(inventory: cluster, policies: policies, dataplane: .cilium)
    let flow = Flow(
      source: try engine.resolve(harry), destination: try engine.resolve("metadata"), port: 80)
    #expect(
      engine.explain(flow).notes.contains(
        "e is not applied: AdminNetworkPolicy is not enforced on cilium"))
  }
}
