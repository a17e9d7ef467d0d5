import ArgumentParser
import Domain
import Foundation
import Logging

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the numbered SQL migrations that are missing (safe to run twice)."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Folder of NNN_*.sql files (default: the checkout's sql/, then /usr/share/license-fcgi/sql).")
    var migrations: String?

    func run() throws {
        try CLIOutput.run {
            guard let directory = migrations.map(URL.init(fileURLWithPath:)) ?? Self.findMigrations() else {
                throw DomainError(.notFound, "no sql/ folder found; pass --migrations DIR")
            }
            let connection = try database.connect()
            let applied = try Migrator(directory: directory).migrate(connection, logger: Logger(label: "migrate"))
            return .object([
                "applied": .array(applied.map(JSONValue.string)),
                "current": .optional(try Migrator.currentVersion(connection)),
            ])
        }
    }

    /// The `sql/` folder next to the checkout the binary was built in, the working directory's, or the installed one.
    static func findMigrations() -> URL? {
        var candidates: [URL] = []
        var folder = URL(fileURLWithPath: ExecutablePath.current).deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(folder.appendingPathComponent("sql"))
            folder.deleteLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("sql"))
        candidates.append(URL(fileURLWithPath: "/usr/share/license-fcgi/sql"))
        return candidates.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("001_schema.sql").path)
        }
    }
}
