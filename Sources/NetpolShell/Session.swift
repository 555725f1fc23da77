import NetpolEngine
import NetpolModel

/// Everything `undo` restores: the cluster, the policies, the draft, the dataplane and the
/// engine options (Cilium version, FQDN cache model).
public struct SessionState: Sendable, Equatable {
  /// The cluster the policies act on.
  public var inventory: Inventory
  /// The workspace of named policies, in the order they were created or loaded.
  public var policies: [PolicyResource]
  /// The qualified name of the policy being edited, if any.
  public var draft: String?
  /// The dataplane chosen with `use`; `nil` = Cilium if any Cilium object, else Kubernetes.
  public var dataplane: Dataplane?
  /// The Cilium version and FQDN cache model the engine assumes (`use --cilium-version`,
  /// `set cilium-version`, `set fqdn-cache`).
  public var engineOptions: EngineOptions

  /// Creates a state.
  public init(
    inventory: Inventory = Inventory(), policies: [PolicyResource] = [], draft: String? = nil,
    dataplane: Dataplane? = nil, engineOptions: EngineOptions = EngineOptions()
  ) {
    self.inventory = inventory
    self.policies = policies
    self.draft = draft
    self.dataplane = dataplane
    self.engineOptions = engineOptions
  }

  /// The index of the policy with this qualified name.
  public func index(of qualifiedName: String) -> Int? {
    policies.firstIndex { $0.qualifiedName == qualifiedName }
  }

  /// The draft policy, if one is selected and still exists.
  public var draftPolicy: PolicyResource? {
    guard let draft, let index = index(of: draft) else { return nil }
    return policies[index]
  }
}

/// One command that changed the session, with the state before it ran.
public struct SessionStep: Sendable, Equatable {
  /// The command line as typed.
  public var command: String
  /// The state before the command.
  public var before: SessionState
  /// The state after the command.
  public var after: SessionState
}

/// The shell's session: the current state, undo/redo history of whole states, which policies
/// are unsaved, and which files this session wrote.
public struct Session: Sendable {
  /// The current state.
  public private(set) var state: SessionState
  /// Steps that `undo` can revert, oldest first.
  public private(set) var undoStack: [SessionStep] = []
  /// Steps that `redo` can re-apply, most recently undone last.
  public private(set) var redoStack: [SessionStep] = []
  /// The last step applied, undone or redone (what `diff` shows).
  public private(set) var lastStep: SessionStep?
  /// Policies as they are in files (loaded or saved), by qualified name.
  public private(set) var baseline: [String: PolicyResource] = [:]
  /// Absolute paths of the files this session wrote.
  public private(set) var writtenFiles: Set<String> = []

  /// Creates a session; the policies of `state` count as saved.
  public init(state: SessionState) {
    self.state = state
    markSaved(state.policies)
  }

  /// Replaces the state as the effect of `command`, recording the step for `undo`.
  /// Returns `false` (and records nothing) when the state did not change.
  @discardableResult
  public mutating func apply(_ command: String, _ newState: SessionState) -> Bool {
    guard newState != state else { return false }
    let step = SessionStep(command: command, before: state, after: newState)
    undoStack.append(step)
    redoStack.removeAll()
    state = newState
    lastStep = step
    return true
  }

  /// Reverts the last step; returns it, or `nil` when there is nothing to undo.
  public mutating func undo() -> SessionStep? {
    guard let step = undoStack.popLast() else { return nil }
    redoStack.append(step)
    state = step.before
    lastStep = SessionStep(command: "undo \(step.command)", before: step.after, after: step.before)
    return step
  }

  /// Re-applies the last undone step; returns it, or `nil` when there is nothing to redo.
  public mutating func redo() -> SessionStep? {
    guard let step = redoStack.popLast() else { return nil }
    undoStack.append(step)
    state = step.after
    lastStep = step
    return step
  }

  /// Records that these policies now match a file (after `load` or `save`).
  public mutating func markSaved(_ policies: [PolicyResource]) {
    for policy in policies { baseline[policy.qualifiedName] = policy }
  }

  /// Records that this session wrote the file at `path` (absolute).
  public mutating func markWritten(_ path: String) {
    writtenFiles.insert(path)
  }

  /// Qualified names of the policies whose content differs from any file, in workspace order.
  public var unsavedPolicies: [String] {
    state.policies.filter { baseline[$0.qualifiedName] != $0 }.map(\.qualifiedName)
  }
}
