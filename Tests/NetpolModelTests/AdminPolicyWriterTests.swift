import NetpolModel
import Testing

// Field order of the upstream Go types: apis/v1alpha1/adminnetworkpolicy_types.go and
// shared_types.go (v0.1.8), apis/v1alpha2/clusternetworkpolicy_types.go (HEAD).
@Suite("fmt writes admin policies in the API's field order and reads them back unchanged")
struct AdminPolicyWriterTests {
  @Test("a v1alpha1 port gets its default protocol written; rule fields in Go type order")
  func v1alpha1() throws {
    let text = """
      kind: AdminNetworkPolicy
      apiVersion: policy.networking.k8s.io/v1alpha1
      metadata: {name: m}
      spec:
        egress:
        - to: [{networks: [169.254.169.254/32]}]
          action: Deny
          name: metadata
          ports: [{portNumber: {port: 80}}]
        subject: {namespaces: {}}
        priority: 5
      """
    let loaded = try #require(Fixture.policy(text))
    let out = YAMLWriter.document(loaded.resource)
    #expect(
      out == """
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata:
          name: m
        spec:
          priority: 5
          subject:
            namespaces: {}
          egress:
          - name: metadata
            action: Deny
            to:
            - networks:
              - 169.254.169.254/32
            ports:
            - portNumber:
                protocol: TCP
                port: 80

        """)
    #expect(Fixture.policy(out)?.resource == loaded.resource)
  }

  @Test("a v1alpha2 policy writes tier before priority and protocols after the peers")
  func v1alpha2() throws {
    let text = """
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata: {name: c}
      spec:
        subject: {pods: {podSelector: {matchLabels: {app: a}}}}
        priority: 9
        tier: Baseline
        ingress:
        - protocols: [{udp: {destinationPort: {range: {end: 20, start: 10}}}}]
          from: [{namespaces: {}}]
          action: Accept
      """
    let loaded = try #require(Fixture.policy(text))
    let out = YAMLWriter.document(loaded.resource)
    #expect(
      out == """
        apiVersion: policy.networking.k8s.io/v1alpha2
        kind: ClusterNetworkPolicy
        metadata:
          name: c
        spec:
          tier: Baseline
          priority: 9
          subject:
            pods:
              podSelector:
                matchLabels:
                  app: a
          ingress:
          - action: Accept
            from:
            - namespaces: {}
            protocols:
            - udp:
                destinationPort:
                  range:
                    start: 10
                    end: 20

        """)
    #expect(Fixture.policy(out)?.resource == loaded.resource)
  }
}
