import Domain
import Foundation
import Testing

@Suite("Customer profile: the license list", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct CustomerProfileListTests {
    let api = CustomerProfileAPI()

    @Test("lists only the caller's licenses, newest first, with FluentCart's page object and the X-WP headers")
    func ownLicenses() async throws {
        let (customer, user) = try await api.cli.customerUser()
        let (other, _) = try await api.cli.customerUser()
        let product = try await api.cli.fluentCartProduct()
        var keys: [String] = []
        for _ in 0..<3 { keys.append(try await api.license(of: customer, for: product).licenseKey) }
        let foreign = try await api.license(of: other, for: product)
        let response = try await api.get("licenses", as: user)
        #expect(response.status == 200, "\(response)")
        #expect(response.orderedKeys == ["licenses"])
        #expect(response.orderedKeys(of: "licenses") == ["data", "total", "per_page", "current_page", "last_page"])
        #expect(response.listedKeys == keys.reversed())
        #expect(!response.listedKeys.contains(foreign.licenseKey))
        let page = try #require(response.orderedJSON?["licenses"])
        #expect(page["total"] == 3 && page["per_page"] == 10 && page["current_page"] == 1 && page["last_page"] == 1)
        #expect(response.header("X-WP-Total") == "3")
        #expect(response.header("X-WP-TotalPages") == "1")
        guard case .array(let rows)? = page["data"], case .object(let first)? = rows.first else {
            Issue.record("no rows in \(response)")
            return
        }
        #expect(
            first.keys == [
                "license_key", "status", "expiration_date", "variation_id", "activation_count", "limit", "product_id",
                "created_at", "title", "subtitle", "renewal_url", "has_upgrades", "order", "owner_enabled",
            ]
        )
    }

    @Test("pages with page and per_page; a bad page means the first")
    func paging() async throws {
        let (customer, user) = try await api.cli.customerUser()
        let product = try await api.cli.fluentCartProduct()
        var keys: [String] = []
        for _ in 0..<3 { keys.append(try await api.license(of: customer, for: product).licenseKey) }
        let second = try await api.get("licenses?per_page=2&page=2", as: user)
        #expect(second.listedKeys == [keys[0]])
        let page = try #require(second.orderedJSON?["licenses"])
        #expect(page["total"] == 3 && page["per_page"] == 2 && page["current_page"] == 2 && page["last_page"] == 2)
        #expect(second.header("X-WP-TotalPages") == "2")
        let bad = try await api.get("licenses?per_page=2&page=abc", as: user)
        #expect(bad.listedKeys == [keys[2], keys[1]])
        let beyond = try await api.get("licenses?page=99999999999999999999", as: user)
        #expect(beyond.status == 200, "\(beyond)")
        let outOfRange = try await api.get("licenses?per_page=100000", as: user)
        #expect(outOfRange.orderedJSON?["licenses"]?["per_page"] == 10)
    }

    @Test("a user without a customer gets 200 with FluentCart's empty answer")
    func noCustomer() async throws {
        let user = try await api.cli.createUser(role: "customer")
        let response = try await api.get("licenses", as: user)
        #expect(response.status == 200)
        #expect(
            response.text == #"{"message":"Unable to find licenses","licenses":{"data":[],"total":0}}"#,
            "\(response)"
        )
    }

    @Test("a user's customer is the one whose email matches, ignoring case, when none is linked")
    func customerByEmail() async throws {
        let login = "e2e-mail-\(UUID().uuidString.prefix(12).lowercased())"
        let email = "\(login)@example.test"
        let customer = try await api.cli.run(["customer", "create", "--email", email.uppercased()])
            .decode(Customer.self)
        let user = try await api.cli.run(["user", "create", "--login", login, "--email", email, "--role", "customer"])
            .decode(User.self)
        let license = try await api.license(of: customer, for: try await api.cli.fluentCartProduct())
        #expect(try await api.get("licenses", as: user).listedKeys == [license.licenseKey])
    }

    @Test("the list shows a license past its date and grace as expired; the detail shows its stored status's label")
    func expiredInList() async throws {
        let (customer, user) = try await api.cli.customerUser()
        let product = try await api.cli.fluentCartProduct()
        let lapsed = try await api.license(
            of: customer,
            for: product,
            ["--status", "active", "--expires", expiryTimestamp(daysFromNow: -30)]
        )
        let list = try await api.get("licenses", as: user)
        guard case .array(let rows)? = list.orderedJSON?["licenses"]?["data"] else {
            Issue.record("no rows in \(list)")
            return
        }
        #expect(rows.first?["status"] == "expired")
        let detail = try await api.get("licenses/\(lapsed.licenseKey)", as: user)
        #expect(detail.orderedJSON?["license"]?["status"] == "active", "\(detail)")
    }
}
