import NetpolModel
import Testing

// Messages follow k8s.io/apimachinery/pkg/util/validation (IsDNS1123Label, IsDNS1123Subdomain,
// IsQualifiedName, IsValidLabelValue, IsValidPortName, IsValidPortNum).
@Suite("Validation checks names, labels, addresses and ports like the API server")
struct ValidationTests {
  let labelMessage =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
    + "and must start and end with an alphanumeric character"

  @Test("DNS-1123 labels: lower case alphanumerics and '-', at most 63")
  func dns1123Label() {
    #expect(Validation.dns1123Label("demo") == nil)
    #expect(Validation.dns1123Label("kube-system") == nil)
    #expect(Validation.dns1123Label("0abc") == nil)
    #expect(Validation.dns1123Label("Demo") == labelMessage)
    #expect(Validation.dns1123Label("-demo") == labelMessage)
    #expect(Validation.dns1123Label("demo-") == labelMessage)
    #expect(Validation.dns1123Label("a.b") == labelMessage)
    #expect(Validation.dns1123Label(String(repeating: "a", count: 63)) == nil)
    #expect(
      Validation.dns1123Label(String(repeating: "a", count: 64))
        == "must be no more than 63 characters")
    #expect(Validation.dns1123Label("") == "must not be empty")
  }

  @Test("DNS-1123 subdomains: dot-separated labels, at most 253")
  func dns1123Subdomain() {
    let message =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
      + "'-' or '.', and must start and end with an alphanumeric character"
    #expect(Validation.dns1123Subdomain("allow-dns.v2") == nil)
    #expect(Validation.dns1123Subdomain("a..b") == message)
    #expect(Validation.dns1123Subdomain("a_b") == message)
    #expect(Validation.dns1123Subdomain(".a") == message)
    let long = Array(repeating: String(repeating: "a", count: 63), count: 4).joined(separator: ".")
    #expect(long.count == 255)
    #expect(Validation.dns1123Subdomain(long) == "must be no more than 253 characters")
  }

  @Test("label keys: optional DNS prefix and '/', a name of at most 63")
  func labelKeys() {
    #expect(Validation.labelKey("app") == nil)
    #expect(Validation.labelKey("app.kubernetes.io/name") == nil)
    #expect(Validation.labelKey("kubernetes.io/metadata.name") == nil)
    #expect(Validation.labelKey("My_Key.1") == nil)
    #expect(Validation.labelKey("/app") == "prefix part must be non-empty")
    #expect(Validation.labelKey("example.com/") == "name part must be non-empty")
    #expect(
      Validation.labelKey("Example.com/app")
        == "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
        + "characters, '-' or '.', and must start and end with an alphanumeric character")
    #expect(
      Validation.labelKey("-app")
        == "name part must consist of alphanumeric characters, '-', '_' or '.', and must start "
        + "and end with an alphanumeric character")
    #expect(
      Validation.labelKey(String(repeating: "k", count: 64))
        == "name part must be no more than 63 characters")
    #expect(Validation.labelKey("a/b/c") != nil)
  }

  @Test("label values: empty or at most 63 of [A-Za-z0-9-_.], alphanumeric at both ends")
  func labelValues() {
    #expect(Validation.labelValue("") == nil)
    #expect(Validation.labelValue("web") == nil)
    #expect(Validation.labelValue("v1.2_rc-3") == nil)
    #expect(
      Validation.labelValue("web server")
        == "a valid label must be an empty string or consist of alphanumeric characters, '-', "
        + "'_' or '.', and must start and end with an alphanumeric character")
    #expect(Validation.labelValue("_x") != nil)
    #expect(
      Validation.labelValue(String(repeating: "v", count: 64))
        == "must be no more than 63 characters")
  }

  @Test("CIDRs need a length; addresses must not have one")
  func addresses() {
    #expect(Validation.cidr("10.0.0.0/8") == nil)
    #expect(Validation.cidr("2001:db8::/64") == nil)
    #expect(
      Validation.cidr("10.0.0.1")
        == "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")
    #expect(Validation.cidr("10.0.0.0/40") != nil)
    #expect(Validation.ipAddress("10.9.8.7") == nil)
    #expect(Validation.ipAddress("2001:db8::ffff") == nil)
    #expect(
      Validation.ipAddress("10.0.0.0/8")
        == "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")
    #expect(Validation.addressOrCIDR("10.0.0.1") == nil)
    #expect(Validation.addressOrCIDR("10.0.0.0/8") == nil)
    #expect(Validation.addressOrCIDR("ten") != nil)
  }

  @Test("IANA port names: at most 15, lower case alphanumerics and '-', one letter")
  func portNames() {
    #expect(Validation.portName("http") == nil)
    #expect(Validation.portName("http-8080") == nil)
    #expect(Validation.portName("dns-tcp") == nil)
    #expect(Validation.portName("80") == "must contain at least one letter (a-z)")
    #expect(
      Validation.portName("HTTP")
        == "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
    #expect(Validation.portName("web--ui") == "must not contain consecutive hyphens")
    #expect(Validation.portName("-http") == "must not begin or end with a hyphen")
    #expect(Validation.portName("http-") == "must not begin or end with a hyphen")
    #expect(Validation.portName("abcdefghijklmnop") == "must be no more than 15 characters")
  }

  @Test("port numbers are 1 to 65535")
  func portNumbers() {
    #expect(Validation.portNumber(1) == nil)
    #expect(Validation.portNumber(65535) == nil)
    #expect(Validation.portNumber(0) == "must be between 1 and 65535, inclusive")
    #expect(Validation.portNumber(65536) == "must be between 1 and 65535, inclusive")
  }

  @Test("DNS names: labels of letters, digits, '-' and '_', optional trailing dot")
  func dnsNames() {
    #expect(Validation.dnsName("google.com") == nil)
    #expect(Validation.dnsName("www.google.com.") == nil)
    #expect(Validation.dnsName("_dmarc.example.com") == nil)
    #expect(Validation.dnsName("a..b") != nil)
    #expect(Validation.dnsName("-a.com") != nil)
    #expect(Validation.dnsName("*.google.com") != nil)
  }
}
