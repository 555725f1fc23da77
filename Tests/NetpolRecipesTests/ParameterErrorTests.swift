import NetpolModel
import Testing

@testable import NetpolRecipes

/// The message of the error `render` throws, or nil when it renders.
private func message(
  _ recipe: String, _ parameters: [String: String] = [:], namespace: String? = nil,
  name: String? = nil, kind: PolicyKindChoice? = nil
) throws -> String? {
  do {
    _ = try Fixtures.catalog().render(
      recipe, parameters: parameters, namespace: namespace, policyName: name, kind: kind)
    return nil
  } catch {
    return "\(error)"
  }
}

@Suite("Bad parameters give one line naming the parameter and what it accepts")
struct ParameterErrorTests {
  @Test("a missing required parameter")
  func missing() throws {
    #expect(
      try message("allow-egress-cidr")
        == "recipe allow-egress-cidr needs parameter 'cidr': give --set cidr=VALUE, where VALUE is "
        + "an IPv4 or IPv6 prefix (e.g. 10.0.0.0/8 or 2001:db8::/32)")
    // apiserver-cidr is required but only the NetworkPolicy body uses it.
    #expect(try message("allow-kube-apiserver", kind: .cnp) == nil)
    #expect(
      try message("allow-kube-apiserver")
        == "recipe allow-kube-apiserver needs parameter 'apiserver-cidr': give --set "
        + "apiserver-cidr=VALUE, where VALUE is an IPv4 or IPv6 prefix (e.g. 10.0.0.0/8 or "
        + "2001:db8::/32)")
  }

  @Test("values that do not fit their type")
  func invalid() throws {
    #expect(
      try message("demo-policy", ["port": "70000"])
        == "recipe demo-policy: parameter 'port' = \"70000\": out of range 1-65535; it accepts a "
        + "port number 1-65535 or a port name (e.g. http)")
    #expect(
      try message("demo-policy", ["protocol": "ICMP"])
        == "recipe demo-policy: parameter 'protocol' = \"ICMP\": not an accepted protocol; it "
        + "accepts one of TCP, UDP, SCTP")
    #expect(
      try message("allow-egress-fqdn", ["names": "github.com,a..b"])
        == "recipe allow-egress-fqdn: parameter 'names' = \"github.com,a..b\": item \"a..b\": "
        + "not a "
        + "DNS name: has an empty label (a leading dot or two dots in a row); it accepts a "
        + "comma-separated list, each item a DNS name (e.g. api.example.com) or a pattern with * "
        + "(e.g. *.example.com) (at least 1)")
    #expect(
      try message("allow-egress-fqdn", ["names": ""])
        == "recipe allow-egress-fqdn: parameter 'names' = \"\": 0 item(s), at least 1 needed; it "
        + "accepts a comma-separated list, each item a DNS name (e.g. api.example.com) or a "
        + "pattern with * (e.g. *.example.com) (at least 1)")
    let selector = try message("default-deny-all", ["selector": "app in (a"])
    #expect(
      selector?.hasPrefix("recipe default-deny-all: parameter 'selector' = \"app in (a\": ") == true
    )
    #expect(
      selector?.hasSuffix(
        "; it accepts a label selector in kubectl -l syntax (e.g. app=web,tier!=db; empty = every "
          + "pod)") == true)
    let namespace = try message("allow-from-namespace", ["from-namespace": "Prod"])
    #expect(
      namespace?.hasPrefix(
        "recipe allow-from-namespace: parameter 'from-namespace' = \"Prod\": not a namespace name: "
      ) == true)
  }

  @Test("unknown parameters, recipes and kinds")
  func unknown() throws {
    #expect(
      try message("allow-dns", ["selectr": "app=web"])
        == "recipe allow-dns has no parameter 'selectr'; it takes selector, dns-namespace, "
        + "dns-selector, queries")
    #expect(
      try message("allow-dsn")
        == "no recipe named 'allow-dsn'; did you mean allow-dns? (netpol recipes lists them)")
    #expect(try message("zzzzzzzz") == "no recipe named 'zzzzzzzz' (netpol recipes lists them)")
    #expect(
      try message("allow-egress-fqdn", ["names": "a.com"], kind: .networkpolicy)
        == "recipe allow-egress-fqdn has no networkpolicy form; it produces cnp, ccnp")
  }

  @Test("names and namespaces are Kubernetes names")
  func names() throws {
    #expect(
      try message("default-deny-all", namespace: "Demo")?.hasPrefix(
        "namespace \"Demo\" is not a valid name: ") == true)
    #expect(
      try message("default-deny-all", name: "deny_all")?.hasPrefix(
        "policy name \"deny_all\" is not a valid name: ") == true)
  }

  @Test("values that render an invalid policy name the field at fault")
  func invalidResult() throws {
    let text = try message(
      "allow-egress-cidr", ["cidr": "10.0.0.0/16", "except": "192.168.0.0/24"])
    #expect(
      text?.hasPrefix(
        "recipe allow-egress-cidr (networkpolicy) with these values gives an invalid policy: "
          + "spec.egress[0].to[0].ipBlock.except[0]: ") == true, "\(text ?? "")")
    #expect(
      try message("allow-dns", ["dns-selector": "io.kubernetes.pod.namespace=x"], kind: .cnp)
        == "recipe allow-dns: parameter 'dns-selector' = \"io.kubernetes.pod.namespace=x\": sets "
        + "label io.kubernetes.pod.namespace, which the recipe already sets; it accepts a selector "
        + "on other labels than io.kubernetes.pod.namespace")
  }
}
