import Foundation
import NetpolModel

/// What `kubectl get pods -A -o yaml|json` prints for the pods of Deployments on a real
/// cluster (owner references, annotations, containers with env, probes, resources and volume
/// mounts, tolerations, projected volumes, status with conditions and container statuses;
/// about 4 KB a pod in YAML), generated deterministically for `count` pods.
enum KubectlDump {
  /// One pod as a JSON-like value (dictionaries keep their insertion order in `Entry` lists).
  indirect enum Value {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case list([Value])
    case object([(String, Value)])
  }

  static func pod(_ index: Int, namespaces: Int) -> Value {
    let apps = ["web", "api", "worker", "cache", "frontend", "backend", "auth", "search"]
    let app = apps[index % apps.count]
    let namespace = "team\(index % namespaces)-prod"
    let hash = String(format: "%08x", (index / 7 &* 2_654_435_761) & 0xffff_ffff).prefix(10)
    let replicaSet = "\(app)-\(hash)"
    let name = "\(replicaSet)-\(String(format: "%05x", index))"
    let second = String(format: "%02d", index % 60)
    let time = "2026-11-20T10:12:\(second)Z"
    let image = "registry.example.com/\(namespace)/\(app):1.\(index % 40).0"
    let apiAccess = String(format: "kube-api-access-%05d", index)
    func probe(_ path: String, _ period: Int) -> Value {
      .object([
        ("failureThreshold", .int(3)),
        (
          "httpGet",
          .object([("path", .string(path)), ("port", .int(8080)), ("scheme", .string("HTTP"))])
        ),
        ("periodSeconds", .int(period)), ("successThreshold", .int(1)), ("timeoutSeconds", .int(1)),
      ])
    }
    let env: [Value] =
      (0..<5).map {
        .object([("name", .string("ENV_\($0)")), ("value", .string("value-\(index)-\($0)"))])
      }
      + [
        .object([
          ("name", .string("POD_IP")),
          (
            "valueFrom",
            .object([
              (
                "fieldRef",
                .object([("apiVersion", .string("v1")), ("fieldPath", .string("status.podIP"))])
              )
            ])
          ),
        ])
      ]
    let container: Value = .object([
      ("env", .list(env)), ("image", .string(image)), ("imagePullPolicy", .string("IfNotPresent")),
      ("livenessProbe", probe("/healthz", 10)), ("name", .string(app)),
      (
        "ports",
        .list([
          .object([
            ("containerPort", .int(8080)), ("name", .string("http")), ("protocol", .string("TCP")),
          ])
        ])
      ),
      ("readinessProbe", probe("/ready", 5)),
      (
        "resources",
        .object([
          ("limits", .object([("cpu", .string("500m")), ("memory", .string("512Mi"))])),
          ("requests", .object([("cpu", .string("100m")), ("memory", .string("128Mi"))])),
        ])
      ),
      ("terminationMessagePath", .string("/dev/termination-log")),
      ("terminationMessagePolicy", .string("File")),
      (
        "volumeMounts",
        .list([
          .object([
            ("mountPath", .string("/var/run/secrets/kubernetes.io/serviceaccount")),
            ("name", .string(apiAccess)), ("readOnly", .bool(true)),
          ]),
          .object([("mountPath", .string("/config")), ("name", .string("config"))]),
        ])
      ),
    ])
    let toleration = { (key: String) -> Value in
      .object([
        ("effect", .string("NoExecute")), ("key", .string(key)), ("operator", .string("Exists")),
        ("tolerationSeconds", .int(300)),
      ])
    }
    let volumes: Value = .list([
      .object([
        ("configMap", .object([("defaultMode", .int(420)), ("name", .string("\(app)-config"))])),
        ("name", .string("config")),
      ]),
      .object([
        ("name", .string(apiAccess)),
        (
          "projected",
          .object([
            ("defaultMode", .int(420)),
            (
              "sources",
              .list([
                .object([
                  (
                    "serviceAccountToken",
                    .object([("expirationSeconds", .int(3607)), ("path", .string("token"))])
                  )
                ]),
                .object([
                  (
                    "configMap",
                    .object([
                      (
                        "items",
                        .list([.object([("key", .string("ca.crt")), ("path", .string("ca.crt"))])])
                      ), ("name", .string("kube-root-ca.crt")),
                    ])
                  )
                ]),
                .object([
                  (
                    "downwardAPI",
                    .object([
                      (
                        "items",
                        .list([
                          .object([
                            (
                              "fieldRef",
                              .object([
                                ("apiVersion", .string("v1")),
                                ("fieldPath", .string("metadata.namespace")),
                              ])
                            ), ("path", .string("namespace")),
                          ])
                        ])
                      )
                    ])
                  )
                ]),
              ])
            ),
          ])
        ),
      ]),
    ])
    let conditions: [Value] = [
      "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled",
    ].map {
      .object([
        ("lastProbeTime", .null), ("lastTransitionTime", .string(time)),
        ("status", .string("True")), ("type", .string($0)),
      ])
    }
    let status: Value = .object([
      ("conditions", .list(conditions)),
      (
        "containerStatuses",
        .list([
          .object([
            (
              "containerID",
              .string(
                "containerd://" + String(repeating: "0", count: 56) + String(format: "%08x", index))
            ),
            ("image", .string(image)),
            ("imageID", .string("registry.example.com/x@sha256:" + String(format: "%064x", index))),
            ("lastState", .object([])), ("name", .string(app)), ("ready", .bool(true)),
            ("restartCount", .int(0)),
            ("started", .bool(true)),
            ("state", .object([("running", .object([("startedAt", .string(time))]))])),
          ])
        ])
      ),
      ("hostIP", .string("10.224.0.\(4 + index % 200)")), ("phase", .string("Running")),
      ("podIP", .string("10.\(1 + index / 65_536).\(index / 256 % 256).\(index % 256)")),
      ("qosClass", .string("Burstable")), ("startTime", .string(time)),
    ])
    return .object([
      ("apiVersion", .string("v1")), ("kind", .string("Pod")),
      (
        "metadata",
        .object([
          (
            "annotations",
            .object([
              ("kubectl.kubernetes.io/restartedAt", .string(time)),
              ("prometheus.io/port", .string("9090")),
              ("prometheus.io/scrape", .string("true")),
            ])
          ),
          ("creationTimestamp", .string(time)), ("generateName", .string("\(replicaSet)-")),
          (
            "labels",
            .object([
              ("app", .string(app)), ("pod-template-hash", .string(String(hash))),
              ("tier", .string(index % 2 == 0 ? "frontend" : "backend")),
            ])
          ),
          ("name", .string(name)), ("namespace", .string(namespace)),
          (
            "ownerReferences",
            .list([
              .object([
                ("apiVersion", .string("apps/v1")), ("blockOwnerDeletion", .bool(true)),
                ("controller", .bool(true)),
                ("kind", .string("ReplicaSet")), ("name", .string(replicaSet)),
                ("uid", .string("rs-\(index)")),
              ])
            ])
          ),
          ("resourceVersion", .string("\(100_000 + index)")),
          ("uid", .string(String(format: "%08x-1111-2222-3333-%012x", index, index))),
        ])
      ),
      (
        "spec",
        .object([
          ("containers", .list([container])), ("dnsPolicy", .string("ClusterFirst")),
          ("enableServiceLinks", .bool(true)),
          (
            "nodeName",
            .string(String(format: "aks-nodepool1-%08d-vmss%06d", index % 7, index % 30))
          ),
          ("preemptionPolicy", .string("PreemptLowerPriority")), ("priority", .int(0)),
          ("restartPolicy", .string("Always")),
          ("schedulerName", .string("default-scheduler")), ("securityContext", .object([])),
          ("serviceAccount", .string("default")), ("serviceAccountName", .string("default")),
          ("terminationGracePeriodSeconds", .int(30)),
          (
            "tolerations",
            .list([
              toleration("node.kubernetes.io/not-ready"),
              toleration("node.kubernetes.io/unreachable"),
            ])
          ),
          ("volumes", volumes),
        ])
      ),
      ("status", status),
    ])
  }

  /// The `kind: List` of `count` pods.
  static func list(pods count: Int, namespaces: Int) -> Value {
    .object([
      ("apiVersion", .string("v1")),
      ("items", .list((0..<count).map { pod($0, namespaces: namespaces) })),
      ("kind", .string("List")), ("metadata", .object([("resourceVersion", .string(""))])),
    ])
  }
}

extension KubectlDump.Value {
  /// Block-style YAML with keys in the order given, as PyYAML and kubectl print it.
  func yaml() -> String {
    var out = ""
    writeYAML(into: &out, indent: 0, inList: false)
    return out
  }

  private static func scalarText(_ text: String) -> String {
    let keywords: Set<String> = [
      "", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", "Null", "True", "False",
    ]
    let special = "-?:,[]{}#&*!|>'\"%@` "
    let first = text.first
    if keywords.contains(text) || first.map({ $0.isNumber || special.contains($0) }) == true
      || text.contains(": ") || text.contains(" #") || text.hasSuffix(":")
    {
      return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
    return text
  }

  private var inline: String? {
    switch self {
    case .string(let text): return Self.scalarText(text)
    case .int(let value): return String(value)
    case .bool(let value): return value ? "true" : "false"
    case .null: return "null"
    case .list(let items) where items.isEmpty: return "[]"
    case .object(let pairs) where pairs.isEmpty: return "{}"
    default: return nil
    }
  }

  private func writeYAML(into out: inout String, indent: Int, inList: Bool) {
    let pad = String(repeating: " ", count: indent)
    switch self {
    case .object(let pairs):
      for (offset, (key, value)) in pairs.enumerated() {
        if !(inList && offset == 0) { out += pad }
        out += key + ":"
        if let text = value.inline {
          out += " " + text + "\n"
        } else if case .list = value {
          out += "\n"
          value.writeYAML(into: &out, indent: indent, inList: false)
        } else {
          out += "\n"
          value.writeYAML(into: &out, indent: indent + 2, inList: false)
        }
      }
    case .list(let items):
      for item in items {
        out += pad + "- "
        if let text = item.inline {
          out += text + "\n"
        } else {
          item.writeYAML(into: &out, indent: indent + 2, inList: true)
        }
      }
    default:
      out += pad + (inline ?? "") + "\n"
    }
  }

  /// JSON indented by four spaces, as `kubectl get -o json` prints it.
  func json() -> String {
    var out = ""
    writeJSON(into: &out, indent: 0)
    return out + "\n"
  }

  private func writeJSON(into out: inout String, indent: Int) {
    let pad = String(repeating: " ", count: indent + 4)
    switch self {
    case .string(let text):
      out +=
        "\""
        + text.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "\"", with: "\\\"") + "\""
    case .int(let value): out += String(value)
    case .bool(let value): out += value ? "true" : "false"
    case .null: out += "null"
    case .list(let items):
      guard !items.isEmpty else { return out += "[]" }
      out += "[\n"
      for (offset, item) in items.enumerated() {
        out += pad
        item.writeJSON(into: &out, indent: indent + 4)
        out += offset + 1 < items.count ? ",\n" : "\n"
      }
      out += String(repeating: " ", count: indent) + "]"
    case .object(let pairs):
      guard !pairs.isEmpty else { return out += "{}" }
      out += "{\n"
      for (offset, (key, value)) in pairs.enumerated() {
        out += pad + "\"" + key + "\": "
        value.writeJSON(into: &out, indent: indent + 4)
        out += offset + 1 < pairs.count ? ",\n" : "\n"
      }
      out += String(repeating: " ", count: indent) + "}"
    }
  }
}

/// The load benchmark: `netpol validate -f` throughput on a kubectl dump of `pods` pods, as
/// YAML and as JSON, read from a file through the same loader the CLI uses.
func runLoadBench(pods: Int = 3_000, namespaces: Int = 50) {
  let dump = KubectlDump.list(pods: pods, namespaces: namespaces)
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("netpol-load-bench-\(getpid())")
  try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  print("")
  print("load: kubectl get pods -A dump of \(pods) pods, read as `netpol validate -f` reads it")
  for (format, text) in [("yaml", dump.yaml()), ("json", dump.json())] {
    let path = directory.appendingPathComponent("dump.\(format)").path
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
      print("  cannot write \(path)")
      continue
    }
    let megabytes = Double(text.utf8.count) / 1_048_576
    var best = Double.infinity
    var result = LoadResult()
    for _ in 0..<3 {
      let (time, loaded) = timed { PolicyLoader.load(paths: [path]) }
      best = min(best, time)
      result = loaded
    }
    let (guardTime, _) = timed { YAMLInput.aliasGuardFinding(text: text, file: path) }
    let problems = result.diagnostics.count
    print(
      "  \(format): \(String(format: "%.1f", megabytes)) MB, \(result.inventory.pods.count) pods, "
        + "\(problems) problems: \(seconds(best)), "
        + "\(String(format: "%.0f", megabytes / best)) MB/s (alias guard \(seconds(guardTime)))")
  }
}
