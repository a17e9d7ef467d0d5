import Crypto
import Foundation

/// The views operations.md §4 names; further report views may exist beside them.
let requiredReportViews = [
    "license_overview", "activations_by_product", "checks_daily", "expiring_soon", "sites",
    "activations_by_site", "top_failing_keys",
]

extension Database {
    /// Runs `sql` in one psql session after `SET ROLE license_reporter`: the E2E database user is a superuser, so
    /// only the role switch shows what a reporter may read.
    func rowsAsReporter(_ sql: String) async throws -> [[String?]] {
        try await rows("SET ROLE license_reporter; \(sql)")
    }

    /// The rows of `sql` as the reporter, each field joined by `|`, to compare whole rows at once.
    func linesAsReporter(_ sql: String) async throws -> [String] {
        try await rowsAsReporter(sql).map { row in row.map { $0 ?? "NULL" }.joined(separator: "|") }
    }
}

/// `reports.top_failing_keys.key_fingerprint` computed here: SHA-256 of the lower-case key, first 16 hex digits.
func keyFingerprint(_ key: String) -> String {
    SHA256.hash(data: Data(key.lowercased().utf8)).map { String(format: "%02x", $0) }.joined().prefix(16).description
}

/// `--expires` text for a moment in UTC.
func expiryText(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
    return formatter.string(from: date)
}

/// The first instant of the UTC calendar month `offset` months from the current one.
func utcMonthStart(offset: Int) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let start = calendar.date(from: calendar.dateComponents([.year, .month], from: Date()))!
    return calendar.date(byAdding: .month, value: offset, to: start)!
}
