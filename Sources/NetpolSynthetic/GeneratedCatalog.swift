/// The applications, teams and distributions synthetic clusters are drawn from.
enum Catalog {
  /// An application: its tier, workload kind and container ports.
  struct App {
    var name: String
    var tier: String
    var kind: String
    var ports: [AppPort]
  }

  static let http = AppPort(name: "http", port: 8080, proto: "TCP")
  static let grpc = AppPort(name: "grpc", port: 9090, proto: "TCP")
  static let metrics = AppPort(name: "metrics", port: 9102, proto: "TCP")

  static let teams = [
    "payments", "checkout", "catalog", "search", "identity", "growth", "platform", "data", "ml",
    "logistics", "billing", "support", "mobile", "web", "ads", "risk", "inventory",
    "notifications", "media", "partners", "analytics", "security", "messaging", "reporting",
  ]

  static let environments = ["prod", "staging", "dev", "qa"]

  /// prod 4, staging 3, dev 2, qa 1.
  static func environmentWeight(_ environment: String) -> Double {
    Double(4 - (environments.firstIndex(of: environment) ?? 3))
  }

  static let apps: [App] = {
    func deployment(_ name: String, _ tier: String, _ ports: [AppPort]) -> App {
      App(name: name, tier: tier, kind: "Deployment", ports: ports)
    }
    func stateful(_ name: String, _ tier: String, _ ports: [AppPort]) -> App {
      App(name: name, tier: tier, kind: "StatefulSet", ports: ports)
    }
    let frontends = ["web", "frontend", "ui", "portal", "bff"].map {
      deployment($0, "frontend", $0 == "ui" ? [http] : [http, metrics])
    }
    let storefront = deployment(
      "storefront", "frontend", [http, AppPort(name: "https", port: 8443, proto: "TCP"), metrics])
    let backends: [(String, [AppPort])] = [
      ("api", [http, grpc, metrics]), ("gateway", [http, metrics]),
      ("auth", [http, grpc, metrics]),
      ("users", [grpc, metrics]), ("orders", [http, grpc, metrics]), ("cart", [grpc, metrics]),
      ("checkout", [grpc, metrics]), ("payments", [http, grpc, metrics]),
      ("catalog", [http, grpc, metrics]), ("search", [http, metrics]),
      ("inventory", [grpc, metrics]), ("shipping", [grpc, metrics]),
      ("notifications", [http, metrics]), ("recommendations", [grpc, metrics]),
      ("billing", [http, grpc, metrics]), ("reviews", [http, metrics]),
      ("pricing", [grpc, metrics]), ("profile", [http, metrics]),
    ]
    let workers = ["worker", "scheduler", "indexer", "mailer", "exporter"].map {
      deployment($0, "worker", [metrics])
    }
    return frontends + [storefront] + backends.map { deployment($0.0, "backend", $0.1) }
      + [
        stateful("redis", "cache", [AppPort(name: "redis", port: 6379, proto: "TCP")]),
        deployment("memcached", "cache", [AppPort(name: "memcache", port: 11211, proto: "TCP")]),
        stateful("postgres", "db", [AppPort(name: "postgres", port: 5432, proto: "TCP")]),
        stateful("mysql", "db", [AppPort(name: "mysql", port: 3306, proto: "TCP")]),
        stateful("mongodb", "db", [AppPort(name: "mongodb", port: 27017, proto: "TCP")]),
        stateful(
          "kafka", "queue",
          [
            AppPort(name: "kafka", port: 9092, proto: "TCP"),
            AppPort(name: "kafka-int", port: 9093, proto: "TCP"),
          ]),
        stateful(
          "rabbitmq", "queue",
          [
            AppPort(name: "amqp", port: 5672, proto: "TCP"),
            AppPort(name: "mgmt", port: 15672, proto: "TCP"),
          ]),
        stateful("nats", "queue", [AppPort(name: "client", port: 4222, proto: "TCP")]),
      ] + workers + [
        deployment("syslog", "worker", [AppPort(name: "syslog", port: 514, proto: "UDP")])
      ]
  }()

  static let tierWeights: [(String, Double)] = [
    ("frontend", 2), ("backend", 6), ("cache", 1), ("db", 1), ("queue", 0.6), ("worker", 1.5),
  ]

  /// Who calls a tier.
  static let callers: [String: [String]] = [
    "frontend": ["frontend"], "backend": ["frontend", "backend", "worker"],
    "cache": ["backend", "worker", "frontend"], "db": ["backend", "worker"],
    "queue": ["backend", "worker"], "worker": ["backend"],
  ]

  /// Deployment replica counts, heavy-tailed like real ones.
  static let replicas: [(Int, Double)] = [
    (1, 30), (2, 25), (3, 20), (4, 5), (5, 4), (6, 3), (8, 3), (10, 3), (12, 2), (16, 1.5),
    (20, 1.5), (30, 1), (50, 0.6), (100, 0.2),
  ]

  /// StatefulSet replica counts.
  static let statefulReplicas: [(Int, Double)] = [(1, 40), (2, 10), (3, 45), (5, 5)]

  /// The policy kinds and their weights.
  static let policyKinds: [(String, Double)] = [
    ("default-deny", 10), ("allow-dns", 8), ("allow-same-namespace", 7),
    ("frontend-to-backend", 28), ("cross-namespace", 15), ("ipblock-except", 8),
    ("named-port", 12), ("egress-to-datastore", 8), ("match-expressions", 4),
  ]
}
