import Domain
import Foundation
import Testing

@Suite("Admin license list: pagination", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct AdminLicenseListPaginationTests {
    let cli = CLI.stack
    let client = HTTPSClient.main

    static let paginatorKeys = [
        "current_page", "data", "first_page_url", "from", "last_page", "last_page_url", "links", "next_page_url",
        "path", "per_page", "prev_page_url", "to", "total",
    ]

    @Test("pages 25 licenses ten at a time: Laravel's paginator, FluentCart's links and the X-WP headers")
    func secondPage() async throws {
        let (product, ids) = try await cli.listBulkLicenses(count: 25)
        let response = try await client.adminList(
            "licenses",
            [("search", "product_id = \(product.id)"), ("page", "2")]
        )
        let page = try AdminListPage(response)
        #expect(response.orderedKeys == ["licenses"])
        #expect(page.paginator.keys == Self.paginatorKeys)
        let base = listPath("licenses")
        #expect(page.integer("current_page") == 2 && page.integer("per_page") == 10)
        #expect(page.integer("from") == 11 && page.integer("to") == 20 && page.total == 25)
        #expect(page.integer("last_page") == 3)
        #expect(page.string("path") == base)
        #expect(page.string("first_page_url") == base + "/?page=1")
        #expect(page.string("last_page_url") == base + "/?page=3")
        #expect(page.string("prev_page_url") == base + "/?page=1")
        #expect(page.string("next_page_url") == base + "/?page=3")
        #expect(page.ids == Array(ids.reversed()[10..<20]))
        #expect(response.header("X-WP-Total") == "25")
        #expect(response.header("X-WP-TotalPages") == "3")
        let links = page.paginator["links"]?.listArray?.compactMap(\.listObject) ?? []
        #expect(links.map { $0["label"]?.stringValue } == ["pagination.previous", "1", "2", "3", "pagination.next"])
        #expect(links.map { $0["active"] } == [false, false, true, false, false])
        #expect(links.first?["url"]?.stringValue == base + "/?page=1")
        #expect(links.last?["url"]?.stringValue == base + "/?page=3")
    }

    @Test("the first and last pages have no previous and no next link")
    func edges() async throws {
        let (product, ids) = try await cli.listBulkLicenses(count: 12)
        let first = try AdminListPage(
            try await client.adminList("licenses", [("search", "product_id = \(product.id)")])
        )
        #expect(first.paginator["prev_page_url"] == .null)
        #expect(first.paginator["links"]?.listArray?.first?.listObject?["url"] == .null)
        #expect(first.ids == Array(ids.reversed().prefix(10)))
        let last = try AdminListPage(
            try await client.adminList("licenses", [("search", "product_id = \(product.id)"), ("page", "2")])
        )
        #expect(last.paginator["next_page_url"] == .null)
        #expect(last.integer("from") == 11 && last.integer("to") == 12)
        #expect(last.ids == Array(ids.reversed().suffix(2)))
    }

    @Test("past the end: empty data, from and to null, the total and last page kept")
    func pastTheEnd() async throws {
        let (product, _) = try await cli.listBulkLicenses(count: 3)
        let response = try await client.adminList(
            "licenses",
            [("search", "product_id = \(product.id)"), ("page", "9")]
        )
        let page = try AdminListPage(response)
        #expect(page.rows.isEmpty)
        #expect(page.paginator["from"] == .null && page.paginator["to"] == .null)
        #expect(page.total == 3 && page.integer("last_page") == 1 && page.integer("current_page") == 9)
        #expect(response.header("X-WP-Total") == "3" && response.header("X-WP-TotalPages") == "1")
    }

    @Test("an empty list has last_page 1 and X-WP-TotalPages 0")
    func empty() async throws {
        let product = try await cli.createProduct()
        let response = try await client.adminList("licenses", [("search", "product_id = \(product.id)")])
        let page = try AdminListPage(response)
        #expect(page.rows.isEmpty && page.total == 0 && page.integer("last_page") == 1)
        #expect(response.header("X-WP-Total") == "0" && response.header("X-WP-TotalPages") == "0")
    }

    @Test("shows Laravel's link window with gaps on a long list")
    func linkWindow() async throws {
        let (product, ids) = try await cli.listBulkLicenses(count: 15)
        let page = try AdminListPage(
            try await client.adminList(
                "licenses",
                [("search", "product_id = \(product.id)"), ("per_page", "1"), ("page", "8")]
            )
        )
        let labels = page.paginator["links"]?.listArray?.compactMap { $0.listObject?["label"]?.stringValue }
        #expect(
            labels == [
                "pagination.previous", "1", "2", "...", "5", "6", "7", "8", "9", "10", "11", "...", "14", "15",
                "pagination.next",
            ]
        )
        let gap = page.paginator["links"]?.listArray?[3].listObject
        #expect(gap?["url"] == .null && gap?["active"] == .bool(false))
        #expect(page.ids == [ids.reversed()[7]])
        #expect(page.response.header("X-WP-TotalPages") == "15")
    }

    @Test(
        "uses per_page when 0 < n < 200, else 10",
        arguments: [("3", Int64(3)), ("199", 199), ("200", 10), ("0", 10), ("-1", 10), ("ten", 10)]
    )
    func perPage(value: String, expected: Int64) async throws {
        let (product, _) = try await cli.listBulkLicenses(count: 4)
        let page = try AdminListPage(
            try await client.adminList("licenses", [("search", "product_id = \(product.id)"), ("per_page", value)])
        )
        #expect(page.integer("per_page") == expected)
        #expect(page.rows.count == Int(min(expected, 4)))
    }

    @Test("reads a bad page as page 1", arguments: ["0", "-3", "abc", "99999999999999999999999", ""])
    func badPage(value: String) async throws {
        let (product, ids) = try await cli.listBulkLicenses(count: 2)
        let page = try AdminListPage(
            try await client.adminList("licenses", [("search", "product_id = \(product.id)"), ("page", value)])
        )
        #expect(page.integer("current_page") == 1)
        #expect(page.ids == ids.reversed())
    }

    @Test("answers an enormous page with an empty page, not an error")
    func enormousPage() async throws {
        let (product, _) = try await cli.listBulkLicenses(count: 2)
        let page = try AdminListPage(
            try await client.adminList(
                "licenses",
                [("search", "product_id = \(product.id)"), ("page", "9223372036854775807"), ("per_page", "150")]
            )
        )
        #expect(page.rows.isEmpty && page.total == 2)
    }

    @Test("each row is the admin license JSON with its customer, product and variation")
    func rowShape() async throws {
        let customer = try await cli.listCustomer(first: "Ada", last: "Lovelace \(listToken())")
        let product = try await cli.createProduct()
        let license = try await cli.createLicense(
            for: product,
            ["--customer", "\(customer.id)", "--limit", "3", "--expires", "2031-02-03 04:05:06"]
        )
        let page = try AdminListPage(try await client.adminList("licenses", [("include_ids", "\(license.id)")]))
        let row = try #require(page.rows.first)
        #expect(page.ids == [license.id])
        #expect(row["license_key"]?.stringValue == license.licenseKey)
        #expect(row["status"]?.stringValue == "inactive")
        #expect(row["limit"]?.listInteger == 3)
        #expect(row["expiration_date"]?.stringValue == "2031-02-03 04:05:06")
        #expect(row["labels"] == .array([]))
        for key in ["activations_count", "customer", "product", "product_variant", "created_at", "updated_at"] {
            #expect(row[key] != nil, "missing \(key)")
        }
        let relation = try #require(row["customer"]?.listObject)
        #expect(relation["id"]?.listInteger == customer.id && relation["email"]?.stringValue == customer.email)
        #expect(relation["full_name"]?.stringValue?.hasPrefix("Ada Lovelace ") == true)
        #expect(row["product"]?.listObject?["post_title"]?.stringValue == product.title)
        #expect(row["product_variant"]?.listObject?["id"]?.listInteger == product.variationId)
        #expect(row["created_at"]?.stringValue?.hasSuffix("+00:00") == true)
    }

    @Test("shows a license whose date has passed as expired, with no grace, and its real status otherwise")
    func listedExpiry() async throws {
        let product = try await cli.createProduct()
        let lapsed = try await cli.createLicense(
            for: product,
            ["--status", "active", "--expires", expiryTimestamp(daysFromNow: -2)]
        )
        let current = try await cli.createLicense(
            for: product,
            ["--status", "active", "--expires", expiryTimestamp(daysFromNow: 20)]
        )
        let page = try AdminListPage(
            try await client.adminList("licenses", [("search", "product_id = \(product.id)")])
        )
        #expect(page.ids == [current.id, lapsed.id])
        #expect(page.rows.map { $0["status"]?.stringValue } == ["active", "expired"])
    }
}
