import ArgumentParser
import Domain
import Foundation
import Logging

/// `--database-url`, else `DATABASE_URL`, else `database_url` of the configuration file, else the embedded cluster
/// of `make run`.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: "libpq URL of the database (default: $DATABASE_URL, then the local cluster)."
    )
    var databaseURL: String?

    /// Reads the same configuration file as `serve` (`LICENSE_FCGI_CONFIG`, else /etc/license-fcgi/config.json).
    func resolvedURL() throws -> String {
        let environment = try ConfigurationFile.loadOrExit(explicitPath: nil)
        return ServerConfiguration(databaseURL: databaseURL, environment: environment).databaseURL
    }

    func connect() throws -> PostgresConnection {
        try PostgresConnection(url: try resolvedURL(), applicationName: "license-fcgi-cli")
    }
}

/// How every admin command ends: exactly one JSON object on stdout, or a message on stderr and a non-zero exit.
enum CLIOutput {
    static func run(_ body: () throws -> JSONValue) throws {
        JSONLogHandler.bootstrap()
        do {
            print(try body().serialized)
        } catch let error as DomainError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(error.code == .notFound ? 3 : (error.code == .conflict ? 4 : 2))
        } catch let error as PostgresError {
            FileHandle.standardError.write(Data("error: database: \(error.message)\n".utf8))
            throw ExitCode(5)
        }
    }

    /// Who made an admin change from the command line, for the audit log.
    static var actor: String {
        "cli:"
            + (ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"]
                ?? "unknown")
    }

    /// Parses `on`/`off` (also yes/no, true/false, 1/0).
    static func onOff(_ text: String) throws -> Bool {
        switch text.lowercased() {
        case "on", "yes", "true", "1": return true
        case "off", "no", "false", "0": return false
        default: throw ValidationError("expected on or off, got '\(text)'")
        }
    }
}
