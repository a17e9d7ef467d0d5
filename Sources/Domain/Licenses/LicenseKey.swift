/// A license key as presented by a client or stored for a license. Redacts itself in logs.
public struct LicenseKey: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts only what a key can be (`[A-Za-z0-9_-]{8,192}`), so an impossible key is refused before any query.
    public init?(_ rawValue: String) {
        guard Self.isWellFormed(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Keys are looked up ignoring case on both APIs.
    public var lookupValue: String { rawValue.lowercased() }

    /// At most the last four characters, so that logs never hold a usable key.
    public var description: String { "…" + rawValue.suffix(4) }

    public static func isWellFormed(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard (8...192).contains(utf8.count) else { return false }
        return utf8.allSatisfy(isKeyByte)
    }

    /// A new key: the product's prefix and 32 lowercase hex characters from the system CSPRNG.
    public static func generate(prefix: String) -> LicenseKey {
        LicenseKey(unchecked: prefix + RandomToken.hex(bytes: 16))
    }

    /// Only key characters (`[A-Za-z0-9_-]`), whatever the length: what a `{license_key}` path segment may hold.
    public static func isKeyAlphabet(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy(isKeyByte)
    }

    /// Prefixes match `[A-Za-z0-9_-]{0,32}`, so a generated key is always well formed.
    public static func isValidPrefix(_ prefix: String) -> Bool {
        prefix.utf8.count <= 32 && prefix.utf8.allSatisfy(isKeyByte)
    }

    private init(unchecked: String) {
        self.rawValue = unchecked
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
