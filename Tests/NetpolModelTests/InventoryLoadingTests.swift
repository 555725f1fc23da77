import NetpolModel
import Testing

// The inventory format of issue 2 item 7 and docs/inventory.md.
@Suite("PolicyLoader reads the inventory format")
struct InventoryLoadingTests {
  @Test("namespaces, pods with ports, fqdn and named external endpoints")
  func inventoryFile() {
    let text = """
      namespaces:
        - name: demo
          labels: {team: web}
      pods:
        - {namespace: demo, name: server, labels: {app: server}, ip: 10.244.0.107,
           ports: [{name: http, port: 80, protocol: TCP}]}
        - {namespace: kube-system, name: coredns, labels: {k8s-app: kube-dns},
           ports: [{name: dns, port: 53, protocol: UDP}, {name: dns-tcp, port: 53}]}
        - {namespace: demo, name: client}
      external:
        - {fqdn: google.com, ips: [142.250.207.110]}
        - {name: office, cidr: 203.0.113.0/24}
        - {name: backup, ip: 198.51.100.7}
      """
    let result = Fixture.load(text, file: "inventory.yaml")
    #expect(result.diagnostics.isEmpty)
    #expect(result.hasInventory)
    #expect(result.policies.isEmpty)
    let expected = Inventory(
      namespaces: [Namespace(name: "demo", labels: ["team": "web"])],
      pods: [
        Pod(
          namespace: "demo", name: "server", labels: ["app": "server"], ip: "10.244.0.107",
          ports: [ContainerPort(name: "http", port: 80, protocol: .tcp)]),
        Pod(
          namespace: "kube-system", name: "coredns", labels: ["k8s-app": "kube-dns"],
          ports: [
            ContainerPort(name: "dns", port: 53, protocol: .udp),
            ContainerPort(name: "dns-tcp", port: 53, protocol: .tcp),
          ]),
        Pod(namespace: "demo", name: "client"),
      ],
      external: [
        ExternalEndpoint(name: "google.com", isFQDN: true, ips: ["142.250.207.110"]),
        ExternalEndpoint(name: "office", isFQDN: false, ips: ["203.0.113.0/24"]),
        ExternalEndpoint(name: "backup", isFQDN: false, ips: ["198.51.100.7"]),
      ])
    #expect(result.inventory == expected)
    // the API server labels every namespace with its name (issue 2 item 2)
    #expect(
      result.inventory.namespace(named: "demo")?.labels
        == ["team": "web", "kubernetes.io/metadata.name": "demo"])
    #expect(
      result.inventory.namespace(named: "kube-system")?.labels
        == ["kubernetes.io/metadata.name": "kube-system"])
  }

  @Test("inventories and policies of several files merge into one result")
  func merging() {
    let text = """
      pods: [{namespace: a, name: p1}]
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: x, namespace: a}
      ---
      pods: [{namespace: b, name: p2}]
      """
    let result = Fixture.load(text)
    #expect(result.diagnostics.isEmpty)
    #expect(result.inventory.pods.map(\.id) == ["a/p1", "b/p2"])
    #expect(result.inventory.namespaces.map(\.name) == ["a", "b"])
    #expect(result.policies.count == 1)
  }

  @Test("duplicates and bad values in the inventory are reported with their place")
  func problems() {
    let text = """
      namespaces:
      - {name: demo}
      - {name: demo}
      pods:
      - {namespace: demo, name: a, ip: 10.0.0.1}
      - {namespace: demo, name: a}
      - {namespace: demo, name: b, ip: 10.0.0.1}
      - {namespace: demo, name: c, ip: 10.0.0.300}
      - {namespace: demo, name: d, ports: [{port: 0}]}
      - {namespace: demo, name: e, ports: [{port: 80, name: HTTP}]}
      - {namespace: demo, name: f, ports: [{port: 80, protocol: ICMP}]}
      - {namespace: Demo, name: g}
      - {name: h}
      external:
      - {fqdn: google.com}
      - {name: x, ip: 10.0.0.0/8}
      - {name: y, ip: 1.2.3.4, cidr: 1.2.3.0/24}
      """
    #expect(
      Fixture.messages(text) == [
        "bad.yaml:8:34: pods[3].ip: invalid value \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
        "bad.yaml:9:45: pods[4].ports[0].port: invalid value 0: must be between 1 and 65535, inclusive",
        "bad.yaml:10:55: pods[5].ports[0].name: invalid value \"HTTP\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
        "bad.yaml:11:59: pods[6].ports[0].protocol: unsupported value \"ICMP\": supported values: \"TCP\", \"UDP\", \"SCTP\"",
        "bad.yaml:12:15: pods[7].namespace: invalid value \"Demo\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        "bad.yaml:13:3: pods[8]: missing required field \"namespace\"",
        "bad.yaml:15:3: external[0]: an fqdn entry is {fqdn, ips}: give `ips` and nothing else",
        "bad.yaml:16:17: external[1].ip: invalid value \"10.0.0.0/8\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
        "bad.yaml:17:3: external[2]: an external entry is {fqdn, ips}, {name, ip}, {name, cidr} or {name, ips}",
        "bad.yaml:3:3: namespaces[1]: duplicate namespace \"demo\" (first defined at bad.yaml:2:3)",
        "bad.yaml:6:3: pods[1]: duplicate pod \"demo/a\" (first defined at bad.yaml:5:3)",
        "bad.yaml:7:3: pods[2].ip: IP 10.0.0.1 is already used by pod \"demo/a\" (bad.yaml:5:3)",
      ])
  }
}

// Object shapes from the Kubernetes API (core/v1 Namespace, Pod; apps/v1 workloads).
@Suite("PolicyLoader imports namespaces and pods from kubectl output")
struct KubectlImportTests {
  @Test("Namespace and Pod objects: labels, podIP, container ports; unknown fields ignored")
  func namespacesAndPods() {
    let text = """
      apiVersion: v1
      kind: List
      items:
      - apiVersion: v1
        kind: Namespace
        metadata:
          name: demo
          labels: {kubernetes.io/metadata.name: demo, team: web}
          uid: 1b2c
        spec: {finalizers: [kubernetes]}
        status: {phase: Active}
      - apiVersion: v1
        kind: Pod
        metadata:
          name: server
          namespace: demo
          labels: {app: server}
          ownerReferences: []
        spec:
          nodeName: node-1
          containers:
          - name: nginx
            image: nginx:1.27
            ports:
            - {name: http, containerPort: 80, protocol: TCP}
            - {containerPort: 9090}
          - name: sidecar
            image: busybox
        status: {phase: Running, podIP: 10.244.0.107, podIPs: [{ip: 10.244.0.107}]}
      - apiVersion: v1
        kind: Pod
        metadata: {name: kube-proxy-x, namespace: kube-system}
        spec: {hostNetwork: true, containers: [{name: kube-proxy}]}
        status: {podIP: 172.18.0.2}
      - apiVersion: v1
        kind: Pod
        metadata: {name: job-done, namespace: demo}
        spec: {containers: [{name: run}]}
        status: {phase: Succeeded, podIP: 10.244.0.9}
      - apiVersion: v1
        kind: Service
        metadata: {name: server, namespace: demo}
        spec: {ports: [{port: 80}]}
      """
    let result = Fixture.load(text)
    #expect(result.diagnostics.isEmpty)
    #expect(result.hasInventory)
    let expected = Inventory(
      namespaces: [Namespace(name: "demo", labels: ["team": "web"])],
      pods: [
        Pod(
          namespace: "demo", name: "server", labels: ["app": "server"], ip: "10.244.0.107",
          ports: [ContainerPort(name: "http", port: 80), ContainerPort(port: 9090)],
          node: "node-1"),
        Pod(namespace: "kube-system", name: "kube-proxy-x", hostNetwork: true),
        Pod(namespace: "demo", name: "job-done"),
      ])
    #expect(result.inventory == expected)
  }

  @Test("a workload without pods in the input becomes one pod named after it")
  func workloadTemplates() {
    let text = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop, labels: {app: web}}
      spec:
        replicas: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web, tier: front}}
          spec:
            containers:
            - name: web
              ports: [{name: http, containerPort: 8080}]
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db}
      spec:
        template:
          metadata: {labels: {app: db}}
          spec: {containers: [{name: pg, ports: [{containerPort: 5432}]}]}
      ---
      apiVersion: batch/v1
      kind: Job
      metadata: {name: migrate, namespace: shop}
      spec: {template: {spec: {containers: [{name: m}]}}}
      """
    let result = Fixture.load(text)
    #expect(result.diagnostics.isEmpty)
    #expect(
      result.inventory.pods == [
        Pod(
          namespace: "shop", name: "web", labels: ["app": "web", "tier": "front"],
          ports: [ContainerPort(name: "http", port: 8080)],
          controller: WorkloadRef(kind: "Deployment", name: "web")),
        Pod(
          namespace: "default", name: "db", labels: ["app": "db"], ports: [.init(port: 5432)],
          controller: WorkloadRef(kind: "StatefulSet", name: "db")),
        Pod(
          namespace: "shop", name: "migrate", controller: WorkloadRef(kind: "Job", name: "migrate")),
      ])
  }

  @Test("kubectl get all: pods win over their ReplicaSet and Deployment templates")
  func getAll() {
    let text = """
      apiVersion: v1
      kind: List
      items:
      - apiVersion: v1
        kind: Pod
        metadata:
          name: web-5d4f8-abcde
          namespace: shop
          labels: {app: web}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d4f8, uid: u1}]
        spec: {containers: [{name: web}]}
        status: {podIP: 10.0.0.5}
      - apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web}]}}}
      - apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: web-5d4f8
          namespace: shop
          ownerReferences: [{kind: Deployment, name: web}]
        spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web}]}}}
      - apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: api-77f
          namespace: shop
          ownerReferences: [{kind: Deployment, name: api}]
        spec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{name: api}]}}}
      - apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{name: api}]}}}
      - apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web, namespace: shop}
      - apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly, namespace: shop}
      """
    let result = Fixture.load(text)
    #expect(result.diagnostics.isEmpty)
    #expect(
      result.inventory.pods == [
        Pod(
          namespace: "shop", name: "web-5d4f8-abcde", labels: ["app": "web"], ip: "10.0.0.5",
          controller: WorkloadRef(kind: "Deployment", name: "web")),
        Pod(
          namespace: "shop", name: "api", labels: ["app": "api"],
          controller: WorkloadRef(kind: "Deployment", name: "api")),
      ])
  }

  @Test("kubectl objects still need their types right")
  func typeErrors() {
    let text = """
      apiVersion: v1
      kind: Pod
      metadata: {name: p, labels: {version: 2}}
      """
    #expect(
      Fixture.messages(text) == [
        "bad.yaml:3:39: metadata.labels.version: expected a string, found a number (quote it: \"2\")"
      ])
  }
}
