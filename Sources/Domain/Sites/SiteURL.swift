/// A site URL normalized as FluentCart normalizes it (fluentcart.md §3.2), with its local/staging verdict.
public struct SiteURL: Hashable, Sendable, CustomStringConvertible {
    /// The stored spelling: no scheme, no trailing slashes, case kept.
    public let value: String

    /// Longest normalized URL we store; longer values count as missing.
    public static let maximumLength = 192

    /// Normalizes raw input; nil when nothing usable remains.
    public init?(_ raw: String) {
        var text = URLDecoding.decode(raw).trimmingWhitespace
        while let last = text.last, last == "/" || last == "\\" { text.removeLast() }
        for scheme in ["https://", "http://"] where text.lowercased().hasPrefix(scheme) {
            text = String(text.dropFirst(scheme.count))
            break
        }
        // Counted in code points, as PostgreSQL counts them in the column CHECK.
        text = text.withoutNUL
        guard !text.isEmpty, text.unicodeScalars.count <= Self.maximumLength else { return nil }
        value = text
    }

    public var description: String { value }

    /// Sites are compared ignoring case; the first spelling seen is stored.
    public var lookupValue: String { value.lowercased() }

    /// The host: the text before the first `/`, without `:port`, lower-cased.
    public var host: String {
        let beforePath = value.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let withoutPort = beforePath.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return withoutPort.lowercased()
    }

    /// Staging and local sites activate without using a slot (fluentcart.md §3.3).
    public var isLocal: Bool {
        let host = host
        for word in Self.stagingWords where host.hasPrefix(word + ".") || host.contains("." + word + ".") {
            return true
        }
        let segments = value.lowercased().split(separator: "/").dropFirst()
        if segments.contains(where: { Self.stagingWords.contains(String($0)) }) { return true }
        return Self.hostingDomains.contains { host.contains($0) }
    }

    static let stagingWords: Set<String> = [
        "staging", "stage", "dev", "test", "qa", "sandbox", "beta", "preview", "uat", "development",
    ]

    static let hostingDomains = [
        "localhost", ".wpengine.com", ".wpenginepowered.com", ".kinsta.cloud", ".sg-host.com", ".cloudwaysapps.com",
        ".flywheelsites.com", ".pantheonsite.io", ".dreamhostps.com", ".pressable.site", ".staging.wpmudev.host",
        ".liquidweb.cloud", ".runcloud.link", ".wp1.sh",
    ]
}
