import Foundation

/// A bind parameter in PostgreSQL's text format; nil is SQL NULL. Statements never interpolate values.
public typealias SQLParameter = String?

extension Int64 {
    public var sql: SQLParameter { String(self) }
}

extension Int {
    public var sql: SQLParameter { String(self) }
}

extension Bool {
    public var sql: SQLParameter { self ? "t" : "f" }
}

extension Date {
    /// `2025-01-15 10:30:00+00`: whole seconds in UTC, as every timestamp we store is written.
    public var sql: SQLParameter { Timestamp.wire(self) + "+00" }
}
