import Foundation

/// A checksum of every business table of the stack's database, to show that a run of requests changed nothing.
///
/// The tables are read from the catalog, so a table added by a later migration is covered without editing this.
/// Left out, because requests or the stack's own background work change them legitimately:
/// - `license_checks` and its day partitions `license_checks_pYYYYMMDD`: the append-only check log; a public
///   `check_license` may log a refused check, and the background process adds days.
/// - `check_log_daily`, `check_log_rollup`: the check log's rollup, which the background process moves on.
/// - `application_passwords.last_used_at`: authentication records a password's use (at most hourly).
/// - `webhook_outbox`'s delivery columns: the dispatcher keeps retrying earlier suites' webhooks; which webhooks
///   exist and what they carry is still covered.
struct DatabaseChecksum: Equatable, CustomStringConvertible {
    static let excludedTables = ["license_checks", "check_log_daily", "check_log_rollup"]
    static let excludedPrefixes = ["license_checks_p"]
    static let excludedColumns = [
        "application_passwords": ["last_used_at"],
        "webhook_outbox": ["status", "attempts", "next_attempt_at", "last_error", "delivered_at"],
    ]

    /// md5 of each table's rows, by table name.
    var tables: [String: String]

    var description: String {
        tables.keys.sorted().map { "\($0) \(tables[$0]!.prefix(8))" }.joined(separator: ", ")
    }

    /// The tables whose checksum differs between `self` and `other`.
    func changedTables(since other: DatabaseChecksum) -> [String] {
        Set(tables.keys).union(other.tables.keys).filter { tables[$0] != other.tables[$0] }.sorted()
    }

    static func take(of database: Database = .stack) async throws -> DatabaseChecksum {
        let names = try await database.rows(
            """
            select table_name from information_schema.tables
            where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name
            """
        ).compactMap { $0.first ?? nil }
        let business = names.filter { name in
            !excludedTables.contains(name) && !excludedPrefixes.contains { name.hasPrefix($0) }
        }
        let queries = business.map { name in
            let excluded = (excludedColumns[name] ?? []).map { Database.literal($0) }.joined(separator: ", ")
            return """
                select \(Database.literal(name)), md5(coalesce(string_agg(row::text, E'\\n' order by row::text), ''))
                from (select to_jsonb(t) - array[\(excluded)]::text[] as row from public."\(name)" t) rows
                """
        }
        let rows = try await database.rows(queries.joined(separator: "\nunion all\n"))
        var tables: [String: String] = [:]
        for row in rows where row.count == 2 {
            if let name = row[0], let sum = row[1] { tables[name] = sum }
        }
        return DatabaseChecksum(tables: tables)
    }
}
