import Domain
import Foundation
import Testing

@Suite("Admin sites: one site", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct SiteDetailsTests {
    let cli = CLI.stack
    let client = HTTPSClient.main

    func siteID(search: String) async throws -> Int64 {
        let page = try AdminListPage(try await client.adminList("sites", [("search", search)]), name: "sites")
        return try #require(page.ids.first)
    }

    @Test("shows the site, a page of its activations with their licenses, its customers and orders")
    func details() async throws {
        let token = listToken()
        let customer = try await cli.listCustomer(first: "Mary", last: "Somerville")
        let (firstProduct, first) = try await cli.fluentCartLicense(limit: 2, ["--customer", "\(customer.id)"])
        let (secondProduct, second) = try await cli.fluentCartLicense(limit: 2)
        let order = Int64.random(in: 8_000_000_000_000..<9_000_000_000_000)
        _ = try await Database.stack.rows("INSERT INTO orders (id, customer_id) VALUES (\(order), \(customer.id))")
        _ = try await Database.stack.rows("UPDATE licenses SET order_id = \(order) WHERE id = \(first.id)")
        for (license, product) in [(first, firstProduct), (second, secondProduct)] {
            let response = try await client.fluentCart(
                "activate_license",
                [
                    "license_key": license.licenseKey, "item_id": "\(product.id)",
                    "site_url": "https://det-\(token).example.com",
                ]
            )
            #expect(response.status == 200, "\(response)")
        }
        let id = try await siteID(search: "det-\(token)")
        let response = try await client.adminList("sites/\(id)")
        #expect(response.status == 200, "\(response)")
        #expect(response.orderedKeys == ["site", "activations", "customers", "orders"])
        let body = try #require(response.orderedJSON?.listObject)
        let site = try #require(body["site"]?.listObject)
        #expect(site["id"]?.listInteger == id && site["site_url"]?.stringValue == "det-\(token).example.com")
        #expect(site["is_local"] == .bool(false) && site["active_licenses_count"]?.listInteger == 2)
        let activations = try #require(body["activations"]?.listObject)
        #expect(activations.keys == ["data", "total", "per_page", "current_page", "last_page"])
        #expect(activations["total"]?.listInteger == 2 && activations["per_page"]?.listInteger == 15)
        let rows = activations["data"]?.listArray?.compactMap(\.listObject) ?? []
        #expect(rows.compactMap { $0["license_id"]?.listInteger } == [second.id, first.id])
        #expect(rows.allSatisfy { $0["activation_hash"] == nil && $0["site_id"]?.listInteger == id })
        #expect(rows.allSatisfy { $0["is_local"] == .integer(0) && $0["status"] == .string("active") })
        #expect(rows.last?["license"]?.listObject?["license_key"]?.stringValue == first.licenseKey)
        #expect(rows.last?["license"]?.listObject?["order_id"]?.listInteger == order)
        #expect(rows.last?["product"]?.listObject?["post_title"]?.stringValue == firstProduct.title)
        let customers = body["customers"]?.listArray?.compactMap(\.listObject) ?? []
        #expect(customers.map { $0["id"]?.listInteger } == [customer.id])
        let orders = body["orders"]?.listArray?.compactMap(\.listObject) ?? []
        #expect(orders.map { $0["id"]?.listInteger } == [order])
        #expect(orders.first?["customer_id"]?.listInteger == customer.id)
        #expect(orders.first?["created_at"]?.stringValue?.hasSuffix("+00:00") == true)
    }

    @Test("pages the activations with page and per_page")
    func activationPages() async throws {
        let token = listToken()
        var licenses: [Int64] = []
        for _ in 0..<3 {
            let (product, license) = try await cli.fluentCartLicense(limit: 1)
            let response = try await client.fluentCart(
                "activate_license",
                ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": "pg-\(token).example.com"]
            )
            #expect(response.status == 200, "\(response)")
            licenses.append(license.id)
        }
        let id = try await siteID(search: "pg-\(token)")
        let response = try await client.adminList("sites/\(id)", [("per_page", "2"), ("page", "2")])
        let activations = try #require(response.orderedJSON?["activations"]?.listObject)
        #expect(activations["current_page"]?.listInteger == 2 && activations["last_page"]?.listInteger == 2)
        #expect(activations["total"]?.listInteger == 3)
        #expect(
            activations["data"]?.listArray?.compactMap { $0.listObject?["license_id"]?.listInteger } == [licenses[0]]
        )
        let past = try await client.adminList("sites/\(id)", [("per_page", "2"), ("page", "7")])
        #expect(past.orderedJSON?["activations"]?["data"] == .array([]))
        #expect(past.orderedJSON?["activations"]?["total"] == .integer(3))
    }

    @Test("a missing site is FluentCart's 404", arguments: ["999999999999", "99999999999999999999999"])
    func missing(id: String) async throws {
        let response = try await client.adminList("sites/\(id)")
        #expect(response.status == 404)
        #expect(response.text == #"{"message":"No query results for model [LicenseSite]."}"#)
    }
}
