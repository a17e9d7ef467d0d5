import Domain
import Foundation
import Logging

/// Where release files live (`DOWNLOADS_DIR`), served by nginx's internal download location.
///
/// The admin CLI is often run without the server's environment (a DBA's shell, a test harness), so the supervisor
/// announces its folder in the `settings` table and the CLI falls back to it.
enum DownloadsDirectory {
    static let variable = "DOWNLOADS_DIR"
    static let settingKey = "downloads_dir"
    static let fallback = "/var/lib/license-fcgi/downloads"

    /// `--downloads-dir`, else `DOWNLOADS_DIR`, else the server's announcement, else `fallback`.
    static func resolve(option: String?, connection: PostgresConnection) throws -> String {
        if let option, !option.isEmpty { return option }
        if let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty { return value }
        let announced = try connection.query("SELECT value #>> '{}' FROM settings WHERE key = $1", [settingKey])
        return announced.string(row: 0, column: 0) ?? fallback
    }

    /// Records the server's `DOWNLOADS_DIR` (absolute) for the CLI, off the supervisor's thread: a database that is
    /// slow or away at start-up must not delay serving.
    static func announce(databaseURL: String, logger: Logger) {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else { return }
        let absolute = URL(fileURLWithPath: value).standardizedFileURL.path
        let thread = Thread {
            do {
                let connection = try PostgresConnection(url: databaseURL, applicationName: "license-fcgi-supervisor")
                try connection.query(
                    """
                    INSERT INTO settings (key, value) VALUES ($1, to_jsonb($2::text))
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()
                    """,
                    [settingKey, absolute]
                )
            } catch {
                logger.warning("could not record DOWNLOADS_DIR", metadata: ["error": "\(error)"])
            }
        }
        thread.start()
    }
}
