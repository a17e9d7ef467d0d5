import Domain
import Foundation
import Testing

@Suite("Admin GET licensing/licenses/{id}/checks", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct AdminLicenseChecksTests {
    let cli = CLI.stack
    let api = AdminLicenseAPI()
    let client = HTTPSClient.main
    let database = Database.stack

    /// A license with `count` logged rows written straight into the check log, oldest first: results alternate
    /// between AUTHORISED and NOT AUTHORISED, and `info` numbers them.
    func logged(_ count: Int) async throws -> License {
        let (product, license) = try await cli.licensedProduct()
        _ = try await database.rows(
            """
            INSERT INTO license_checks (license_id, product_id, requested_product_ids, ip, user_agent, info, result, api,
                                        created_at)
            SELECT \(license.id), \(product.id), CASE WHEN n % 5 = 0 THEN ARRAY[\(product.id), 8]::bigint[] END,
                   ('203.0.113.' || n)::inet, 'agent ' || n, 'row ' || n,
                   CASE WHEN n % 2 = 0 THEN 'AUTHORISED' ELSE 'NOT AUTHORISED' END, 'check',
                   now() - (\(count) - n) * interval '1 minute'
            FROM generate_series(1, \(count)) AS n
            """
        )
        return license
    }

    @Test("pages the log newest first with the lists' paginator and headers")
    func pages() async throws {
        let license = try await logged(25)
        let response = try await api.get("licensing/licenses/\(license.id)/checks?page=2&per_page=10")
        #expect(response.status == 200, "\(response)")
        #expect(response.orderedKeys == ["checks"])
        #expect(response.header("X-WP-Total") == "25" && response.header("X-WP-TotalPages") == "3")
        let page = try #require(response.orderedJSON?["checks"])
        #expect(
            page["current_page"] == .integer(2) && page["total"] == .integer(25) && page["per_page"] == .integer(10)
        )
        #expect(page["from"] == .integer(11) && page["to"] == .integer(20) && page["last_page"] == .integer(3))
        let base = Stack.baseURL + "/wp-json/fluent-cart/v2/licensing/licenses/\(license.id)/checks"
        #expect(page["path"] == .string(base))
        #expect(page["next_page_url"] == .string(base + "/?page=3"))
        guard case .array(let rows)? = page["data"], case .object(let first)? = rows.first else {
            Issue.record("no rows in \(response)")
            return
        }
        #expect(rows.count == 10)
        #expect(
            first.keys == [
                "id", "created_at", "api", "product_id", "requested_product_ids", "ip", "user_agent", "info", "result",
            ]
        )
        #expect(rows.map { $0["info"] } == (6...15).reversed().map { .string("row \($0)") })
        #expect(first["ip"] == "203.0.113.15" && first["user_agent"] == "agent 15" && first["api"] == "check")
        #expect(first["result"] == "NOT AUTHORISED")
        #expect(first["requested_product_ids"]?.arrayCount == 2)
        #expect(rows[1]["requested_product_ids"] == .null)
        #expect(first["created_at"]?.stringValue?.hasSuffix("+00:00") == true)
    }

    @Test("filters by result, ignoring case")
    func filters() async throws {
        let license = try await logged(9)
        let response = try await api.get("licensing/licenses/\(license.id)/checks?result=authorised")
        #expect(response.header("X-WP-Total") == "4", "\(response)")
        guard case .array(let rows)? = response.orderedJSON?["checks"]?["data"] else {
            Issue.record("no rows in \(response)")
            return
        }
        #expect(rows.allSatisfy { $0["result"] == "AUTHORISED" })
        let spaced = try await api.get("licensing/licenses/\(license.id)/checks?result=NOT+AUTHORISED")
        #expect(spaced.header("X-WP-Total") == "5", "\(spaced)")
    }

    @Test(
        "uses per_page only when 0 < n < 200, and reads a bad page as 1",
        arguments: [("per_page=200", 10), ("per_page=0", 10), ("per_page=abc", 10), ("per_page=199", 199)]
    )
    func perPage(query: String, perPage: Int64) async throws {
        let license = try await logged(12)
        let response = try await api.get("licensing/licenses/\(license.id)/checks?\(query)&page=-3")
        let page = try #require(response.orderedJSON?["checks"], "\(response)")
        #expect(page["per_page"] == .integer(perPage))
        #expect(page["current_page"] == .integer(1))
        #expect(page["data"]?.arrayCount == min(Int(perPage), 12))
    }

    @Test("answers an empty page past the end and for a license never checked")
    func empty() async throws {
        let license = try await logged(3)
        let past = try await api.get("licensing/licenses/\(license.id)/checks?page=99999999999999")
        #expect(past.status == 200, "\(past)")
        #expect(past.orderedJSON?["checks"]?["data"] == .array([]))
        #expect(past.orderedJSON?["checks"]?["from"] == .null)
        let (_, fresh) = try await cli.licensedProduct()
        let none = try await api.get("licensing/licenses/\(fresh.id)/checks")
        #expect(none.header("X-WP-Total") == "0" && none.header("X-WP-TotalPages") == "0", "\(none)")
    }

    @Test("shows the rows of real FaxStore checks")
    func realChecks() async throws {
        let (product, license) = try await cli.licensedProduct(["--status", "active"])
        _ = try await client.check(product, key: license.licenseKey, headers: ["User-Agent": "e2e-admin-checks"])
        let response = try await api.get("licensing/licenses/\(license.id)/checks")
        let first = try #require(response.orderedJSON?["checks"]?["data"]?[0], "\(response)")
        #expect(first["result"] == "AUTHORISED" && first["user_agent"] == "e2e-admin-checks")
        #expect(first["product_id"] == .integer(product.id))
    }

    @Test("answers an unknown id with 404")
    func unknown() async throws {
        expectNoLicense(try await api.get("licensing/licenses/\(missingLicenseID)/checks"), id: "\(missingLicenseID)")
    }

    @Test("is open to viewers and closed to customers", arguments: Role.viewers + ["manager"])
    func viewers(role: String) async throws {
        let license = try await logged(1)
        #expect(try await api.get("licensing/licenses/\(license.id)/checks", as: role).status == 200)
    }

    @Test("refuses customers with 403")
    func customers() async throws {
        let license = try await logged(1)
        expectWriteForbidden(try await api.get("licensing/licenses/\(license.id)/checks", as: "customer"))
    }
}
