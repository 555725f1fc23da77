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
    await propertyCheck(count: 300, input: ModelGen.networkPolicy) { resource in
      Self.expectRoundTrip([resource])
    }
  }

  @Test("every valid CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy")
  func ciliumPolicies() async {
    await propertyCheck(count: 300, input: ModelGen.ciliumPolicy) { resource in
      Self.expectRoundTrip([resource])
    }
  }

  @Test("streams of several policies of mixed kinds")
  func streams() async {
    await propertyCheck(count: 100, input: ModelGen.stream) { resources in
      Self.expectRoundTrip(resources)
    }
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

  /// Checks validity, the round trip and idempotence for one stream.
  private static func expectRoundTrip(
    _ resources: [PolicyResource], sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    for resource in resources {
      let problems = PolicyValidator.validate(resource)
      #expect(
        problems.isEmpty, "generated an invalid value: \(problems)", sourceLocation: sourceLocation)
    }
    let text = YAMLWriter.stream(resources)
    let result = PolicyLoader.load(text: text, file: "roundtrip.yaml")
    #expect(
      result.diagnostics.isEmpty, "\(result.diagnostics)\n\(text)", sourceLocation: sourceLocation)
    let read = result.policies.map(\.resource)
    #expect(read == resources, "\(text)", sourceLocation: sourceLocation)
    #expect(YAMLWriter.stream(read) == text, sourceLocation: sourceLocation)
  }
}
