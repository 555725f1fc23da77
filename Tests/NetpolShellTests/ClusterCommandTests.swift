import NetpolModel
import Testing

@testable import NetpolShell

@Suite("Cluster sketching commands change the inventory")
struct ClusterCommandTests {
  @Test(
    "ns add creates a labelled namespace; again, it merges labels; ns rm removes it and its pods")
  func namespaces() {
    var shell = TestShell()
    #expect(shell.ok("ns add shop team=web").hasPrefix("added namespace shop\n"))
    #expect(shell.state.inventory.namespace(named: "shop")?.labels["team"] == "web")
    // Namespace.init adds kubernetes.io/metadata.name (semantics.md §1.2 "namespace by name").
    #expect(shell.state.inventory.namespace(named: "shop")?.labels[Namespace.nameLabel] == "shop")
    #expect(shell.ok("ns add shop tier=1").hasPrefix("relabelled namespace shop\n"))
    #expect(shell.state.inventory.namespace(named: "shop")?.labels["team"] == "web")
    shell.ok("pod add shop/web")
    #expect(shell.ok("ns rm shop").hasPrefix("removed namespace shop and 1 pod\n"))
    #expect(shell.state.inventory.namespace(named: "shop") == nil)
    #expect(shell.state.inventory.pod(id: "shop/web") == nil)
  }

  @Test("ns errors point at the offending word")
  func namespaceErrors() {
    var shell = TestShell()
    let line = "ns add Bad_Name"
    let error = shell.fail(line)
    #expect(error.message.hasPrefix("invalid namespace name `Bad_Name`"))
    #expect(TestShell.underlined(error, in: line) == "Bad_Name")
    let verb = shell.fail("ns create x")
    #expect(verb.message == "expected `add` or `rm` after `ns`, got `create`")
    #expect(shell.fail("ns rm nowhere").message == "no namespace `nowhere` in the cluster")
    let label = shell.fail("ns add x team")
    #expect(label.message == "expected KEY=VALUE, got `team`")
  }

  @Test("pod add takes labels, --ip and several --port values, creating the namespace")
  func podAdd() {
    var shell = TestShell()
    let output = shell.ok("pod add shop/web app=web --ip 10.0.0.9 --port http:80/TCP 53/UDP")
    #expect(output.hasPrefix("added pod shop/web (and namespace shop)\n"))
    let pod = shell.state.inventory.pod(id: "shop/web")
    #expect(pod?.labels == ["app": "web"])
    #expect(pod?.ip == "10.0.0.9")
    #expect(
      pod?.ports == [
        ContainerPort(name: "http", port: 80, protocol: .tcp),
        ContainerPort(port: 53, protocol: .udp),
      ])
  }

  @Test("pod add rejects duplicates, bad addresses, bad ports and unknown options")
  func podErrors() {
    var shell = TestShell()
    #expect(shell.fail("pod add demo/server").message == "pod demo/server already exists")
    #expect(
      shell.fail("pod add demo/x --ip 10.0.0.2").message
        == "10.0.0.2 is already the IP of demo/server")
    #expect(shell.fail("pod add demo/x --ip 300.1.1.1").message.hasPrefix("invalid IP `300.1.1.1`"))
    let port = shell.fail("pod add demo/x --port 70000")
    #expect(port.message == "expected [NAME:]PORT[/PROTO] with PORT 1-65535, got `70000`")
    #expect(
      shell.fail("pod add demo/x --port 80/ICMP").message
        == "unknown protocol `ICMP` (TCP, UDP or SCTP)")
    #expect(shell.fail("pod add demo/x --ip").message == "expected an IP address after --ip")
    #expect(shell.fail("pod add demo/x --color red").message.hasPrefix("unknown option `--color`"))
    #expect(shell.fail("pod add noslash").message == "expected NS/NAME, got `noslash`")
  }

  @Test("pod rm removes a pod; an unknown pod is an error suggesting NS/POD")
  func podRemove() {
    var shell = TestShell()
    shell.ok("pod rm demo/client")
    #expect(shell.state.inventory.pod(id: "demo/client") == nil)
    #expect(shell.fail("pod rm client").message == "no pod `client` in the cluster (write NS/POD)")
  }

  @Test("label sets and overwrites labels; unlabel removes them")
  func labels() {
    var shell = TestShell()
    #expect(
      shell.ok("label demo/client app=client tier=web").hasPrefix(
        "labelled demo/client app=client tier=web\n"))
    shell.ok("label demo/client tier=db")
    #expect(
      shell.state.inventory.pod(id: "demo/client")?.labels == ["app": "client", "tier": "db"])
    shell.ok("unlabel demo/client tier")
    #expect(shell.state.inventory.pod(id: "demo/client")?.labels == ["app": "client"])
    #expect(shell.fail("unlabel demo/client tier").message == "demo/client has no label `tier`")
    #expect(shell.fail("label demo/client").message == "expected KEY=VALUE...")
    #expect(shell.fail("label demo/client bad key=x").message == "expected KEY=VALUE, got `bad`")
    #expect(shell.fail("label demo/client a=b!").message.hasPrefix("invalid label value `b!`"))
  }

  @Test("external add marks dotted names as DNS names; external rm removes them")
  func external() {
    var shell = TestShell()
    #expect(
      shell.ok("external add google.com 142.250.207.110").hasPrefix(
        "added external google.com (DNS name)\n"))
    shell.ok("external add corp-net 10.10.0.0/16")
    #expect(
      shell.state.inventory.external == [
        ExternalEndpoint(name: "google.com", isFQDN: true, ips: ["142.250.207.110"]),
        ExternalEndpoint(name: "corp-net", isFQDN: false, ips: ["10.10.0.0/16"]),
      ])
    #expect(
      shell.fail("external add google.com 1.1.1.1").message
        == "external `google.com` already exists")
    #expect(shell.fail("external add x nope").message == "invalid IP address or CIDR `nope`")
    // docs/inventory.md: `fqdn` entries take addresses only, so a saved session reads back.
    #expect(
      shell.fail("external add api.example.com 10.0.0.0/8").message
        == "`api.example.com` is a DNS name: give its IP addresses, not the CIDR `10.0.0.0/8`")
    #expect(shell.fail("external add y").message == "expected at least one IP address or CIDR")
    shell.ok("external rm google.com")
    #expect(shell.state.inventory.external(named: "google.com") == nil)
    #expect(shell.fail("external rm google.com").message == "no external endpoint `google.com`")
  }

  @Test("cluster lists namespaces, pods with labels, IPs and ports, and externals")
  func cluster() {
    var shell = TestShell()
    shell.ok("external add google.com 142.250.207.110")
    #expect(
      shell.ok("cluster") == """
        namespaces:
          demo  -
        pods:
          demo/server  app=server  10.0.0.2  http:80/TCP
          demo/client  -           10.0.0.1
        external:
          google.com  142.250.207.110  (DNS name)

        """)
  }

  @Test("unknown commands suggest the closest one")
  func unknownCommand() {
    var shell = TestShell()
    let error = shell.fail("lable demo/client a=b")
    #expect(
      error.message == "unknown command `lable`; did you mean `label`? (help lists the commands)")
    #expect(error.span == Span(start: 0, length: 5))
  }
}
