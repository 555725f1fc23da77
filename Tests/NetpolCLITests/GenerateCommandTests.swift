import Foundation
import Testing

@Suite("netpol generate prints kubectl-ready YAML from a recipe")
struct GenerateCommandTests {
  @Test("default-deny-all in canonical form (K-DOC default deny all ingress and egress)")
  func defaultDenyAll() throws {
    let result = try runNetpol(["generate", "default-deny-all", "-n", "demo"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout == """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: default-deny-all
          namespace: demo
        spec:
          podSelector: {}
          policyTypes:
          - Ingress
          - Egress

        """)
    #expect(result.stderr == "")
  }

  @Test("allow-dns in its Cilium form is the S4 policy (scenarios.md S4)")
  func allowDNSCilium() throws {
    let result = try runNetpol(["generate", "allow-dns", "--kind", "cnp", "--namespace", "demo"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout == """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata:
          name: allow-dns
          namespace: demo
        spec:
          endpointSelector: {}
          egress:
          - toEndpoints:
            - matchLabels:
                k8s:io.kubernetes.pod.namespace: kube-system
                k8s:k8s-app: kube-dns
            toPorts:
            - ports:
              - port: "53"
                protocol: ANY
              rules:
                dns:
                - matchPattern: "*"

        """)
  }

  @Test("--set, --name and list values repeated or comma-separated")
  func settings() throws {
    let repeated = try runNetpol([
      "generate", "frontend-backend", "--set", "selector=app=api", "--set", "from=app=web",
      "--set", "ports=8080", "--set", "ports=8443", "--name", "api-allow",
    ])
    let commas = try runNetpol([
      "generate", "api-allow", "--set", "selector=app=api", "--set", "from=app=web", "--set",
      "ports=8080,8443", "--name", "api-allow",
    ])
    #expect(repeated.status == 0, "\(repeated.stderr)")
    #expect(repeated.stdout == commas.stdout)
    #expect(repeated.stdout.contains("  name: api-allow\n  namespace: default\n"))
    #expect(repeated.stdout.contains("      port: 8080\n"))
    #expect(repeated.stdout.contains("      port: 8443\n"))
  }

  @Test("missing and invalid parameters: one line naming the parameter, exit 1")
  func parameterErrors() throws {
    let missing = try runNetpol(["generate", "allow-egress-cidr"])
    #expect(missing.status == 1)
    #expect(missing.stdout == "")
    #expect(
      missing.stderr
        == "netpol generate: recipe allow-egress-cidr needs parameter 'cidr': give --set "
        + "cidr=VALUE, where VALUE is an IPv4 or IPv6 prefix (e.g. 10.0.0.0/8 or 2001:db8::/32)\n")
    let invalid = try runNetpol(["generate", "demo-policy", "--set", "port=0"])
    #expect(invalid.status == 1)
    #expect(
      invalid.stderr
        == "netpol generate: recipe demo-policy: parameter 'port' = \"0\": out of range 1-65535; "
        + "it accepts a port number 1-65535 or a port name (e.g. http)\n")
    let injected = try runNetpol(["generate", "default-deny-all", "--set", "selector=a=b\nkind: X"])
    #expect(injected.status == 1)
    #expect(injected.stdout == "")
    #expect(injected.stderr.split(separator: "\n").count == 1)
    let unknown = try runNetpol(["generate", "allow-dns", "--set", "namespace=x"])
    #expect(unknown.status == 1)
    #expect(
      unknown.stderr
        == "netpol generate: recipe allow-dns has no parameter 'namespace'; it takes selector, "
        + "dns-namespace, dns-selector, queries\n")
  }

  @Test("command-line mistakes exit 64")
  func usage() throws {
    #expect(try runNetpol(["generate"]).status == 64)
    #expect(try runNetpol(["generate", "allow-dns", "--kind", "pod"]).status == 64)
    #expect(try runNetpol(["generate", "allow-dns", "--set", "selector"]).status == 64)
    #expect(try runNetpol(["generate", "allow-dns", "--out-dir", "x"]).status == 64)
    let twice = try runNetpol([
      "generate", "demo-policy", "--set", "port=80", "--set", "port=81",
    ])
    #expect(twice.status == 64)
    #expect(
      twice.stderr
        == "netpol generate: --set port is given twice; parameter 'port' of demo-policy takes "
        + "one value\n")
  }

  @Test("-o writes the file and prints nothing; notices go to standard error")
  func outputFile() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("fqdn.yaml").path
    let result = try runNetpol([
      "generate", "allow-egress-fqdn", "--set", "names=*.github.com", "-n", "demo", "-o", path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "")
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(written.hasPrefix("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\n"))
    #expect(written.contains("    - matchPattern: \"*.github.com\"\n"))
    #expect(
      result.stderr
        == "notice: demo/allow-egress-fqdn uses toFQDNs, but no policy in this set allows DNS "
        + "with rules.dns, so no name is learned and these connections are denied: add the "
        + "allow-dns recipe in its cnp form (skip this if the cluster already has one)\n"
        + "notice: demo/allow-egress-fqdn: matchPattern *.github.com does not match github.com "
        + "itself (* stands for one label); add matchName: github.com if the apex is meant\n")
  }

  @Test("the output passes netpol's own validation")
  func roundTrip() throws {
    let generated = try runNetpol(["generate", "deny-cloud-metadata", "--kind", "ccnp"])
    #expect(generated.status == 0)
    let validated = try runNetpol(["validate", "-f", "-"], stdin: generated.stdout)
    #expect(validated.status == 0, "\(validated.stderr)")
  }
}
