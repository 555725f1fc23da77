/// A shell command as `help` describes it.
public struct CommandSpec: Sendable {
  /// The command word.
  public var name: String
  /// Other words that run the same command.
  public var aliases: [String]
  /// The group `help` lists it under.
  public var group: String
  /// Usage lines.
  public var usage: [String]
  /// One-line summary.
  public var summary: String
  /// Longer explanation.
  public var details: String
  /// Example command lines.
  public var examples: [String]
  /// The words that may follow the command word (subcommands), if any.
  public var subcommands: [String]

  /// Whether `word` names this command.
  public func matches(_ word: String) -> Bool {
    let lower = word.lowercased()
    return name == lower || aliases.contains(lower)
  }
}

/// Every command of the shell, in `help` order.
public enum CommandCatalog {
  /// The command groups, in `help` order.
  public static let groups = ["Cluster", "Policies", "Views", "Teaching", "Files", "Session"]

  /// The command named `word` (or one of its aliases).
  public static func command(named word: String) -> CommandSpec? {
    all.first { $0.matches(word) }
  }

  /// The commands.
  public static let all: [CommandSpec] =
    cluster + policies + views + TeachingCatalog.commands + files + session

  private static func spec(
    _ name: String, _ group: String, aliases: [String] = [], usage: [String], summary: String,
    details: String = "", examples: [String] = [], subcommands: [String] = []
  ) -> CommandSpec {
    CommandSpec(
      name: name, aliases: aliases, group: group, usage: usage, summary: summary,
      details: details, examples: examples, subcommands: subcommands)
  }

  private static let cluster: [CommandSpec] = [
    spec(
      "ns", "Cluster", usage: ["ns add NAME [KEY=VALUE...]", "ns rm NAME"],
      summary: "add (or relabel) and remove namespaces",
      details: "Every namespace carries kubernetes.io/metadata.name=NAME, as the API server adds.",
      examples: ["ns add shop team=web", "ns rm shop"], subcommands: ["add", "rm"]),
    spec(
      "pod", "Cluster",
      usage: [
        "pod add NS/NAME [KEY=VALUE...] [--ip IP] [--port [NAME:]PORT[/PROTO]...]",
        "pod rm NS/NAME",
      ],
      summary: "add and remove pods",
      details: "A missing namespace is created. Ports default to TCP.",
      examples: ["pod add demo/web app=web --ip 10.0.0.5 --port http:80/TCP", "pod rm demo/web"],
      subcommands: ["add", "rm"]),
    spec(
      "label", "Cluster", usage: ["label NS/POD KEY=VALUE..."],
      summary: "set labels on a pod", examples: ["label demo/client app=client"]),
    spec(
      "unlabel", "Cluster", usage: ["unlabel NS/POD KEY..."],
      summary: "remove labels from a pod", examples: ["unlabel demo/client app"]),
    spec(
      "external", "Cluster", usage: ["external add NAME IP...", "external rm NAME"],
      summary: "add and remove endpoints outside the cluster",
      details: "A NAME with a dot is a DNS name pods can resolve (for fqdn peers).",
      examples: ["external add google.com 142.250.207.110", "external rm google.com"],
      subcommands: ["add", "rm"]),
    spec("cluster", "Cluster", usage: ["cluster"], summary: "show namespaces, pods and externals"),
  ]

  private static let policies: [CommandSpec] = [
    spec(
      "policy", "Policies", usage: ["policy NAME [-n NS] [--kind networkpolicy|cnp|ccnp]"],
      summary: "create a policy or switch the draft to it",
      details: """
        The draft is the policy that select, allow, deny, rule and types change. The namespace
        defaults to `set namespace` (initially `default`); the kind to networkpolicy.
        """,
      examples: ["policy demo-policy -n demo", "policy fqdn -n demo --kind cnp"]),
    spec(
      "select", "Policies", usage: ["select SELECTOR"],
      summary: "choose the pods the draft applies to",
      details: "SELECTOR is kubectl's -l syntax; `all` or `{}` selects every pod.",
      examples: ["select app=server", "select 'env in (prod,qa),!legacy'"]),
    spec(
      "allow", "Policies",
      usage: [
        "allow ingress from PEER [port PORT[/PROTO]...]",
        "allow egress to PEER [port PORT[/PROTO]...] [dns PATTERN...]",
      ],
      summary: "add an allow rule to the draft",
      details: """
        PEER is one of: pods SELECTOR [in ns NS|SELECTOR], ns NS|SELECTOR, cidr CIDR [except
        CIDR...], fqdn NAME|PATTERN... (Cilium egress), entity NAME... (Cilium), all.
        PORT is a number, a range 8000-8080 or a container port name; PROTO is TCP (default),
        UDP, SCTP or, on Cilium kinds, ANY. `dns PATTERN...` adds a DNS proxy rule (Cilium).
        """,
      examples: [
        "allow ingress from pods app=client port 80/TCP",
        "allow egress to pods k8s-app=kube-dns in ns kube-system port 53/UDP 53/TCP",
        "allow egress to fqdn example.com '*.google.com' port 443",
      ]),
    spec(
      "deny", "Policies",
      usage: ["deny ingress from PEER [port ...]", "deny egress to PEER [port ...]"],
      summary: "add a deny rule to the draft (Cilium and admin kinds)",
      examples: ["deny egress to cidr 10.0.0.0/8"]),
    spec(
      "pass", "Policies",
      usage: ["pass ingress from PEER [port ...]", "pass egress to PEER [port ...]"],
      summary: "add a Pass rule to an admin policy: the next tier decides",
      details: """
        Pass skips the remaining rules of the draft's tier: in the Admin tier the namespaces' \
        NetworkPolicies decide, in the Baseline tier (ClusterNetworkPolicy only) the default.
        """,
      examples: ["pass ingress from ns tenant=blue"]),
    spec(
      "priority", "Policies", usage: ["priority N"],
      summary: "set the draft admin policy's priority (0-1000, lower first)",
      examples: ["priority 10"]),
    spec(
      "rule", "Policies", usage: ["rule rm N"], summary: "remove rule N of the draft (see show)",
      examples: ["rule rm 2"], subcommands: ["rm"]),
    spec(
      "types", "Policies", usage: ["types ingress|egress|both|default"],
      summary: "set the draft's policyTypes (NetworkPolicy)",
      details: "`default` removes policyTypes: Ingress, plus Egress when there are egress rules.",
      examples: ["types egress"]),
    spec("policies", "Policies", usage: ["policies"], summary: "list the policies"),
    spec(
      "show", "Policies", usage: ["show [NAME]"], summary: "show a policy's rules (default: draft)",
      examples: ["show demo-policy"]),
    spec(
      "rm", "Policies", usage: ["rm NAME"], summary: "remove a policy", examples: ["rm demo-policy"]
    ),
    spec(
      "use", "Policies", usage: ["use DATAPLANE|auto [--cilium-version X.Y]"],
      summary: "choose the dataplane that evaluates the policies",
      details: """
        auto = cilium if any Cilium object exists, else kubernetes. --cilium-version sets the
        Cilium version assumed, as `set cilium-version` does.
        """,
      examples: ["use cilium", "use azure-npm", "use cilium --cilium-version 1.18"]),
    spec(
      "recipe", "Policies",
      usage: [
        "recipe [NAME [KEY=VALUE...] [-n NS] [--name NAME] [--kind KIND]]", "recipe show NAME",
      ],
      summary: "add the policies of a recipe (no NAME: list the recipes; show NAME: describe one)",
      examples: ["recipe allow-dns", "recipe default-deny-all -n demo", "recipe show allow-dns"]),
  ]

  private static let views: [CommandSpec] = [
    spec(
      "matrix", "Views",
      usage: [
        "matrix [--port PORT/PROTO] [--from PATTERN] [--to PATTERN] [-n NS | -A] "
          + "[--group-by pod|workload|namespace]"
      ],
      summary: "show which pods may connect to which",
      details:
        "Without --port, one table per container port of the cluster. PATTERN is a selector, "
        + "NS/NAME (a pod or a workload), a namespace, a workload name or a glob (web-prod/*). "
        + "Grouped cells count allowed pod pairs (3/4).",
      examples: [
        "matrix", "matrix --port 80/TCP --to app=server", "matrix --group-by namespace",
      ]),
    spec(
      "explain", "Views", usage: ["explain SRC DST PORT[/PROTO]|PORTNAME"],
      summary: "say why a flow is allowed or denied",
      details:
        "SRC and DST are NS/POD, a workload (its first pod), an IP address or an external "
        + "name; a port name is looked up on the destination pod.",
      examples: ["explain demo/client demo/server 80/TCP"]),
    spec(
      "report", "Views",
      usage: [
        "report FILE [--port PORT/PROTO] [--from PATTERN] [--to PATTERN] [-n NS | -A] "
          + "[--group-by pod|workload|namespace]"
      ],
      summary: "write the matrices as one self-contained HTML heatmap",
      details: "Takes the options of matrix; hovering a cell shows its counts.",
      examples: ["report matrix.html --group-by namespace"]),
    spec(
      "expect", "Views", usage: ["expect allow|deny SRC DST PORT[/PROTO]"],
      summary: "check that a flow is allowed or denied",
      details: """
        SRC and DST as explain takes them; PORT may also name a container port of DST. Prints
        PASS or FAIL with the policies and rules that decide the flow. In `netpol run` every
        expectation runs and the script fails at the end if any did not hold.
        """,
      examples: [
        "expect deny demo/client demo/server 80/TCP", "expect allow demo/client demo/server http",
      ]),
    spec("diff", "Views", usage: ["diff"], summary: "show what the last step changed"),
    spec("undo", "Views", usage: ["undo"], summary: "revert the last change"),
    spec("redo", "Views", usage: ["redo"], summary: "re-apply the last undone change"),
  ]

  private static let files: [CommandSpec] = [
    spec(
      "load", "Files", usage: ["load FILE..."],
      summary: "read an inventory, policies or a kubectl dump (detected by content)",
      details: "An inventory replaces the cluster; policies are added (same name: replaced).",
      examples: ["load examples/demo/cluster.yaml", "load policies/"]),
    spec(
      "save", "Files", usage: ["save FILE [--force]", "save --cluster FILE [--force]"],
      summary: "write every policy to FILE as multi-document YAML (--cluster: the cluster)",
      details: """
        The write is atomic. A file this session did not write is only replaced with --force.
        --cluster writes the cluster (namespaces, pods, external names) as an inventory file.
        """,
      examples: ["save demo-policy.yaml", "save --cluster cluster.yaml"]),
    spec(
      "emit", "Files", usage: ["emit [NAME...]"], summary: "print policies as YAML (default: all)",
      examples: ["emit demo-policy"]),
  ]

  private static let session: [CommandSpec] = [
    spec("help", "Session", usage: ["help [COMMAND]"], summary: "list commands or explain one"),
    spec(
      "version", "Session", usage: ["version"],
      summary: "print netpol's version and the git commit it was built from"),
    spec(
      "set", "Session",
      usage: [
        "set preview on|off", "set colour on|off", "set namespace NS", "set cilium-version X.Y",
        "set fqdn-cache warm|empty",
      ],
      summary: "change display settings, the default namespace and engine options",
      details: """
        preview = the line after each change saying which flows changed. cilium-version = the
        Cilium release assumed on Cilium dataplanes (default 1.19; azure-cilium and
        azure-cilium-acns cap it at 1.18): before 1.19 a leading `**.` in a DNS pattern matches
        one label only. fqdn-cache = empty (default: each flow starts with an empty cache, so a
        flow to a raw address matches no fqdn peer) or warm (every name of the cluster counts as
        learned for its addresses). cilium-version and fqdn-cache change verdicts: undo reverts
        them.
        """,
      examples: ["set preview off", "set namespace demo", "set cilium-version 1.18"],
      subcommands: ["preview", "colour", "namespace", "cilium-version", "fqdn-cache"]),
    spec("history", "Session", usage: ["history"], summary: "list the commands of this session"),
    spec(
      "quit", "Session", aliases: ["exit"], usage: ["quit [--force]"],
      summary: "leave the shell (asks once if policies are unsaved)"),
  ]
}
