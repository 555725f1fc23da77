import NetpolModel
import Testing

// docs/inventory.md, the `external` row: {fqdn, ips}, {name, ip}, {name, cidr} or {name, ips}.
@Suite("A named external endpoint may list several addresses and CIDRs under `ips`")
struct NamedExternalAddressesTests {
  @Test("addresses and CIDRs, IPv4 and IPv6, under one name")
  func several() {
    let text = """
      external:
      - {name: branch, ips: [192.0.2.1, 198.51.100.0/24, "2001:db8::/64", "2001:db8:1::5"]}
      - {name: single, ips: [203.0.113.9]}
      """
    let result = Fixture.load(text, file: "inventory.yaml")
    #expect(result.diagnostics.isEmpty)
    #expect(
      result.inventory.external == [
        ExternalEndpoint(
          name: "branch", isFQDN: false,
          ips: ["192.0.2.1", "198.51.100.0/24", "2001:db8::/64", "2001:db8:1::5"]),
        ExternalEndpoint(name: "single", isFQDN: false, ips: ["203.0.113.9"]),
      ])
  }

  @Test("what the writer prints for such an endpoint reads back as the same endpoint")
  func writerForm() {
    let inventory = Inventory(external: [
      ExternalEndpoint(name: "branch", isFQDN: false, ips: ["192.0.2.1", "198.51.100.0/24"])
    ])
    let text = YAMLWriter.inventory(inventory)
    #expect(
      text == """
        namespaces: []
        pods: []
        external:
          - {name: branch, ips: [192.0.2.1, 198.51.100.0/24]}

        """)
    let result = Fixture.load(text, file: "inventory.yaml")
    #expect(result.diagnostics.isEmpty)
    #expect(result.inventory == inventory)
  }

  @Test("an empty list, a bad CIDR, a second address field and a string are refused")
  func problems() {
    let text = """
      external:
      - {name: a, ips: []}
      - {name: b, ips: [10.0.0.1, 10.0.0.0/33]}
      - {name: c, ips: [10.0.0.1], cidr: 10.0.0.0/8}
      - {name: d, ips: 10.0.0.1}
      """
    #expect(
      Fixture.messages(text) == [
        "bad.yaml:2:18: external[0].ips: must list at least one address",
        "bad.yaml:3:29: external[1].ips[1]: invalid value \"10.0.0.0/33\": must be a valid CIDR "
          + "value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
        "bad.yaml:4:3: external[2]: an external entry is {fqdn, ips}, {name, ip}, {name, cidr} "
          + "or {name, ips}",
        "bad.yaml:5:18: external[3].ips: expected a list, found a string",
      ])
  }

  @Test("an fqdn entry still takes addresses only")
  func fqdnTakesAddresses() {
    let text = "external:\n- {fqdn: example.com, ips: [192.0.2.0/24]}\n"
    #expect(
      Fixture.messages(text) == [
        "bad.yaml:2:29: external[0].ips[0]: invalid value \"192.0.2.0/24\": must be a valid IP "
          + "address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
      ])
  }
}
