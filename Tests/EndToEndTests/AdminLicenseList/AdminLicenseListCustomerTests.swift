import Domain
import Foundation
import Testing

@Suite("Admin license list: a customer's licenses", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct AdminLicenseListCustomerTests {
    let cli = CLI.stack
    let client = HTTPSClient.main

    @Test("lists the customer's licenses of every product, newest first, paginated, and no one else's")
    func customerLicenses() async throws {
        let customer = try await cli.createCustomer()
        let neighbour = try await cli.createCustomer()
        let first = try await cli.createProduct()
        let second = try await cli.createProduct()
        let a = try await cli.createLicense(for: first, ["--customer", "\(customer.id)"])
        _ = try await cli.createLicense(for: first, ["--customer", "\(neighbour.id)"])
        let b = try await cli.createLicense(for: second, ["--customer", "\(customer.id)"])
        let c = try await cli.createLicense(
            for: second,
            ["--customer", "\(customer.id)", "--status", "active", "--expires", expiryTimestamp(daysFromNow: -1)]
        )
        let response = try await client.adminList("licenses/customer/\(customer.id)")
        let page = try AdminListPage(response)
        #expect(page.ids == [c.id, b.id, a.id])
        #expect(page.total == 3)
        #expect(page.string("path") == listPath("licenses/customer/\(customer.id)"))
        #expect(page.rows.first?["status"]?.stringValue == "expired")
        #expect(page.rows.allSatisfy { $0["customer"]?.listObject?["id"]?.listInteger == customer.id })
        #expect(response.header("X-WP-Total") == "3")
        let second2 = try AdminListPage(
            try await client.adminList("licenses/customer/\(customer.id)", [("per_page", "2"), ("page", "2")])
        )
        #expect(second2.ids == [a.id])
        #expect(second2.integer("last_page") == 2 && second2.integer("from") == 3)
    }

    @Test("an unknown customer has an empty list", arguments: ["999999999999", "0", "99999999999999999999999"])
    func unknownCustomer(id: String) async throws {
        let response = try await client.adminList("licenses/customer/\(id)")
        let page = try AdminListPage(response)
        #expect(page.rows.isEmpty && page.total == 0 && page.integer("last_page") == 1)
        #expect(page.string("path") == listPath("licenses/customer/\(id)"))
    }

    @Test("ignores the main list's filters")
    func ignoresFilters() async throws {
        let customer = try await cli.createCustomer()
        let product = try await cli.createProduct()
        let license = try await cli.createLicense(for: product, ["--customer", "\(customer.id)"])
        let page = try AdminListPage(
            try await client.adminList(
                "licenses/customer/\(customer.id)",
                [("search", "nothing matches this"), ("active_view", "disabled")]
            )
        )
        #expect(page.ids == [license.id])
    }
}
