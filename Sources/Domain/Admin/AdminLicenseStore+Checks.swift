extension AdminLicenseStore {
    /// `GET licensing/licenses/{id}/checks`: one page of the license's check log, newest first, and the total.
    public func checks(id: Int64, _ query: LicenseCheckQuery) throws -> (rows: [LicenseCheckRow], total: Int64) {
        try database.run { connection in
            try connection.withTransaction { transaction in
                try transaction.query(AdminLicenseSQL.snapshot)
                guard try transaction.query(AdminLicenseSQL.exists, [id.sql]).rowCount == 1 else {
                    throw AdminLicenseError(.licenseNotFound, licenseID: id)
                }
                let total =
                    try transaction.query(AdminLicenseSQL.checkCount, [id.sql, query.result]).rows.first?
                    .int("total") ?? 0
                let rows = try transaction.query(
                    AdminLicenseSQL.checks,
                    [id.sql, query.result, query.perPage.sql, query.offset.sql]
                ).rows.map(LicenseCheckRow.init(row:))
                return (rows, total)
            }
        }
    }
}
