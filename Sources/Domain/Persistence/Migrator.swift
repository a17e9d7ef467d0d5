import Foundation
import Logging

/// Applies the numbered SQL files of `sql/` in order, each in its own transaction, and records them.
///
/// An advisory lock makes concurrent runs (several servers starting at once) wait for each other, so each
/// migration runs exactly once.
public struct Migrator {
    public struct Migration: Sendable {
        public let version: String
        public let name: String
        public let sql: String
    }

    /// Key of the advisory lock that serializes migration runs across servers.
    static let lockKey: Int64 = 0x6c69_6365_6e73_6531

    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Files named `NNN_description.sql`, sorted by their number. Two files with one number are refused: the
    /// number is what `schema_migrations` records, so the second would be skipped on databases that have the first.
    public func migrations() throws -> [Migration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let migrations = try names.filter { $0.hasSuffix(".sql") && $0.first?.isNumber == true }.sorted().map { name in
            let version = String(name.prefix { $0.isNumber })
            let sql = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            return Migration(version: version, name: name, sql: sql)
        }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            throw DomainError(
                .invalidInput,
                "migrations \(previous.name) and \(next.name) share the number \(next.version)"
            )
        }
        return migrations
    }

    /// Applies what is missing; returns the names applied now.
    public func migrate(_ connection: PostgresConnection, logger: Logger) throws -> [String] {
        let all = try migrations()
        try connection.query("SELECT pg_advisory_lock($1)", [Self.lockKey.sql])
        defer { _ = try? connection.query("SELECT pg_advisory_unlock($1)", [Self.lockKey.sql]) }
        try connection.execute(
            script: """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version text PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """
        )
        let done = Set(try connection.query("SELECT version FROM schema_migrations").rows.compactMap { $0["version"] })
        var applied: [String] = []
        for migration in all where !done.contains(migration.version) {
            try connection.withTransaction { transaction in
                try transaction.execute(script: migration.sql)
                try transaction.query(
                    "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                    [migration.version, migration.name]
                )
            }
            logger.info("migration applied", metadata: ["migration.name": "\(migration.name)"])
            applied.append(migration.name)
        }
        return applied
    }

    /// The newest applied version, or nil on an empty database.
    public static func currentVersion(_ connection: PostgresConnection) throws -> String? {
        try connection.query("SELECT max(version) AS version FROM schema_migrations").rows.first?["version"]
    }
}
