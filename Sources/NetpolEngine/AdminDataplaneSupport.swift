import NetpolModel

/// Which dataplanes enforce the admin policy kinds.
///
/// The upstream semantics (`kubernetes`) apply all three. Calico implements the v1alpha1 kinds
/// (AdminNetworkPolicy in its `adminnetworkpolicy` tier, BaselineAdminNetworkPolicy) and is
/// moving to ClusterNetworkPolicy; netpol assumes a Calico that enforces the v1alpha1 kinds and
/// not yet ClusterNetworkPolicy. Cilium and the Azure dataplanes enforce none of them.
extension DataplaneProfile {
  /// Whether this dataplane enforces policies of `kind`.
  public func enforces(_ kind: AdminPolicyKind) -> Bool {
    switch dataplane {
    case .kubernetes: return true
    case .calico: return kind != .clusterNetworkPolicy
    case .cilium, .azureNPM, .azureNPMWindows, .azureCilium, .azureCiliumACNS: return false
    }
  }

  /// Why an admin policy is not applied on this dataplane, or `nil` when it is.
  func adminRejectionReason(_ policy: AdminPolicy) -> String? {
    enforces(policy.kind)
      ? nil : "\(policy.kind.rawValue) is not enforced on \(dataplane.rawValue)"
  }
}
