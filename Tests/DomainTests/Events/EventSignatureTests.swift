import Domain
import Foundation
import Testing

@Suite("Event signatures")
struct EventSignatureTests {
    let signer = EventSignature(secret: Array("test-secret".utf8))
    let body = Array(#"{"event_id":"evt_1"}"#.utf8)
    let now = Date(timeIntervalSince1970: 1_736_935_800)
    var timestamp: String { String(Int(now.timeIntervalSince1970)) }

    @Test("accepts the HMAC-SHA256 of the body with a fresh timestamp")
    func accepts() throws {
        try signer.verify(body: body, signature: signer.header(for: body), timestamp: timestamp, now: now)
    }

    @Test("matches openssl's HMAC-SHA256 of a known body")
    func knownVector() {
        // printf '%s' '{"event_id":"evt_1"}' | openssl dgst -sha256 -hmac test-secret
        #expect(signer.header(for: body) == "sha256=" + Self.knownMAC)
    }

    @Test("accepts uppercase hex")
    func uppercase() throws {
        let header = "sha256=" + Self.knownMAC.uppercased()
        try signer.verify(body: body, signature: header, timestamp: timestamp, now: now)
    }

    @Test(
        "refuses a signature of the wrong shape",
        arguments: [
            nil, "", "sha256=", "sha1=" + String(repeating: "0", count: 64),
            "sha256=" + String(repeating: "g", count: 64),
            "sha256=" + String(repeating: "0", count: 63), "SHA256=" + knownMAC,
        ] as [String?]
    )
    func malformed(signature: String?) {
        #expect(throws: EventError(.invalidSignature, "X-Signature must be sha256= followed by 64 hex characters.")) {
            try signer.verify(body: body, signature: signature, timestamp: timestamp, now: now)
        }
    }

    @Test("refuses another body or another secret")
    func wrongMAC() {
        let other = EventSignature(secret: Array("other".utf8))
        #expect(throws: EventError.self) {
            try signer.verify(body: body, signature: other.header(for: body), timestamp: timestamp, now: now)
        }
        #expect(throws: EventError.self) {
            try signer.verify(body: body + [32], signature: signer.header(for: body), timestamp: timestamp, now: now)
        }
    }

    @Test("refuses a missing, unreadable or stale timestamp", arguments: [nil, "", "abc", "-301", "301"] as [String?])
    func staleTimestamp(offset: String?) {
        let value = offset.flatMap { Int($0) }.map { String(Int(now.timeIntervalSince1970) + $0) } ?? offset
        #expect(throws: EventError.self) {
            try signer.verify(body: body, signature: signer.header(for: body), timestamp: value, now: now)
        }
    }

    @Test("accepts a timestamp 300 seconds off either way", arguments: [-300, 300])
    func window(offset: Int) throws {
        let value = String(Int(now.timeIntervalSince1970) + offset)
        try signer.verify(body: body, signature: signer.header(for: body), timestamp: value, now: now)
    }

    static let knownMAC = "af9ae3e9f76828844441dca5fd9247ea053ac934c1a52efc9b76b05db44e7d80"
}
