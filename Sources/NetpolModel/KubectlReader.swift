/// Reading of cluster objects as `kubectl get -o yaml` prints them: Namespace, Pod and the pod
/// templates of workloads. Fields netpol does not use are ignored.
extension DocumentReader {
  /// Workload kinds whose pod template becomes one inventory pod, with their apiVersion.
  static let workloadKinds: [String: String] = [
    "Deployment": "apps/v1", "StatefulSet": "apps/v1", "DaemonSet": "apps/v1",
    "ReplicaSet": "apps/v1", "Job": "batch/v1", "ReplicationController": "v1",
  ]

  /// Kinds `kubectl get all` prints that carry no pods or namespaces; skipped silently.
  static let skippedKinds: [String: Set<String>] = [
    "Service": ["v1"], "CronJob": ["batch/v1", "batch/v1beta1"],
    "HorizontalPodAutoscaler": ["autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta2"],
  ]

  /// Lenient metadata: name, namespace, labels and owners.
  func clusterMetadata(_ document: YAMLNode, _ top: Fields)
    -> (name: String, namespace: String?, labels: [String: String], owners: [OwnerRef])?
  {
    guard let field = top["metadata"] else {
      error(document, "", "missing required field \"metadata\"")
      return nil
    }
    let known: Set<String> = ["name", "namespace", "labels", "ownerReferences"]
    guard let fields = fields(field.value, at: "metadata", known: known, strict: false),
      requireField(fields, "name", in: field.value, at: "metadata"),
      let nameField = fields["name"], let name = string(nameField.value, at: nameField.path)
    else { return nil }
    var namespace: String?
    if let field = fields["namespace"] {
      guard let text = string(field.value, at: field.path) else { return nil }
      namespace = text
    }
    var labels: [String: String] = [:]
    if let field = fields["labels"] {
      guard let map = stringMap(field.value, at: field.path) else { return nil }
      labels = map
    }
    var owners: [OwnerRef] = []
    if let field = fields["ownerReferences"], let items = items(field.value, at: field.path) {
      for item in items {
        guard
          let owner = self.fields(
            item.node, at: item.path, known: ["kind", "name", "controller"], strict: false),
          let kind = owner["kind"].flatMap({ string($0.value, at: $0.path) }),
          let ownerName = owner["name"].flatMap({ string($0.value, at: $0.path) })
        else { continue }
        let controller = owner["controller"].flatMap { bool($0.value, at: $0.path) } ?? false
        owners.append(OwnerRef(kind: kind, name: ownerName, controller: controller))
      }
    }
    return (name, namespace, labels, owners)
  }

  func clusterNamespace(_ document: YAMLNode, _ top: Fields, into builder: InventoryBuilder) {
    guard let meta = clusterMetadata(document, top) else { return }
    let namespace = Namespace(name: meta.name, labels: meta.labels)
    guard checkNamespace(namespace, written: meta.labels, at: "metadata") else { return }
    builder.sawInventory = true
    builder.add(namespace: namespace, at: location(document), reader: self, path: "")
  }

  func clusterPod(_ document: YAMLNode, _ top: Fields, into builder: InventoryBuilder) {
    guard let meta = clusterMetadata(document, top) else { return }
    var pod = Pod(namespace: meta.namespace ?? "default", name: meta.name, labels: meta.labels)
    if let field = top["spec"] {
      guard let ports = podSpecPorts(field.value, at: field.path) else { return }
      pod.ports = ports
    }
    var hostNetwork = false
    if let field = top["spec"],
      let spec = fields(
        field.value, at: field.path, known: ["hostNetwork", "nodeName"], strict: false)
    {
      if let flag = spec["hostNetwork"] {
        guard let value = bool(flag.value, at: flag.path) else { return }
        hostNetwork = value
      }
      if let name = spec["nodeName"] {
        guard let text = string(name.value, at: name.path) else { return }
        pod.node = text
      }
    }
    pod.hostNetwork = hostNetwork
    if let field = top["status"],
      let status = fields(field.value, at: field.path, known: ["podIP", "phase"], strict: false)
    {
      let phase = status["phase"].flatMap { string($0.value, at: $0.path) }
      // hostNetwork pods share the node's address and finished pods may hand theirs on:
      // neither identifies the pod, so their addresses are left out.
      if let ipField = status["podIP"], !hostNetwork, phase != "Succeeded", phase != "Failed" {
        guard let ip = string(ipField.value, at: ipField.path) else { return }
        pod.ip = ip
      }
    }
    guard checkPod(pod, at: "metadata") else { return }
    builder.sawInventory = true
    builder.add(
      pod: pod, at: location(document), reader: self, path: "", owners: meta.owners)
  }

  func clusterWorkload(
    _ document: YAMLNode, _ top: Fields, kind: String, into builder: InventoryBuilder
  ) {
    guard let meta = clusterMetadata(document, top) else { return }
    var pod = Pod(namespace: meta.namespace ?? "default", name: meta.name)
    if let spec = top["spec"],
      let specFields = fields(spec.value, at: spec.path, known: ["template"], strict: false),
      let template = specFields["template"],
      let templateFields = fields(
        template.value, at: template.path, known: ["metadata", "spec"], strict: false)
    {
      if let metaField = templateFields["metadata"],
        let metaFields = fields(
          metaField.value, at: metaField.path, known: ["labels"], strict: false),
        let labelsField = metaFields["labels"]
      {
        guard let labels = stringMap(labelsField.value, at: labelsField.path) else { return }
        pod.labels = labels
      }
      if let podSpec = templateFields["spec"] {
        guard let ports = podSpecPorts(podSpec.value, at: podSpec.path) else { return }
        pod.ports = ports
      }
    }
    guard checkPod(pod, at: "metadata") else { return }
    builder.sawInventory = true
    builder.addWorkload(
      Workload(kind: kind, pod: pod, owners: meta.owners), at: location(document), reader: self,
      path: "")
  }

  /// The container ports of a PodSpec (`containers[].ports[]`).
  func podSpecPorts(_ node: YAMLNode, at path: String) -> [ContainerPort]? {
    guard let spec = fields(node, at: path, known: ["containers"], strict: false) else {
      return nil
    }
    guard let containersField = spec["containers"] else { return [] }
    guard let containers = items(containersField.value, at: containersField.path) else {
      return nil
    }
    var ports: [ContainerPort] = []
    for container in containers {
      guard let fields = fields(container.node, at: container.path, known: ["ports"], strict: false)
      else { return nil }
      guard let portsField = fields["ports"] else { continue }
      guard let items = items(portsField.value, at: portsField.path) else { return nil }
      for item in items {
        guard
          let port = containerPort(
            item.node, at: item.path, names: ("name", "containerPort", "protocol"), strict: false)
        else { return nil }
        ports.append(port)
      }
    }
    return ports
  }
}
