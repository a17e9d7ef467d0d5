import Foundation
import Testing

@testable import Domain

@Suite("Webhook signature")
struct WebhookDeliverySignatureTests {
    @Test("signs the exact body with HMAC-SHA256 as sha256=<lowercase hex>")
    func knownVector() {
        // RFC 4231 test case 2.
        let signature = WebhookDeliverySignature.signature(
            body: Array("what do ya want for nothing?".utf8),
            secret: Array("Jefe".utf8)
        )
        #expect(signature == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("sends the content type, timestamp, event id and signature")
    func headers() {
        let headers = WebhookDeliverySignature.headers(
            eventID: "whk_1",
            body: Array("{}".utf8),
            secret: Array("s".utf8),
            now: Date(timeIntervalSince1970: 1_700_000_000.7)
        )
        let names = Dictionary(uniqueKeysWithValues: headers)
        #expect(names["Content-Type"] == "application/json")
        #expect(names["X-Timestamp"] == "1700000000")
        #expect(names["X-Webhook-Event-Id"] == "whk_1")
        #expect(names["X-Signature"]?.hasPrefix("sha256=") == true)
        #expect(names["X-Signature"]?.count == 71)
    }
}
