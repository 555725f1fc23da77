import NetpolModel
import Testing

// docs/inventory.md "Importing from kubectl": Service, HorizontalPodAutoscaler and CronJob are
// skipped, and each skipped object is named in `LoadResult.notices`.
@Suite("Objects of skipped kinds are left out with a notice, not a problem")
struct SkippedKindsTests {
  @Test("a Service, and inside a List an HorizontalPodAutoscaler and a CronJob without a name")
  func notices() {
    let text = """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
        namespace: default
      spec: {ports: [{port: 80}]}
      ---
      apiVersion: v1
      kind: List
      items:
      - apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web}
      - apiVersion: batch/v1
        kind: CronJob
        metadata: {namespace: jobs}
      """
    let result = Fixture.load(text, file: "skip.yaml")
    #expect(result.diagnostics.isEmpty)
    #expect(result.policies.isEmpty)
    #expect(!result.hasInventory)
    #expect(
      result.notices == [
        "skip.yaml:1:1: skipped Service default/web (not a policy or inventory object)",
        "skip.yaml:11:3: skipped HorizontalPodAutoscaler web (not a policy or inventory object)",
        "skip.yaml:14:3: skipped CronJob (not a policy or inventory object)",
      ])
  }

  @Test("policies and inventory objects give no notice")
  func noNoticeForReadObjects() {
    let text = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: a, namespace: demo}
      spec: {podSelector: {}}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: demo}
      """
    let result = Fixture.load(text, file: "ok.yaml")
    #expect(result.diagnostics.isEmpty)
    #expect(result.notices.isEmpty)
  }
}
