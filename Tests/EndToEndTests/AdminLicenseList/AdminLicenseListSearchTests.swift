import Domain
import Foundation
import Testing

@Suite("Admin license list: search", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct AdminLicenseListSearchTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    func search(_ text: String, _ extra: [(String, String)] = []) async throws -> AdminListPage {
        try AdminListPage(try await client.adminList("licenses", [("search", text)] + extra))
    }

    @Test("finds a key by a fragment, ignoring case")
    func keyFragment() async throws {
        let token = listToken(16)
        let product = try await cli.createProduct()
        let license = try await cli.createLicense(for: product, ["--key", "Lst-\(token)-Key"])
        #expect(try await search(token.uppercased()).ids == [license.id])
        #expect(try await search("lst-\(token)-k").ids == [license.id])
    }

    @Test("finds licenses by the customer's email or \"first last\", ignoring case")
    func customer() async throws {
        let last = "Byron\(listToken())"
        let customer = try await cli.listCustomer(first: "Augusta", last: last)
        let product = try await cli.createProduct()
        let first = try await cli.createLicense(for: product, ["--customer", "\(customer.id)"])
        let second = try await cli.createLicense(for: product, ["--customer", "\(customer.id)"])
        #expect(try await search("augusta \(last.lowercased())").ids == [second.id, first.id])
        #expect(try await search(customer.email.uppercased()).ids == [second.id, first.id])
        #expect(try await search(String(customer.email.dropLast(8))).total == 2)
    }

    @Test("finds licenses by a fragment of an activated site's URL")
    func siteURL() async throws {
        let (product, license) = try await cli.fluentCartLicense(limit: 3)
        let host = "lst-\(listToken()).example.com"
        let activated = try await client.fluentCart(
            "activate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": "https://\(host)/shop"]
        )
        #expect(activated.status == 200, "\(activated)")
        #expect(try await search(host.uppercased()).ids == [license.id])
        #expect(try await search("\(host)/sh").ids == [license.id])
    }

    @Test("finds licenses by their order id")
    func orderID() async throws {
        let product = try await cli.createProduct()
        let license = try await cli.createLicense(for: product)
        let order = Int64.random(in: 7_000_000_000_000..<8_000_000_000_000)
        _ = try await database.rows("INSERT INTO orders (id) VALUES (\(order))")
        _ = try await database.rows("UPDATE licenses SET order_id = \(order) WHERE id = \(license.id)")
        #expect(try await search(String(order)).ids == [license.id])
        #expect(try await search("order_id = \(order)").ids == [license.id])
    }

    @Test("treats % and _ as the characters they are")
    func wildcardsAreLiteral() async throws {
        let token = listToken()
        let customer = try await cli.listCustomer(first: "W", last: "C", email: "e2e-\(token)-100%@example.test")
        let product = try await cli.createProduct()
        let license = try await cli.createLicense(for: product, ["--customer", "\(customer.id)"])
        #expect(try await search("\(token)-100%@").ids == [license.id])
        #expect(try await search("\(token)-1_0").total == 0)
        #expect(try await search("\(token)%100").total == 0)
    }

    @Test(
        "answers injection-looking searches as plain text, changing nothing",
        arguments: [
            "' OR 1=1 --", "x'); DROP TABLE licenses; --", "%' UNION SELECT license_key FROM licenses --",
            "\\'; DELETE FROM licenses WHERE '1'='1", "key = ' OR ''='", "<script>alert(1)</script>",
        ]
    )
    func injection(text: String) async throws {
        let product = try await cli.createProduct()
        let license = try await cli.createLicense(for: product)
        let page = try await search(text, [("include_ids", "\(license.id)")])
        #expect(page.total == 0)
        #expect(try await database.integer("SELECT count(*) FROM licenses WHERE id = \(license.id)") == 1)
    }

    @Test("reads key = value as the exact key, ignoring case, and key != value as every other")
    func keyEquality() async throws {
        let product = try await cli.createProduct()
        let one = try await cli.createLicense(for: product)
        let two = try await cli.createLicense(for: product)
        let both = [("include_ids", "\(one.id),\(two.id)")]
        #expect(try await search("key = \(one.licenseKey.uppercased())").ids == [one.id])
        #expect(try await search("license_key=\(one.licenseKey)").ids == [one.id])
        #expect(try await search("key != \(one.licenseKey)", both).ids == [two.id])
        #expect(try await search("key = \(String(one.licenseKey.dropLast()))").total == 0)
    }

    @Test("compares numbers with > < >= <= and ranges with ::")
    func numericOperators() async throws {
        let product = try await cli.createProduct()
        var ids: [Int64] = []
        for limit in [1, 2, 3, 5] {
            ids.append(try await cli.createLicense(for: product, ["--limit", "\(limit)"]).id)
        }
        let scope = [("include_ids", ids.map(String.init).joined(separator: ","))]
        #expect(try await search("limit > 2", scope).ids == [ids[3], ids[2]])
        #expect(try await search("limit >= 2", scope).ids == [ids[3], ids[2], ids[1]])
        #expect(try await search("activation_limit < 2", scope).ids == [ids[0]])
        #expect(try await search("limit <= 3", scope).ids == [ids[2], ids[1], ids[0]])
        #expect(try await search("limit :: 2-3", scope).ids == [ids[2], ids[1]])
        #expect(try await search("id :: \(ids[1])-\(ids[2])", scope).ids == [ids[2], ids[1]])
        #expect(try await search("product_id = \(product.id)").ids == ids.reversed())
    }

    @Test("compares dates: a date alone is its whole UTC day, lifetime is no expiry")
    func dateOperators() async throws {
        let product = try await cli.createProduct()
        let lifetime = try await cli.createLicense(for: product, ["--expires", "lifetime"])
        let january = try await cli.createLicense(for: product, ["--expires", "2031-01-15 23:59:59"])
        let february = try await cli.createLicense(for: product, ["--expires", "2031-02-01"])
        let scope = [("include_ids", "\(lifetime.id),\(january.id),\(february.id)")]
        #expect(try await search("expiration_date = 2031-01-15", scope).ids == [january.id])
        #expect(try await search("expiration_date > 2031-01-15", scope).ids == [february.id])
        #expect(try await search("expiration_date <= 2031-01-15", scope).ids == [january.id])
        #expect(try await search("expiration_date :: 2031-01-01-2031-01-31", scope).ids == [january.id])
        #expect(try await search("expiration_date = lifetime", scope).ids == [lifetime.id])
        #expect(try await search("expiration_date != lifetime", scope).ids == [february.id, january.id])
        #expect(try await search("expiration_date = 2031-02-01 00:00:00", scope).ids == [february.id])
        let today = String(expiryTimestamp(daysFromNow: 0).prefix(10))
        #expect(try await search("created_at = \(today)", scope).total == 3)
    }

    @Test("the searched columns have trigram indexes, so that a selective search reads no whole table")
    func trigramIndexes() async throws {
        let names = try await database.rows(
            "SELECT indexname FROM pg_indexes WHERE indexname LIKE '%\\_trgm\\_idx' ORDER BY indexname"
        ).compactMap { $0.first ?? nil }
        #expect(
            names == [
                "customers_email_trgm_idx", "customers_name_trgm_idx", "license_sites_site_url_trgm_idx",
                "licenses_license_key_trgm_idx", "licenses_order_id_trgm_idx",
            ]
        )
    }

    @Test(
        "refuses a known field with an unusable value: 422 with a message",
        arguments: [
            ("id = abc", "Invalid value for id: expected a whole number."),
            (
                "created_at > yesterday",
                "Invalid value for created_at: expected YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or ISO 8601."
            ),
            ("limit :: 3", "Invalid range for limit: expected a-b (write a - b when the values contain -)."),
        ]
    )
    func badValue(text: String, message: String) async throws {
        let response = try await client.adminList("licenses", [("search", text)])
        #expect(response.status == 422)
        #expect(response.orderedKeys == ["message"])
        #expect(response.string("message") == message)
    }
}
