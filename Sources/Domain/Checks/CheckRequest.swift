/// One FaxStore check, as the HTTP layer decoded it.
public struct CheckRequest: Sendable {
    /// The path product for a single check; the `proIds` list for a multiple check.
    public var productIDs: [Int64]
    public var api: CheckAPI
    /// nil when the presented key cannot be a key (missing, empty, wrong alphabet or length).
    public var key: LicenseKey?
    public var clientIP: IPAddress?
    public var userAgent: String
    public var info: String
    /// False skips the log row and the counters (`log=false`).
    public var log: Bool

    /// Longest `info` stored, in code points (faxstore.md §2).
    public static let maximumInfoLength = 1000
    /// Longest user agent stored, in code points.
    public static let maximumUserAgentLength = 512

    public init(
        productIDs: [Int64],
        api: CheckAPI,
        key: LicenseKey?,
        clientIP: IPAddress?,
        userAgent: String,
        info: String,
        log: Bool
    ) {
        self.productIDs = productIDs
        self.api = api
        self.key = key
        self.clientIP = clientIP
        self.userAgent = userAgent.withoutNUL.prefix(scalars: Self.maximumUserAgentLength)
        self.info = info.withoutNUL.prefix(scalars: Self.maximumInfoLength)
        self.log = log
    }

    /// A single check names one product; a multiple check a list of candidates.
    public var isSingle: Bool { api != .multiple }
}
