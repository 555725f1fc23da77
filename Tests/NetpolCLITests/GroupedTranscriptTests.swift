import Foundation
import Testing

@Suite("On a cluster of workloads, the shell's views group by workload and namespace")
struct GroupedTranscriptTests {
  @Test("Matrix, isolation and change lines speak of workloads and count pod pairs")
  func transcript() throws {
    let result = try runNetpol([
      "run", "--echo", "examples/shop/grouped.netpol", "--cluster", "examples/shop/cluster.yaml",
      "-f", "examples/shop/policies.yaml",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    // examples/shop: shop (frontend 5, api 4, db 2), payments (gateway 4, ledger 3), web-prod
    // (web 8 on 80, cache 2 on 6379), monitoring (5 pods), kube-system (7 pods). Kubernetes
    // NetworkPolicy: a pod selected for ingress accepts only what a rule allows. On 8080 the
    // gateway (8443 only) and every shop pod but the api (from the frontend) refuse, so e.g.
    // kube-system -> payments is 7 x 3 ledger pairs of 7 x 7, shop -> shop is 5 x 4 of 11 x 10.
    // deny-all isolates web-prod: the 39 other pods lose 8 web targets on 80 (312 flows) and
    // 2 cache targets on 6379 (78 flows).
    #expect(
      result.stdout == """
        netpol> matrix --port 8080/TCP --group-by namespace
        8080/TCP on kubernetes, by namespace
        from \\ to    kube-system  monitoring  payments  shop     web-prod  api.stripe.com
        kube-system  .            .           21/49     X        .         .
        monitoring   .            .           15/35     X        .         .
        payments     .            .           18/42     X        .         .
        shop         .            .           33/77     20/110   .         .
        web-prod     .            .           30/70     X        .         .

        . allowed   X denied   # a pod to itself (implementation-defined)   n/m: n of m pod pairs allowed
        netpol> isolation --group-by namespace
        isolation on kubernetes
        NAMESPACE    INGRESS                                                                      EGRESS
        kube-system  open                                                                         open
        monitoring   open                                                                         open
        payments     4/7 pods isolated                                                            open
        shop         isolated by shop/default-deny-ingress, shop/frontend-to-api, shop/api-to-db  open
        web-prod     open                                                                         open
        netpol> policy deny-all -n web-prod
        created NetworkPolicy web-prod/deny-all: selects every pod of web-prod and allows no ingress until you add rules
        390 flows now denied: kube-system/backup -> web-prod/web 80/TCP (8 flows), kube-system/coredns -> web-prod/web 80/TCP (16 flows), kube-system/kube-proxy -> web-prod/web 80/TCP (32 flows), ... (21 more; diff lists all)
        web-prod/cache (Deployment, 2 pods) is now isolated for ingress by web-prod/deny-all: 78 flows that were allowed by default are now denied
        web-prod/web (Deployment, 8 pods) is now isolated for ingress by web-prod/deny-all: 312 flows that were allowed by default are now denied
        netpol web-prod/deny-all> isolation -n web-prod
        isolation on kubernetes
        WORKLOAD        INGRESS                        EGRESS
        web-prod/cache  isolated by web-prod/deny-all  open
        web-prod/web    isolated by web-prod/deny-all  open
        netpol web-prod/deny-all> matrix --port 80/TCP --from shop/frontend --to web-prod/*
        80/TCP on kubernetes, by workload
        from \\ to      web-prod/cache  web-prod/web
        shop/frontend  X               X

        . allowed   X denied   # a pod to itself (implementation-defined)   n/m: n of m pod pairs allowed

        """)
  }
}
