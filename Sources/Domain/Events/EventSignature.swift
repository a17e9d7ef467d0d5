import Crypto
import Foundation

/// Authenticates an incoming event (fluentcart.md §11, operations.md §5): `X-Signature: sha256=<hex>` is
/// HMAC-SHA256 of the raw body with `EVENTS_SECRET`, and `X-Timestamp` (Unix seconds) must lie within
/// `tolerance` of our clock. The timestamp is not signed; a replay inside the window is caught by `event_id`.
public struct EventSignature: Sendable {
    /// How far `X-Timestamp` may be from our clock, either way. 300 s, as operations.md §5 fixes.
    public static let tolerance: TimeInterval = 300

    let secret: [UInt8]

    public init(secret: [UInt8]) {
        self.secret = secret
    }

    /// Throws `invalidSignature` unless both headers are present, fresh and correct.
    public func verify(body: [UInt8], signature: String?, timestamp: String?, now: Date = Date()) throws {
        guard let timestamp, let seconds = Int64(timestamp.trimmingWhitespace),
            abs(Double(seconds) - now.timeIntervalSince1970) <= Self.tolerance
        else { throw EventError(.invalidSignature, "X-Timestamp is missing or more than 300 seconds off.") }
        guard let signature, let mac = Self.macBytes(signature.trimmingWhitespace) else {
            throw EventError(.invalidSignature, "X-Signature must be sha256= followed by 64 hex characters.")
        }
        // Constant time: the comparison does not stop at the first differing byte.
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: SymmetricKey(data: secret))
        else { throw EventError(.invalidSignature, "The signature does not match the body.") }
    }

    /// The header value for `body`, as a sender computes it; used by tests and documented in docs/events.md.
    public func header(for body: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// The 32 bytes of `sha256=<64 hex>`, or nil for any other shape.
    static func macBytes(_ header: String) -> [UInt8]? {
        let prefix = "sha256="
        guard header.hasPrefix(prefix) else { return nil }
        let hex = Array(header.utf8.dropFirst(prefix.utf8.count))
        guard hex.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = hexValue(hex[index]), let low = hexValue(hex[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
