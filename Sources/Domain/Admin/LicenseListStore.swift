/// Reads the admin license lists (fluentcart.md §6): `GET licenses` and `GET licenses/customer/{id}`.
public struct LicenseListStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The page `query` asks for, with the total. One round trip: the total rides on every row. A page past the
    /// end has no row, so then (and only then) a second statement counts.
    public func page(_ query: LicenseListQuery) throws -> LicenseListPage {
        let sql = LicenseListSQL(query)
        guard let offset = query.offset else {
            return LicenseListPage(licenses: [], total: try count(sql))
        }
        let (text, parameters) = sql.pageStatement(limit: query.perPage, offset: offset)
        let result = try connection.query(text, parameters)
        let licenses = try result.rows.map(AdminLicense.init(row:))
        if let total = result.rows.first?.int("total_count") {
            return LicenseListPage(licenses: licenses, total: total)
        }
        return LicenseListPage(licenses: [], total: offset == 0 ? 0 : try count(sql))
    }

    private func count(_ sql: LicenseListSQL) throws -> Int64 {
        let (text, parameters) = sql.countStatement
        return try connection.query(text, parameters).rows.first?.int("total_count") ?? 0
    }
}
