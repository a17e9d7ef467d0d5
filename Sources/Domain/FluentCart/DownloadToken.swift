import Crypto
import Foundation

/// A signed, expiring download permission (fluentcart.md §4.6): `base64url(payload) "." base64url(HMAC-SHA256)`, both
/// unpadded, where the payload is `<prefix>:<license id>:<activation id or 0>:<product id>:<expires unix>`.
///
/// The token carries ids, never the license key, because download URLs end up in access logs. It is stateless: any
/// worker that knows `DOWNLOAD_SECRET` can check it, and rotating the secret revokes every outstanding token.
public struct DownloadToken: Equatable, Sendable {
    /// What a token may be used for. Each purpose has its own payload prefix, so a token of one kind is never
    /// accepted as the other.
    public enum Purpose: Sendable {
        /// `download_license_package` (the update check's `package` URL): prefix `v1`, valid for 48 hours, long
        /// enough for WordPress to act on a cached update check.
        case package
        /// `download-by-id` (the redirect target after the package checks passed): prefix `dl1`, valid for
        /// 60 minutes, as FluentCart's own download links.
        case download

        /// Seconds from issue to expiry.
        public var lifetime: TimeInterval {
            switch self {
            case .package: 48 * 3600
            case .download: 60 * 60
            }
        }

        var prefix: String {
            switch self {
            case .package: "v1"
            case .download: "dl1"
            }
        }
    }

    /// Longest token `verify` reads; a real one is about 110 characters.
    public static let maximumLength = 512

    public let purpose: Purpose
    public let licenseID: Int64
    /// 0 when the license was resolved without an activation.
    public let activationID: Int64
    public let productID: Int64
    /// Whole Unix seconds; the token is refused from this instant on.
    public let expires: Date

    /// A token issued at `issuedAt`, expiring `purpose.lifetime` later (rounded down to a whole second).
    public init(purpose: Purpose, licenseID: Int64, activationID: Int64, productID: Int64, issuedAt: Date) {
        let expires = (issuedAt.timeIntervalSince1970 + purpose.lifetime).rounded(.down)
        self.init(
            purpose: purpose,
            licenseID: licenseID,
            activationID: activationID,
            productID: productID,
            expires: Date(timeIntervalSince1970: expires)
        )
    }

    private init(purpose: Purpose, licenseID: Int64, activationID: Int64, productID: Int64, expires: Date) {
        self.purpose = purpose
        self.licenseID = licenseID
        self.activationID = activationID
        self.productID = productID
        self.expires = expires
    }

    /// The URL-safe token for this permission, signed with `secret`.
    public func signed(secret: [UInt8]) -> String {
        let payload = Array(self.payload.utf8)
        let signature = HMAC<SHA256>.authenticationCode(for: payload, using: SymmetricKey(data: secret))
        return Self.base64URL(payload) + "." + Self.base64URL(Array(signature))
    }

    /// The permission `token` grants for `purpose` at `now`, or nil when it is malformed or overlong, its signature
    /// does not match `secret` (compared in constant time), it was issued for the other purpose, or it has expired.
    public static func verify(_ token: String, purpose: Purpose, secret: [UInt8], now: Date) -> DownloadToken? {
        guard token.utf8.count <= maximumLength else { return nil }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = bytes(base64URL: parts[0]), let signature = bytes(base64URL: parts[1]),
            HMAC<SHA256>.isValidAuthenticationCode(
                signature,
                authenticating: payload,
                using: SymmetricKey(data: secret)
            )
        else { return nil }

        let fields = String(decoding: payload, as: UTF8.self).split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0] == purpose.prefix else { return nil }
        let numbers = fields.dropFirst().compactMap(unsignedInteger)
        guard numbers.count == 4, Double(numbers[3]) > now.timeIntervalSince1970 else { return nil }
        return DownloadToken(
            purpose: purpose,
            licenseID: numbers[0],
            activationID: numbers[1],
            productID: numbers[2],
            expires: Date(timeIntervalSince1970: TimeInterval(numbers[3]))
        )
    }

    private var payload: String {
        "\(purpose.prefix):\(licenseID):\(activationID):\(productID):\(Int64(expires.timeIntervalSince1970))"
    }

    /// ASCII digits only: no sign, no spaces, nothing past `Int64.max`.
    private static func unsignedInteger(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        return Int64(text)
    }

    /// RFC 4648 §5 without padding.
    private static func base64URL(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// Decodes unpadded base64url, refusing any other spelling of the same bytes (padding, the standard alphabet,
    /// non-zero trailing bits), so that each token has exactly one valid form.
    private static func bytes(base64URL text: Substring) -> [UInt8]? {
        let isAlphabet: (UInt8) -> Bool = { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                return true
            default:
                return false
            }
        }
        guard !text.isEmpty, text.utf8.allSatisfy(isAlphabet), text.utf8.count % 4 != 1 else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: standard) else { return nil }
        let bytes = [UInt8](data)
        guard base64URL(bytes) == text else { return nil }
        return bytes
    }
}
