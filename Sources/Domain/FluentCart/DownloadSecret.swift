/// The `DOWNLOAD_SECRET` that signs download tokens.
///
/// Any string of at least 16 bytes is used as it is, as raw key bytes: operators paste hex (`openssl rand -hex 32`)
/// or base64, and both make good HMAC keys without decoding, so there is no format to get wrong. Shorter values are
/// refused because they are too easy to guess.
public struct DownloadSecret: Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// Shortest accepted secret, in bytes.
    public static let minimumLength = 16

    public init?(_ text: String) {
        guard text.utf8.count >= Self.minimumLength else { return nil }
        bytes = Array(text.utf8)
    }

    /// Never the secret itself.
    public var description: String { "DownloadSecret(redacted)" }
}
