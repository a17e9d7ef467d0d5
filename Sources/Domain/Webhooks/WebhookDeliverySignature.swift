import Crypto
import Foundation

/// The headers that let a receiver verify a webhook: the same scheme as incoming events (operations.md §5),
/// `X-Signature: sha256=<hex HMAC-SHA256(secret, body)>` over the exact body, plus `X-Timestamp` in Unix seconds.
public enum WebhookDeliverySignature {
    public static func signature(body: [UInt8], secret: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// Every header of one delivery; without a secret the signature is left out (receivers should then refuse it).
    public static func headers(eventID: String, body: [UInt8], secret: [UInt8]?, now: Date) -> [(String, String)] {
        var headers = [
            ("Content-Type", "application/json"),
            ("X-Timestamp", String(Int64(now.timeIntervalSince1970))),
            ("X-Webhook-Event-Id", eventID),
        ]
        if let secret { headers.append(("X-Signature", signature(body: body, secret: secret))) }
        return headers
    }
}
