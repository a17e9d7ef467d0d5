import Foundation

/// Reads the stack's database with `psql "$E2E_DATABASE_URL" -At`, to see what a check wrote.
struct Database: Sendable {
    static let stack = Database()
    /// PgBouncer's admin console (`SHOW CLIENTS`...), which speaks only the simple protocol that `psql -c` uses.
    static let pgBouncerAdmin = Database(url: Stack.pgBouncerAdminURL)

    /// The database's URL; nil: the stack's.
    var url: String?

    init(url: String? = nil) {
        self.url = url
    }

    private static let fieldSeparator = "\u{1F}"
    private static let rowSeparator = "\u{1E}"
    /// How psql shows NULL here, so that NULL and the empty string differ.
    private static let null = "\u{2400}"

    /// The rows of a query, each a list of fields, NULL as nil.
    func rows(_ sql: String) async throws -> [[String?]] {
        let arguments = [
            url ?? Stack.databaseURL, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1",
            "-F", Self.fieldSeparator, "-R", Self.rowSeparator, "-P", "null=\(Self.null)", "-c", sql,
        ]
        let output = try await AsyncSemaphore.databaseClients.withSlot {
            try await Subprocess.run("/usr/bin/psql", arguments)
        }
        guard output.exitStatus == 0 else {
            throw SubprocessError(description: "psql failed on \(sql): \(output.stderrText)")
        }
        var text = output.stdoutText
        if text.hasSuffix("\n") { text.removeLast() }
        guard !text.isEmpty else { return [] }
        return text.components(separatedBy: Self.rowSeparator).map { row in
            row.components(separatedBy: Self.fieldSeparator).map { $0 == Self.null ? nil : $0 }
        }
    }

    /// The single value of a query, NULL as nil.
    func value(_ sql: String) async throws -> String? {
        let rows = try await rows(sql)
        guard rows.count == 1, rows[0].count == 1 else {
            throw SubprocessError(description: "expected one value from \(sql), got \(rows)")
        }
        return rows[0][0]
    }

    func integer(_ sql: String) async throws -> Int {
        guard let text = try await value(sql), let number = Int(text) else {
            throw SubprocessError(description: "expected an integer from \(sql)")
        }
        return number
    }

    /// `text` as a SQL string literal.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

/// A license's FaxStore counters (`faxstore.md` §7).
struct Counters: Sendable, Equatable {
    var totalRequests: Int
    /// `last_request_at` as text, nil when never set.
    var lastRequestAt: String?
}

/// One row of `license_checks`.
struct CheckRow: Sendable, Equatable, CustomStringConvertible {
    var licenseID: Int64?
    var productID: Int64?
    /// `requested_product_ids` as psql prints an array, e.g. `{8,16}`.
    var requestedProductIDs: String?
    /// `host(ip)`.
    var ip: String?
    var userAgent: String?
    var info: String?
    var result: String?
    var api: String?

    var description: String {
        "license \(licenseID.map(String.init) ?? "null"), product \(productID.map(String.init) ?? "null"), "
            + "requested \(requestedProductIDs ?? "null"), ip \(ip ?? "null"), result \(result ?? "null"), "
            + "api \(api ?? "null"), info \(info.map { "\"\($0.prefix(40))\"" } ?? "null"), "
            + "user agent \(userAgent.map { "\"\($0.prefix(40))\"" } ?? "null")"
    }
}

extension Database {
    func counters(of license: License) async throws -> Counters {
        let rows = try await rows(
            "select total_requests, last_request_at from licenses where id = \(license.id)"
        )
        guard let row = rows.first, row.count == 2, let total = row[0].flatMap({ Int($0) }) else {
            throw SubprocessError(description: "license \(license.id) not found")
        }
        return Counters(totalRequests: total, lastRequestAt: row[1])
    }

    /// The check-log rows matching a SQL condition, oldest first.
    func checks(where condition: String) async throws -> [CheckRow] {
        try await rows(
            """
            select license_id, product_id, requested_product_ids, host(ip), user_agent, info, result, api
            from license_checks where \(condition) order by id
            """
        ).map { field in
            CheckRow(
                licenseID: field[0].flatMap { Int64($0) },
                productID: field[1].flatMap { Int64($0) },
                requestedProductIDs: field[2],
                ip: field[3],
                userAgent: field[4],
                info: field[5],
                result: field[6],
                api: field[7]
            )
        }
    }

    func checks(of license: License) async throws -> [CheckRow] {
        try await checks(where: "license_id = \(license.id)")
    }

    func checks(of product: Product) async throws -> [CheckRow] {
        try await checks(where: "product_id = \(product.id)")
    }

    func checks(withInfo info: String) async throws -> [CheckRow] {
        try await checks(where: "info = \(Database.literal(info))")
    }

    func checks(withUserAgent userAgent: String) async throws -> [CheckRow] {
        try await checks(where: "user_agent = \(Database.literal(userAgent))")
    }

    /// Gives the UTC days of SQL timestamp expressions their check-log partitions, for a test that writes rows in
    /// the past: the migration and the background process make only today's and the next days'.
    ///
    /// As the background process does, each try gives up after 100 ms when it would wait for a lock on `licenses`
    /// (attaching clones the log's foreign key): queued behind a test's long transaction, it would hold up every
    /// check of the other tests queued behind it.
    func createCheckLogPartitions(containing moments: [String]) async throws {
        let days = moments.map { "((\($0)) AT TIME ZONE 'UTC')::date" }
        let sql = """
            SET lock_timeout = '100ms';
            SELECT license_checks_create_partition(day) FROM unnest(ARRAY[\(days.joined(separator: ", "))]) AS day
            """
        for _ in 1..<50 {
            if (try? await rows(sql)) != nil { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        _ = try await rows(sql)
    }
}
