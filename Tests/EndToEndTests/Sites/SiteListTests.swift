import Domain
import Foundation
import Testing

@Suite("Admin sites: the list", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct SiteListTests {
    let cli = CLI.stack
    let client = HTTPSClient.main

    static let rowKeys = [
        "id", "site_url", "server_version", "platform_version", "other", "created_at", "updated_at",
        "active_licenses_count", "products", "customers", "is_local", "last_activity",
    ]

    func activate(_ license: License, _ product: Product, _ site: String, deactivate: Bool = false) async throws {
        let response = try await client.fluentCart(
            deactivate ? "deactivate_license" : "activate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(response.status == 200, "\(response)")
    }

    func sites(_ query: [(String, String)]) async throws -> AdminListPage {
        try AdminListPage(try await client.adminList("sites", query), name: "sites")
    }

    @Test("lists a site shared by two licenses with its count, products, customers, locality and last activity")
    func sharedSite() async throws {
        let token = listToken()
        let customer = try await cli.listCustomer(first: "Grace", last: "Hopper")
        let (firstProduct, first) = try await cli.fluentCartLicense(limit: 2, ["--customer", "\(customer.id)"])
        let (secondProduct, second) = try await cli.fluentCartLicense(limit: 2)
        try await activate(first, firstProduct, "https://Shop-\(token).example.com/store/")
        try await activate(second, secondProduct, "shop-\(token).example.com/store")
        let response = try await client.adminList("sites", [("search", "SHOP-\(token)")])
        let page = try AdminListPage(response, name: "sites")
        #expect(response.orderedKeys == ["sites"])
        #expect(page.string("path") == listPath("sites"))
        #expect(page.total == 1 && page.integer("per_page") == 15)
        #expect(response.header("X-WP-Total") == "1")
        let row = try #require(page.rows.first)
        #expect(row.keys == Self.rowKeys)
        #expect(row["site_url"]?.stringValue == "Shop-\(token).example.com/store")
        #expect(row["other"] == .array([]))
        #expect(row["active_licenses_count"]?.listInteger == 2)
        #expect(row["is_local"] == .bool(false))
        let lastActivity = try #require(row["last_activity"]?.stringValue)
        #expect(lastActivity.count == 19 && lastActivity.hasPrefix(String(expiryTimestamp(daysFromNow: 0).prefix(4))))
        let products = row["products"]?.listArray?.compactMap(\.listObject) ?? []
        #expect(products.count == 2)
        #expect(Set(products.compactMap { $0["name"]?.stringValue }) == [firstProduct.title, secondProduct.title])
        #expect(products.allSatisfy { $0.keys == ["name", "variation"] })
        let customers = row["customers"]?.listArray?.compactMap(\.listObject) ?? []
        #expect(customers.count == 1)
        #expect(customers.first?.keys == ["id", "email", "full_name"])
        #expect(customers.first?["id"]?.listInteger == customer.id)
        #expect(customers.first?["email"]?.stringValue == customer.email)
        #expect(customers.first?["full_name"]?.stringValue == "Grace Hopper")
    }

    @Test("shows staging and local sites as local")
    func localSite() async throws {
        let token = listToken()
        let (product, license) = try await cli.fluentCartLicense(limit: 1)
        try await activate(license, product, "https://staging.lst-\(token).example.com")
        let page = try await sites([("search", "lst-\(token)")])
        #expect(page.rows.first?["is_local"] == .bool(true))
        #expect(page.rows.first?["active_licenses_count"]?.listInteger == 1)
    }

    @Test("leaves out a site whose last activation is gone, though its row stays")
    func deactivatedSite() async throws {
        let token = listToken()
        let (product, license) = try await cli.fluentCartLicense(limit: 1)
        let site = "https://gone-\(token).example.com"
        try await activate(license, product, site)
        #expect(try await sites([("search", "gone-\(token)")]).total == 1)
        try await activate(license, product, site, deactivate: true)
        #expect(try await sites([("search", "gone-\(token)")]).total == 0)
        #expect(
            try await Database.stack.integer(
                "SELECT count(*) FROM license_sites WHERE site_url = 'gone-\(token).example.com'"
            ) == 1
        )
    }

    @Test("pages and sorts: per_page clamped to 1…100, default 15, sort by URL either way")
    func paging() async throws {
        let token = listToken()
        let (product, license) = try await cli.fluentCartLicense(limit: 0)
        for letter in ["b", "a", "c"] {
            try await activate(license, product, "https://\(letter)-pg\(token).example.com")
        }
        let search = ("search", "-pg\(token)")
        #expect(try await sites([search, ("per_page", "0")]).integer("per_page") == 1)
        #expect(try await sites([search, ("per_page", "500")]).integer("per_page") == 100)
        #expect(try await sites([search, ("per_page", "x")]).integer("per_page") == 15)
        let ascending = try await sites([search, ("sort_by", "site_url"), ("sort_type", "asc")])
        #expect(ascending.rows.compactMap { $0["site_url"]?.stringValue?.prefix(1) } == ["a", "b", "c"])
        let newest = try await sites([search])
        #expect(newest.rows.compactMap { $0["site_url"]?.stringValue?.prefix(1) } == ["c", "a", "b"])
        let second = try await sites([
            search, ("per_page", "2"), ("page", "2"), ("sort_by", "site_url"), ("sort_type", "asc"),
        ])
        #expect(second.rows.compactMap { $0["site_url"]?.stringValue?.prefix(1) } == ["c"])
        #expect(second.integer("from") == 3 && second.integer("last_page") == 2)
        let past = try await sites([search, ("page", "5")])
        #expect(past.rows.isEmpty && past.total == 3)
    }

    @Test("searches inside the URL only, ignoring case, with wildcards literal and injection harmless")
    func searchIsLiteral() async throws {
        let token = listToken()
        let (product, license) = try await cli.fluentCartLicense(limit: 1)
        try await activate(license, product, "https://lit\(token)xy.example.com/a_b")
        #expect(try await sites([("search", "LIT\(token)XY")]).total == 1)
        #expect(try await sites([("search", "\(token)xy.example.com/a_b")]).total == 1)
        #expect(try await sites([("search", "lit\(token)_y")]).total == 0)
        #expect(try await sites([("search", "lit\(token)%y")]).total == 0)
        #expect(try await sites([("search", "lit\(token)' OR '1'='1")]).total == 0)
    }
}
