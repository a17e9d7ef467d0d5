import CPostgres

#if canImport(Glibc)
import Glibc
#endif

/// One libpq connection, owned by one thread at a time.
///
/// Statements are prepared once per connection, on first use, and prepared again after a reconnect.
/// Not `Sendable`: a worker thread owns its connection from accept to finish.
public final class PostgresConnection {
    private let raw: OpaquePointer
    private var prepared: Set<String> = []
    /// False sends every statement unnamed, for a transaction pooler (`Database`).
    private let preparesStatements: Bool

    /// Connects with `PQconnectdbParams` and `expand_dbname`, so a URL is parsed by libpq and never spliced
    /// into a conninfo string by us.
    public init(url: String, applicationName: String = "license-fcgi", preparesStatements: Bool = true) throws {
        // Entries before `dbname` are defaults that the URL may override.
        let keys = ["application_name", "connect_timeout", "dbname"]
        let values = [applicationName, "5", url]
        let connection: OpaquePointer? = withCStringArray(keys) { keyPointers in
            withCStringArray(values) { valuePointers in
                PQconnectdbParams(keyPointers, valuePointers, 1)
            }
        }
        guard let connection else {
            throw PostgresError(kind: .connection, message: "out of memory creating a PostgreSQL connection")
        }
        // PQfinish is due even after a failed connect.
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection))
            PQfinish(connection)
            throw PostgresError(kind: .connection, message: message.trimmingTrailingNewlines)
        }
        self.raw = connection
        self.preparesStatements = preparesStatements
        // Every timestamp we read is parsed as UTC.
        try execute(script: "SET TimeZone = 'UTC'; SET client_min_messages = warning")
    }

    deinit {
        PQfinish(raw)
    }

    /// Whether libpq can use `text` as a connection string: a `postgresql://` URL (multi-host ones included) or
    /// `key=value` pairs. Checked by libpq's own parser, so configuration accepts exactly what it can connect with.
    public static func isValidConnectionString(_ text: String) -> Bool {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(text, &error) else {
            if let error { PQfreemem(error) }
            return false
        }
        PQconninfoFree(options)
        return true
    }

    /// False once libpq has noticed that the socket broke.
    public var isHealthy: Bool { PQstatus(raw) == CONNECTION_OK }

    /// Runs SQL without parameters; may hold several statements (migrations).
    @discardableResult
    public func execute(script: String) throws -> QueryResult {
        try check(PQexec(raw, script))
    }

    /// Runs one statement with text-format bind parameters.
    @discardableResult
    public func query(_ sql: String, _ parameters: [SQLParameter] = []) throws -> QueryResult {
        let result = withParameterPointers(parameters) { pointers in
            PQexecParams(raw, sql, Int32(parameters.count), nil, pointers, nil, nil, 0)
        }
        return try check(result)
    }

    /// Runs a named statement, preparing it on this connection the first time it is used; unnamed when this
    /// connection does not prepare.
    @discardableResult
    public func query(_ statement: PreparedStatement, _ parameters: [SQLParameter] = []) throws -> QueryResult {
        guard preparesStatements else { return try query(statement.sql, parameters) }
        if !prepared.contains(statement.name) {
            try check(PQprepare(raw, statement.name, statement.sql, 0, nil))
            prepared.insert(statement.name)
        }
        let result = withParameterPointers(parameters) { pointers in
            PQexecPrepared(raw, statement.name, Int32(parameters.count), pointers, nil, nil, 0)
        }
        return try check(result)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func withTransaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try execute(script: "BEGIN")
        do {
            let value = try body(self)
            try execute(script: "COMMIT")
            return value
        } catch {
            if isHealthy { _ = try? execute(script: "ROLLBACK") }
            throw error
        }
    }

    @discardableResult
    private func check(_ result: OpaquePointer?) throws -> QueryResult {
        guard let result else {
            throw PostgresError(
                kind: .connection,
                message: String(cString: PQerrorMessage(raw)).trimmingTrailingNewlines
            )
        }
        let owned = QueryResult(taking: result)
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return owned
        default:
            let sqlState = PQresultErrorField(result, CPostgres_diagSQLState()).map { String(cString: $0) }
            let constraint = PQresultErrorField(result, Int32(UInt8(ascii: "n"))).map { String(cString: $0) }
            let message = String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines
            let kind: PostgresError.Kind = (sqlState == nil || PQstatus(raw) != CONNECTION_OK) ? .connection : .query
            throw PostgresError(
                kind: kind,
                code: sqlState.map(PostgresError.Code.init),
                message: message,
                constraint: constraint
            )
        }
    }
}

/// A statement with a stable name, so that each connection prepares it once.
public struct PreparedStatement: Sendable {
    public let name: String
    public let sql: String

    public init(_ name: String, _ sql: String) {
        self.name = name
        self.sql = sql
    }
}

private func withCStringArray<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return body(pointers.map { $0.map { UnsafePointer($0) } })
}

private func withParameterPointers<R>(_ parameters: [SQLParameter], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let pointers: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } ?? nil }
    defer { for pointer in pointers { free(pointer) } }
    return body(pointers.map { $0.map { UnsafePointer($0) } })
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.last == "\n" || text.last == " " { text.removeLast() }
        return text
    }
}
