import Domain
import Foundation
import Testing

@Suite("License list SQL")
struct LicenseListSQLTests {
    func sql(_ parameters: [String: JSONValue]) throws -> LicenseListSQL {
        LicenseListSQL(try LicenseListQuery(parameter: { parameters[$0] }))
    }

    @Test(
        "never puts client text into the statement, only into parameters",
        arguments: [
            "' OR 1=1 --", "x'); DROP TABLE licenses; --", "key = '; DELETE FROM licenses; --",
            "id = 1 OR 1=1", "created_at :: 2025-01-01-2025-01-31",
        ]
    )
    func clientTextIsBound(search: String) throws {
        guard let built = try? sql(["search": .string(search)]) else { return }  // refused: nothing reaches SQL
        let statement = built.pageStatement(limit: 10, offset: 0).sql
        for fragment in ["DROP", "DELETE", "OR 1=1", "2025-01"] {
            #expect(!statement.contains(fragment))
        }
        #expect(!built.parameters.isEmpty)
    }

    @Test("makes wildcards in plain text literal")
    func escapesWildcards() throws {
        #expect(LicenseListSQL.escapeLike(#"50%_off\"#) == #"50\%\_off\\"#)
        let built = try sql(["search": "50%"])
        #expect(built.parameters == [#"%50\%%"#])
        #expect(built.whereClause == "WHERE l.id IN (SELECT id FROM matched)")
        for branch in [
            "x.license_key ILIKE $1", "x.order_id::text ILIKE $1", "c.email ILIKE $1", "s.site_url ILIKE $1",
        ] {
            #expect(built.with.contains(branch))
        }
        #expect(built.pageStatement(limit: 10, offset: 0).sql.hasPrefix("WITH matched AS MATERIALIZED ("))
        #expect(built.countStatement.sql.hasPrefix("WITH matched AS MATERIALIZED ("))
    }

    @Test("compares keys ignoring case, so that the unique index on lower(license_key) serves =")
    func keyEquality() throws {
        let built = try sql(["search": "key = ABC"])
        #expect(built.whereClause == "WHERE lower(l.license_key) = lower($1::text)")
        #expect(built.parameters == ["ABC"])
    }

    @Test("finds unset references with 0, as the JSON shows them")
    func zeroIsNull() throws {
        #expect(try sql(["search": "order_id = 0"]).whereClause == "WHERE l.order_id IS NULL")
        #expect(try sql(["search": "customer_id = 7"]).whereClause == "WHERE l.customer_id = $1::bigint")
        #expect(try sql(["search": "customer_id != 7"]).whereClause == "WHERE coalesce(l.customer_id, 0) <> $1::bigint")
        #expect(try sql(["search": "id >= 7"]).whereClause == "WHERE l.id >= $1::bigint")
    }

    @Test("reads a date alone as its whole UTC day")
    func wholeDays() throws {
        let equal = try sql(["search": "created_at = 2025-01-15"])
        #expect(equal.whereClause == "WHERE (l.created_at >= $1::timestamptz AND l.created_at < $2::timestamptz)")
        #expect(equal.parameters == ["2025-01-15 00:00:00+00", "2025-01-16 00:00:00+00"])
        let after = try sql(["search": "created_at > 2025-01-15"])
        #expect(after.whereClause == "WHERE l.created_at >= $1::timestamptz")
        #expect(after.parameters == ["2025-01-16 00:00:00+00"])
        let range = try sql(["search": "expiration_date :: 2025-01-01-2025-01-31"])
        #expect(range.parameters == ["2025-01-01 00:00:00+00", "2025-02-01 00:00:00+00"])
    }

    @Test("finds lifetime licenses by a NULL expiry")
    func lifetime() throws {
        #expect(try sql(["search": "expiration_date = lifetime"]).whereClause == "WHERE l.expiration_date IS NULL")
        #expect(try sql(["search": "expiration_date != lifetime"]).whereClause == "WHERE l.expiration_date IS NOT NULL")
    }

    @Test("applies each view as FluentCart does")
    func views() throws {
        #expect(
            try sql(["active_view": "active"]).whereClause
                == "WHERE l.status = 'active' AND (l.expiration_date IS NULL OR l.expiration_date > now())"
        )
        #expect(try sql(["active_view": "expired"]).whereClause == "WHERE l.expiration_date < now()")
        #expect(try sql(["active_view": "disabled"]).whereClause == "WHERE l.status = 'disabled'")
        #expect(try sql(["active_view": "inactive"]).whereClause == "WHERE l.status = 'inactive'")
    }

    @Test("ORs the advanced groups and ANDs the items of each")
    func advancedGroups() throws {
        let built = try sql([
            "filter_type": "advanced",
            "advanced_filters": .string(
                #"[[{"property":"status","operator":"=","value":"active"},"#
                    + #"{"property":"limit","operator":"<=","value":3}],"#
                    + #"[{"property":"key","operator":"in","value":["A","b"]}]]"#
            ),
        ])
        #expect(
            built.whereClause
                == "WHERE ((lower(l.status) = lower($1::text) AND l.activation_limit <= $2::bigint) OR "
                + "(lower(l.license_key) IN (SELECT lower(v) FROM unnest($3::text[]) AS v)))"
        )
        #expect(built.parameters == ["active", "3", #"{"A","b"}"#])
    }

    @Test("restricts to include_ids and to the customer of the customer list")
    func restrictions() throws {
        var query = try LicenseListQuery(parameter: { $0 == "include_ids" ? "4,5" : nil })
        query.customerID = 9
        let built = LicenseListSQL(query)
        #expect(built.whereClause == "WHERE l.customer_id = $1::bigint AND l.id = ANY($2::bigint[])")
        #expect(built.parameters == ["9", "{4,5}"])
    }

    @Test("sorts NULLs as MySQL does and breaks ties by id")
    func ordering() throws {
        #expect(try sql([:]).orderBy == "l.id DESC")
        #expect(try sql(["sort_type": "asc"]).orderBy == "l.id ASC")
        #expect(
            try sql(["sort_by": "expiration_date", "sort_type": "asc"]).orderBy
                == "l.expiration_date ASC NULLS FIRST, l.id ASC"
        )
        #expect(try sql(["sort_by": "limit"]).orderBy == "l.activation_limit DESC NULLS LAST, l.id DESC")
    }

    @Test("binds the page's limit and offset after the filter's parameters, and counts with the same filter")
    func pageStatement() throws {
        let built = try sql(["search": "id > 3"])
        let (statement, parameters) = built.pageStatement(limit: 25, offset: 50)
        #expect(parameters == ["3", "25", "50"])
        #expect(statement.contains("LIMIT $2::bigint OFFSET $3::bigint"))
        #expect(statement.contains("(SELECT count(*) FROM licenses l WHERE l.id > $1::bigint) AS total_count"))
        #expect(built.countStatement.parameters == ["3"])
    }
}
