/// Reads the shared site rows for the admin sites routes (fluentcart.md §7).
public struct SiteListStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Sites with at least one activation, as FluentCart's site list shows them (a site whose last license let go
    /// stays in the table, §13.3, but not in the list), with the total, in one round trip; a page past the end
    /// counts in a second. A search gathers the matching ids first (through the trigram index on `site_url`,
    /// sql/003_admin_list.sql), so that the page never walks every site looking for rare matches.
    public func page(_ query: SiteListQuery) throws -> SiteListPage {
        var parameters: [SQLParameter] = []
        var with = ""
        var condition = "EXISTS (SELECT 1 FROM license_activations a WHERE a.site_id = s.id)"
        if let search = query.search {
            parameters.append("%" + LicenseListSQL.escapeLike(search) + "%")
            with = """
                WITH matched AS MATERIALIZED (
                    SELECT s.id FROM license_sites s WHERE s.site_url ILIKE $1 AND \(condition)
                )
                """
            condition = "s.id IN (SELECT id FROM matched)"
        }
        // Every activation names an existing site, so the sites with activations are its distinct site ids: an
        // index-only scan, where the EXISTS form joins both tables.
        let count =
            query.search == nil
            ? "SELECT count(DISTINCT a.site_id) AS total_count FROM license_activations a"
            : "SELECT count(*) AS total_count FROM matched"
        guard let offset = query.offset else {
            let total = try connection.query("\(with) \(count)", parameters).rows.first?.int("total_count") ?? 0
            return SiteListPage(sites: [], total: total)
        }
        let limitIndex = parameters.count + 1
        let result = try connection.query(
            """
            \(with)
            SELECT (\(count)) AS total_count, \(SiteListEntry.columns)
            FROM (SELECT * FROM license_sites s WHERE \(condition)
                  ORDER BY \(query.orderBy) LIMIT $\(limitIndex)::bigint OFFSET $\(limitIndex + 1)::bigint) s
            ORDER BY \(query.orderBy)
            """,
            parameters + [query.perPage.sql, offset.sql]
        )
        let sites = try result.rows.map(SiteListEntry.init(row:))
        if let total = result.rows.first?.int("total_count") { return SiteListPage(sites: sites, total: total) }
        let total =
            offset == 0 ? 0 : try connection.query("\(with) \(count)", parameters).rows.first?.int("total_count") ?? 0
        return SiteListPage(sites: [], total: total)
    }

    /// The site with one page of its activations (newest first), its customers and orders; nil when no such site.
    /// Two round trips: the site with its lists, then the page of activations with their count.
    public func details(id: Int64, page: Int64, perPage: Int64) throws -> SiteListDetails? {
        guard let row = try connection.query(Self.site, [id.sql]).rows.first else { return nil }
        let site = try SiteListEntry(row: row)
        let (offset, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        var activations: [SiteListActivation] = []
        var total: Int64 = 0
        if overflow {
            total = try connection.query(Self.activationCount, [id.sql]).rows.first?.int("total_count") ?? 0
        } else {
            let result = try connection.query(Self.activations, [id.sql, perPage.sql, offset.sql])
            activations = try result.rows.map(SiteListActivation.init(row:))
            total =
                try result.rows.first?.int("total_count")
                ?? (offset == 0
                    ? 0 : connection.query(Self.activationCount, [id.sql]).rows.first?.int("total_count") ?? 0)
        }
        return SiteListDetails(
            site: site,
            activations: activations,
            activationsTotal: total,
            page: page,
            perPage: perPage,
            customers: site.customers,
            orders: SiteListEntry.json(row["orders"]) ?? .array([])
        )
    }

    /// A site with its aggregates and the orders of the licenses activated there. $1 site id.
    static let site = PreparedStatement(
        "site_list_details",
        """
        SELECT \(SiteListEntry.columns),
               (SELECT coalesce(json_agg(json_build_object(
                           'id', o.id, 'uuid', o.uuid, 'parent_id', o.parent_id, 'type', o.type,
                           'customer_id', coalesce(o.customer_id, 0),
                           'created_at', to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"'),
                           'updated_at', to_char(o.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"'))
                           ORDER BY o.id DESC), '[]'::json)
                FROM orders o
                WHERE o.id IN (SELECT l.order_id FROM license_activations a JOIN licenses l ON l.id = a.license_id
                               WHERE a.site_id = s.id))::text AS orders
        FROM license_sites s
        WHERE s.id = $1
        """
    )

    /// One page of a site's activations, newest first, each row carrying the total. $1 site id, $2 limit, $3 offset.
    static let activations = PreparedStatement(
        "site_list_activations",
        """
        SELECT (SELECT count(*) FROM license_activations c WHERE c.site_id = $1) AS total_count,
               \(SiteListActivation.columns)
        \(SiteListActivation.tables)
        WHERE a.site_id = $1
        ORDER BY a.id DESC
        LIMIT $2::bigint OFFSET $3::bigint
        """
    )

    /// The number of a site's activations. $1 site id.
    static let activationCount = PreparedStatement(
        "site_list_activation_count",
        "SELECT count(*) AS total_count FROM license_activations WHERE site_id = $1"
    )
}
