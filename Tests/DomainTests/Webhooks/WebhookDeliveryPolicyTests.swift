import Foundation
import Testing

@testable import Domain

@Suite("Webhook retry policy")
struct WebhookDeliveryPolicyTests {
    let queued = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("waits one minute after the first failure and doubles after each further one")
    func doubles() {
        let policy = WebhookDeliveryPolicy()
        #expect((1...6).map { policy.delay(afterAttempt: $0) } == [60, 120, 240, 480, 960, 1920])
    }

    @Test("never waits longer than an hour")
    func capped() {
        let policy = WebhookDeliveryPolicy()
        #expect(policy.delay(afterAttempt: 7) == 3600)
        #expect(policy.delay(afterAttempt: 500) == 3600)
    }

    @Test("uses a shorter base when configured, with the same doubling")
    func configurableBase() {
        let policy = WebhookDeliveryPolicy(base: 1)
        #expect((1...4).map { policy.delay(afterAttempt: $0) } == [1, 2, 4, 8])
    }

    @Test("retries while the next attempt falls within 24 hours of queueing")
    func retriesInsideWindow() {
        let policy = WebhookDeliveryPolicy()
        let now = queued.addingTimeInterval(3600)
        #expect(
            policy.decision(afterAttempt: 3, createdAt: queued, now: now) == .retry(at: now.addingTimeInterval(240))
        )
    }

    @Test("marks the webhook failed once the next attempt would fall past 24 hours")
    func failsAfterWindow() {
        let policy = WebhookDeliveryPolicy()
        let now = queued.addingTimeInterval(86_400 - 1800)
        #expect(policy.decision(afterAttempt: 20, createdAt: queued, now: now) == .fail)
    }
}
