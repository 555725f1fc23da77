import ArgumentParser
import NetpolModel

/// `netpol validate`: reports every problem in policy and inventory files.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check policies and inventories as the API server and Cilium would.",
    discussion: """
      Reads NetworkPolicy, CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy, \
      AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy objects \
      (multi-document YAML, JSON, `kind: List`) and inventories (the inventory format, or \
      namespaces, pods and workloads from `kubectl get -o yaml`), and reports every problem \
      on its own line of standard error:

        FILE:LINE:COL: path.to.field: what is wrong

      Unknown fields are errors, as with `kubectl apply --validate=strict`. Objects of the \
      kinds that are skipped (Service, HorizontalPodAutoscaler, CronJob) are listed on \
      standard error as `notice: FILE:LINE:COL: skipped KIND NAMESPACE/NAME ...`; they are not \
      problems. When everything is valid, a summary goes to standard output.

      Exit status: 0 when everything is valid, 1 when a problem was found, 64 for a wrong \
      command line.

      Examples:
        netpol validate -f examples/demo
        netpol validate -f policy.yaml -f cluster.yaml
        netpol validate -f examples/demo/*.yaml
        kubectl get networkpolicies -A -o yaml | netpol validate -f -
      """)

  @OptionGroup var input: InputOptions

  func run() throws {
    let result = PolicyLoader.load(paths: input.paths)
    for notice in result.notices { CLIOutput.error("notice: " + DisplayText.escapedText(notice)) }
    if !result.diagnostics.isEmpty {
      CLIOutput.report(result.diagnostics)
      CLIOutput.error(
        "netpol validate: "
          + CLIOutput.count(Diagnostic.problemCount(result.diagnostics), "problem", "problems")
          + " found")
      throw ExitStatus.badInput
    }
    CLIOutput.write(Self.summary(of: result) + "\n")
  }

  /// `3 policies valid (1 NetworkPolicy, 2 CiliumNetworkPolicy); inventory: 2 namespaces, ...`.
  static func summary(of result: LoadResult) -> String {
    var kinds: [String: Int] = [:]
    for policy in result.policies { kinds[policy.resource.kind, default: 0] += 1 }
    let order =
      ["NetworkPolicy", "CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy"]
      + AdminPolicyKind.allCases.map(\.rawValue)
    let byKind = order.compactMap { kind in kinds[kind].map { "\($0) \(kind)" } }
    var text = CLIOutput.count(result.policies.count, "policy", "policies") + " valid"
    if !byKind.isEmpty { text += " (" + byKind.joined(separator: ", ") + ")" }
    if result.hasInventory {
      let inventory = result.inventory
      text +=
        "; inventory: "
        + [
          CLIOutput.count(inventory.namespaces.count, "namespace", "namespaces"),
          CLIOutput.count(inventory.pods.count, "pod", "pods"),
          CLIOutput.count(inventory.external.count, "external endpoint", "external endpoints"),
        ].joined(separator: ", ")
    }
    return text
  }
}
