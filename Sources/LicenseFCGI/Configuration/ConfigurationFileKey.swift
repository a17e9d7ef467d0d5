/// One key of the JSON configuration file: its environment variable (`database_url` is `DATABASE_URL`), the JSON
/// type it takes, and the rule its value must pass. The table in `all` is the complete list; any other key is an
/// error, so a typo never silently does nothing.
struct ConfigurationFileKey: Sendable {
    enum Kind: Sendable {
        /// A URL whose scheme is one of these (lowercase).
        case url(schemes: [String])
        /// What libpq connects with: a `postgresql://` URL, multi-host ones included, or `key=value` pairs.
        case databaseConnection
        /// A list of URLs (JSON array of strings; in the environment, separated by commas or spaces).
        case urlList(schemes: [String])
        /// A secret of at least this many bytes; never printed.
        case secret(minimumBytes: Int)
        /// An integer in this range.
        case integer(ClosedRange<Int>)
        /// A number (fractions allowed) in this range.
        case decimal(ClosedRange<Double>)
        case boolean
        case text
        /// One of these words.
        case choice([String])
        /// A list of IP addresses or CIDRs (JSON array of strings; in the environment, separated by commas or spaces).
        case addressList
    }

    let name: String
    let kind: Kind

    /// The environment variable that carries the same value, and wins over the file.
    var variable: String { name.uppercased() }

    var isSecret: Bool {
        if case .secret = kind { return true }
        return false
    }

    private static let http = ["http", "https"]

    static let all: [ConfigurationFileKey] = [
        .init(name: "database_url", kind: .databaseConnection),
        .init(name: "database_read_url", kind: .databaseConnection),
        .init(name: "background_database_url", kind: .databaseConnection),
        .init(name: "database_prepared_statements", kind: .boolean),
        .init(name: "request_deadline_ms", kind: .integer(0...600_000)),
        .init(name: "public_base_url", kind: .url(schemes: http)),
        .init(name: "faxstore_v1_enabled", kind: .boolean),
        .init(name: "grace_days", kind: .integer(0...3650)),
        .init(name: "download_secret", kind: .secret(minimumBytes: 16)),
        .init(name: "downloads_dir", kind: .text),
        .init(name: "events_secret", kind: .secret(minimumBytes: 16)),
        .init(name: "webhook_urls", kind: .urlList(schemes: http)),
        .init(name: "webhook_secret", kind: .secret(minimumBytes: 16)),
        .init(name: "webhook_retry_base_seconds", kind: .decimal(0...86_400)),
        .init(name: "sweep_interval_seconds", kind: .integer(1...86_400)),
        .init(name: "check_log_retention_days", kind: .integer(0...36_500)),
        .init(name: "check_log_rollup_interval_seconds", kind: .integer(1...86_400)),
        .init(name: "statement_timeout_ms", kind: .integer(0...3_600_000)),
        .init(name: "log_level", kind: .choice(["trace", "debug", "info", "notice", "warning", "error", "critical"])),
        .init(name: "metrics_allow", kind: .addressList),
    ]

    static func named(_ name: String) -> ConfigurationFileKey? { all.first { $0.name == name } }
}
