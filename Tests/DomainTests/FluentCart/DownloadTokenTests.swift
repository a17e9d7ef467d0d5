import Domain
import Foundation
import Testing

@Suite("Download tokens")
struct DownloadTokenTests {
    static let secret = Array("0123456789abcdef0123456789abcdef".utf8)
    /// 2025-01-15 10:30:00.75 UTC: a fraction of a second, to show that expiry is whole seconds.
    static let issuedAt = Date(timeIntervalSince1970: 1_736_937_000.75)

    static func token(_ purpose: DownloadToken.Purpose = .package, activationID: Int64 = 7) -> DownloadToken {
        DownloadToken(purpose: purpose, licenseID: 17, activationID: activationID, productID: 42, issuedAt: issuedAt)
    }

    @Test("last 48 hours for packages and 60 minutes for downloads")
    func lifetimes() {
        #expect(DownloadToken.Purpose.package.lifetime == 172_800)
        #expect(DownloadToken.Purpose.download.lifetime == 3600)
        #expect(Self.token(.package).expires == Date(timeIntervalSince1970: 1_736_937_000 + 172_800))
        #expect(Self.token(.download).expires == Date(timeIntervalSince1970: 1_736_937_000 + 3600))
    }

    @Test("sign the documented payload with HMAC-SHA256, both parts unpadded base64url")
    func format() throws {
        let signed = Self.token().signed(secret: Self.secret)
        let parts = signed.split(separator: ".")
        try #require(parts.count == 2)
        #expect(parts[0] == "djE6MTc6Nzo0MjoxNzM3MTA5ODAw")  // v1:17:7:42:1737109800
        #expect(parts[1].utf8.count == 43)
        #expect(!signed.contains("=") && !signed.contains("+") && !signed.contains("/"))
    }

    @Test("verify what they signed", arguments: [DownloadToken.Purpose.package, .download])
    func roundTrip(purpose: DownloadToken.Purpose) {
        for activationID: Int64 in [7, 0] {
            let token = Self.token(purpose, activationID: activationID)
            let verified = DownloadToken.verify(
                token.signed(secret: Self.secret),
                purpose: purpose,
                secret: Self.secret,
                now: Self.issuedAt
            )
            #expect(verified == token)
        }
    }

    @Test("are refused once expired")
    func expiry() {
        let token = Self.token(.download)
        let signed = token.signed(secret: Self.secret)
        let justBefore = token.expires.addingTimeInterval(-1)
        #expect(DownloadToken.verify(signed, purpose: .download, secret: Self.secret, now: justBefore) == token)
        #expect(DownloadToken.verify(signed, purpose: .download, secret: Self.secret, now: token.expires) == nil)
        let later = token.expires.addingTimeInterval(3600)
        #expect(DownloadToken.verify(signed, purpose: .download, secret: Self.secret, now: later) == nil)
    }

    @Test("are refused for the other purpose")
    func purposes() {
        let package = Self.token(.package).signed(secret: Self.secret)
        let download = Self.token(.download).signed(secret: Self.secret)
        #expect(DownloadToken.verify(package, purpose: .download, secret: Self.secret, now: Self.issuedAt) == nil)
        #expect(DownloadToken.verify(download, purpose: .package, secret: Self.secret, now: Self.issuedAt) == nil)
    }

    @Test("are refused under another secret, so the signature depends on it")
    func otherSecret() {
        let other = Array("fedcba9876543210fedcba9876543210".utf8)
        let signed = Self.token().signed(secret: Self.secret)
        #expect(Self.token().signed(secret: other) != signed)
        #expect(DownloadToken.verify(signed, purpose: .package, secret: other, now: Self.issuedAt) == nil)
    }

    @Test("are refused when the payload or the signature was changed")
    func tampering() {
        let signed = Self.token().signed(secret: Self.secret)
        let parts = signed.split(separator: ".").map(String.init)
        let forgedPayload = Data("v1:17:7:43:1737109800".utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "")
        var flipped = Array(parts[1].utf8)
        flipped[5] = flipped[5] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let tampered = [
            forgedPayload + "." + parts[1],
            parts[0] + "." + String(decoding: flipped, as: UTF8.self),
            parts[0] + "." + String(parts[1].dropLast()),
            parts[0] + "." + parts[1] + "A",
        ]
        for token in tampered {
            #expect(DownloadToken.verify(token, purpose: .package, secret: Self.secret, now: Self.issuedAt) == nil)
        }
    }

    @Test(
        "refuse malformed strings",
        arguments: [
            "", ".", "abc", "a.b.c", "djE6MTc6Nzo0MjoxNzM3MTA5ODAw", "djE6MTc6Nzo0MjoxNzM3MTA5ODAw.",
            ".djE6MTc6Nzo0MjoxNzM3MTA5ODAw", "djE6MTc6Nzo0MjoxNzM3MTA5ODAw=.AAAA", "dj!6.AAAA", "d.AAAA",
            String(repeating: "A", count: 600) + ".AAAA",
        ]
    )
    func malformed(token: String) {
        #expect(DownloadToken.verify(token, purpose: .package, secret: Self.secret, now: Self.issuedAt) == nil)
    }

    @Test("match a token signed independently (Python's hmac) for the same payload")
    func knownAnswer() {
        #expect(
            Self.token().signed(secret: Self.secret)
                == "djE6MTc6Nzo0MjoxNzM3MTA5ODAw.Gv2xDM4GzK7dN1Jkb3-qc8VvtMSC0zgimZ0Oku1NzLk"
        )
    }

    @Test(
        "refuse correctly signed payloads with bad fields",
        arguments: [
            "djE6MTc6Nzo0Mg.W-KKK9BWgGI8gZJ36Z4O1Ar4rSnIGXyuyFB8vOButkk",  // v1:17:7:42
            "djE6MTc6Nzo0MjoxNzM3MTA5ODAwOjk.46H9HQitcQeVehCd4CRsWHEysYC9g-QGHxagM2skM2k",  // v1:17:7:42:1737109800:9
            "djE6LTE3Ojc6NDI6MTczNzEwOTgwMA.NG4O_Xm7W5jHfCxwdbc3XEItu8Kp_eOx66IgTCML624",  // v1:-17:7:42:1737109800
            "djE6MTc6eDo0MjoxNzM3MTA5ODAw.n53OqCxPGOQ5sMbkJJw4UEIuXsFQTnFa6H_nPavU9ew",  // v1:17:x:42:1737109800
            "djE6MTc6Nzo6MTczNzEwOTgwMA.VjCYX_RsawRpgrHnCA0VPDwnxh27SBg3OHhK1nMbKBg",  // v1:17:7::1737109800
            "djE6IDE3Ojc6NDI6MTczNzEwOTgwMA.P0nkv4uPvIvnF38eFw2Cz9_EA7ZttqPzo7SxAuXnu-8",  // v1: 17:7:42:1737109800
            // v1:17:7:42:99999999999999999999
            "djE6MTc6Nzo0Mjo5OTk5OTk5OTk5OTk5OTk5OTk5OQ.CLcSduOG-h1sI5YniIb8C--pXoz7m8VR3A33N-2DnMA",
            "djI6MTc6Nzo0MjoxNzM3MTA5ODAw.ivsTNPA3c0i4Dai45b4dTnbwHI450iUZB30e3nKwjD8",  // v2:17:7:42:1737109800
            "VjE6MTc6Nzo0MjoxNzM3MTA5ODAw.kjpoVDvwto_WpQsVFqlylQjcJRJxuLHB4L2ky9AcLKQ",  // V1:17:7:42:1737109800
            "djE6KzE3Ojc6NDI6MTczNzEwOTgwMA.i9t2UomsuILAggCx88RnQTL1Wz1t2ncK8Ub7kN39OfI",  // v1:+17:7:42:1737109800
        ]
    )
    func badFields(token: String) {
        #expect(DownloadToken.verify(token, purpose: .package, secret: Self.secret, now: Self.issuedAt) == nil)
    }

    @Test("accept a token signed the documented way by someone else")
    func interoperable() {
        // dl1:5:0:9:1737109800, signed with Python's hmac.
        let token = "ZGwxOjU6MDo5OjE3MzcxMDk4MDA.B-eMpdj525yHCw3RqlIpaJwHyP_4MIGZhedRvVdBqS4"
        let verified = DownloadToken.verify(token, purpose: .download, secret: Self.secret, now: Self.issuedAt)
        #expect(verified?.licenseID == 5)
        #expect(verified?.activationID == 0)
        #expect(verified?.productID == 9)
        #expect(verified?.expires == Date(timeIntervalSince1970: 1_737_109_800))
    }
}
