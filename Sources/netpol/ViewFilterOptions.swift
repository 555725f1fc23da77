import ArgumentParser
import NetpolViews

/// The options that choose what a view shows: grouping, namespace, sources and destinations.
struct ViewFilterOptions: ParsableArguments {
  @Option(
    name: .customLong("group-by"),
    help: ArgumentHelp(
      "pod, workload or namespace (default: workload for table, wide, markdown and dot when "
        + "some pod has a controller; pod for tsv, json and csv).",
      valueName: "grouping"))
  var groupBy: String?

  @Option(
    name: [.customShort("n"), .customLong("namespace")],
    help: ArgumentHelp("Show only pods of this namespace.", valueName: "ns"))
  var namespace: String?

  @Flag(
    name: [.customShort("A"), .customLong("all-namespaces")],
    help: "Show pods of every namespace (the default).")
  var allNamespaces = false

  @Option(
    name: .customLong("from"),
    help: ArgumentHelp(
      "Sources to show (repeatable): a label selector, NS/NAME (a pod or a workload), a "
        + "namespace, a workload name, or a glob such as 'web-prod/*'.",
      valueName: "pattern"))
  var from: [String] = []

  @Option(
    name: .customLong("to"),
    help: ArgumentHelp(
      "Destinations to show (repeatable), as for --from; external endpoints by name.",
      valueName: "pattern"))
  var to: [String] = []

  /// Rejects what is wrong whatever the inventory.
  func validateSyntax() throws {
    if let groupBy, Grouping(rawValue: groupBy) == nil {
      throw ValidationError("unknown grouping '\(groupBy)': use pod, workload or namespace")
    }
    if namespace != nil && allNamespaces {
      throw ValidationError("give either -n NS or -A, not both")
    }
  }

  /// The view options for `format`, with patterns checked against the inventory; an unknown
  /// name ends the command (exit 1).
  func options(format: MatrixFormat, scope: ViewScope, command: String) throws
    -> MatrixViewOptions
  {
    var options = MatrixViewOptions(format: format)
    options.grouping = groupBy.flatMap(Grouping.init(rawValue:)) ?? format.defaultGrouping(scope)
    if let namespace {
      guard scope.namespaces.contains(namespace) else {
        CLIOutput.error("netpol \(command): no namespace '\(namespace)' in the cluster")
        throw ExitStatus.badInput
      }
      options.namespace = namespace
    }
    do {
      options.from = try from.map { try EndpointPattern.parse($0, scope: scope) }
      options.to = try to.map { try EndpointPattern.parse($0, scope: scope) }
    } catch let error as ViewError {
      CLIOutput.error("netpol \(command): \(error)")
      throw ExitStatus.badInput
    }
    return options
  }
}
