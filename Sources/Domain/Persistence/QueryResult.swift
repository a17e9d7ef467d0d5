import CPostgres

/// Owns one `PGresult` and frees it exactly once, so that a result can never leak on an early return.
public final class QueryResult {
    private let raw: OpaquePointer

    init(taking raw: OpaquePointer) {
        self.raw = raw
    }

    deinit {
        PQclear(raw)
    }

    public var rowCount: Int { Int(PQntuples(raw)) }
    public var columnCount: Int { Int(PQnfields(raw)) }

    /// Number of rows an INSERT, UPDATE or DELETE touched.
    public var affectedRows: Int { Int(String(cString: PQcmdTuples(raw))) ?? 0 }

    public func isNull(row: Int, column: Int) -> Bool {
        PQgetisnull(raw, Int32(row), Int32(column)) == 1
    }

    /// The value as PostgreSQL's text form, or nil for SQL NULL.
    public func string(row: Int, column: Int) -> String? {
        if isNull(row: row, column: column) { return nil }
        return String(cString: PQgetvalue(raw, Int32(row), Int32(column)))
    }

    public func int(row: Int, column: Int) -> Int64? {
        string(row: row, column: column).flatMap { Int64($0) }
    }

    public func bool(row: Int, column: Int) -> Bool? {
        string(row: row, column: column).map { $0 == "t" }
    }

    public func columnIndex(named name: String) -> Int? {
        let index = PQfnumber(raw, name)
        return index < 0 ? nil : Int(index)
    }

    /// Row `row` as a view addressed by column name.
    public func row(_ row: Int) -> Row { Row(result: self, index: row) }

    public var rows: [Row] { (0..<rowCount).map { row($0) } }

    /// One row of a result, read by column name; the names are those of the SELECT list.
    public struct Row {
        let result: QueryResult
        let index: Int

        public subscript(_ name: String) -> String? {
            guard let column = result.columnIndex(named: name) else { return nil }
            return result.string(row: index, column: column)
        }

        public func int(_ name: String) -> Int64? { self[name].flatMap { Int64($0) } }
        public func bool(_ name: String) -> Bool? { self[name].map { $0 == "t" } }
    }
}
