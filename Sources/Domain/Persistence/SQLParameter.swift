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
