/// A failure reported by libpq or the server, with the SQLSTATE when the server sent one.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let uniqueViolation = Code("23505")
        public static let foreignKeyViolation = Code("23503")
        public static let checkViolation = Code("23514")
        public static let notNullViolation = Code("23502")
        public static let invalidTextRepresentation = Code("22P02")
        public static let serializationFailure = Code("40001")
        public static let deadlockDetected = Code("40P01")
        public static let readOnlyTransaction = Code("25006")
        public static let adminShutdown = Code("57P01")
        public static let cannotConnectNow = Code("57P03")
        public static let queryCanceled = Code("57014")
        public static let lockNotAvailable = Code("55P03")
        public static let insufficientPrivilege = Code("42501")
    }

    public enum Kind: Sendable {
        /// No usable connection: the server is down, unreachable or refused us.
        case connection
        /// The server answered the statement with an error.
        case query
    }

    public var kind: Kind
    public var code: Code?
    public var message: String
    /// The constraint a violation named, so callers can tell which unique index refused a row.
    public var constraint: String?

    public init(kind: Kind, code: Code? = nil, message: String, constraint: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.constraint = constraint
    }

    /// True when retrying on a new connection could succeed: the connection broke or the server is going away.
    public var isConnectionLoss: Bool {
        if kind == .connection { return true }
        guard let code else { return false }
        return code == .adminShutdown || code == .cannotConnectNow || code == .readOnlyTransaction
            || code.rawValue.hasPrefix("08")
    }

    /// True when the server refused the statement without running it: it is read-only (a demoted primary, or a
    /// replica reached through a stale route) or still starting up. A retry elsewhere is safe even for a write.
    public var provesNothingRan: Bool {
        code == .readOnlyTransaction || code == .cannotConnectNow
    }

    /// True when the database cannot serve the request now but may later, whatever the request: the connection is
    /// lost, the statement ran past `statement_timeout` or waited past `lock_timeout`, the server lacks resources
    /// (class 53: disk full, out of memory, too many connections), or it refuses to write (a read-only database, a
    /// role without write rights). Every API answers these with its 503 and `Retry-After`, never a 500: the fault
    /// is in the server's surroundings, not in the request, and retrying later is the right thing for a client.
    public var meansUnavailable: Bool {
        if isConnectionLoss { return true }
        guard let code else { return false }
        return code == .queryCanceled || code == .lockNotAvailable || code == .insufficientPrivilege
            || code.rawValue.hasPrefix("53")
    }

    public var description: String {
        "PostgresError(\(kind), \(code?.rawValue ?? "-"), \(message))"
    }
}
