import Domain
import Foundation
import Testing

@Suite("Customer profile: a license and its activations", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct CustomerProfileDetailTests {
    let api = CustomerProfileAPI()

    @Test("answers the license with §9's keys and FluentCart's empty section parts")
    func details() async throws {
        let (customer, user) = try await api.cli.customerUser()
        let product = try await api.cli.fluentCartProduct(limit: 3)
        let license = try await api.license(of: customer, for: product, ["--expires", "lifetime"])
        let response = try await api.get("licenses/\(license.licenseKey)", as: user)
        #expect(response.status == 200, "\(response)")
        let createdAt = try #require(try await api.createdAt(license))
        let expected: JSONValue = .object([
            "license": .object([
                "license_key": .string(license.licenseKey), "status": "active", "expiration_date": .null,
                "variation_id": .integer(product.variationId), "activation_count": 0, "limit": 3,
                "product_id": .integer(product.id), "created_at": .string(createdAt), "title": .string(product.title),
                "subtitle": .string(product.title), "renewal_url": "", "has_upgrades": false, "order": .null,
                "owner_enabled": true,
            ]),
            "section_parts": .object([
                "before_summary": "", "after_summary": "", "end_of_details": "", "additional_actions": "",
            ]),
        ])
        #expect(response.orderedJSON == expected, "\(response)")
        let ignoringCase = try await api.get("licenses/\(license.licenseKey.uppercased())", as: user)
        #expect(ignoringCase.status == 200, "\(ignoringCase)")
    }

    @Test("shows the order's uuid, the expiry date, and a renewal link for an expired subscription license")
    func orderAndRenewal() async throws {
        let (customer, user) = try await api.cli.customerUser()
        let product = try await api.cli.fluentCartProduct()
        let license = try await api.license(of: customer, for: product, ["--expires", "2020-03-04 05:06:07"])
        let uuid = UUID().uuidString.lowercased()
        let storeID = 8_000_000_000_000 + license.id
        _ = try await api.database.rows(
            """
            INSERT INTO orders (id, uuid, customer_id) VALUES (\(storeID), '\(uuid)', \(customer.id));
            INSERT INTO subscriptions (id, reactivate_url) VALUES (\(storeID), 'https://shop.example/renew/\(storeID)');
            UPDATE licenses SET order_id = \(storeID), subscription_id = \(storeID) WHERE id = \(license.id);
            """
        )
        let response = try await api.get("licenses/\(license.licenseKey)", as: user)
        let json = try #require(response.orderedJSON?["license"])
        #expect(json["order"] == .object(["uuid": .string(uuid)]), "\(response)")
        #expect(json["expiration_date"] == "2020-03-04 05:06:07")
        #expect(
            json["renewal_url"]
                == .string("\(Stack.baseURL)/?fluent-cart=renew_license&license_key=\(license.licenseKey)")
        )
        // Without a subscription there is nothing to renew.
        let plain = try await api.license(of: customer, for: product, ["--expires", "2020-03-04 05:06:07"])
        let plainJSON = try await api.get("licenses/\(plain.licenseKey)", as: user).orderedJSON?["license"]
        #expect(plainJSON?["renewal_url"] == "")
    }

    @Test("lists the activations newest first: site_url, is_local as 0/1, status, created_at, site_id")
    func activations() async throws {
        let (customer, user) = try await api.cli.customerUser()
        let product = try await api.cli.fluentCartProduct()
        let license = try await api.license(of: customer, for: product)
        let live = uniqueSite()
        let staging = uniqueStagingSite()
        try await api.activate(license, product, site: live)
        try await api.activate(license, product, site: staging + "/")
        let response = try await api.get("licenses/\(license.licenseKey)/activations", as: user)
        #expect(response.status == 200, "\(response)")
        #expect(response.orderedKeys == ["activations"])
        guard case .array(let rows)? = response.orderedJSON?["activations"], rows.count == 2 else {
            Issue.record("expected two activations: \(response)")
            return
        }
        let sites = try await api.database.rows(
            """
            SELECT s.site_url, a.is_local::int::text, s.id::text,
                   to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
            FROM license_activations a JOIN license_sites s ON s.id = a.site_id
            WHERE a.license_id = \(license.id) ORDER BY a.id DESC
            """
        )
        let expected: [JSONValue] = sites.map { row in
            .object([
                "site_url": .string(row[0] ?? ""), "is_local": .integer(Int64(row[1] ?? "") ?? -1), "status": "active",
                "created_at": .string(row[3] ?? ""), "site_id": .integer(Int64(row[2] ?? "") ?? -1),
            ])
        }
        #expect(rows == expected)
        #expect(rows.first?["site_url"] == .string(staging.replacingOccurrences(of: "https://", with: "")))
        #expect(rows.first?["is_local"] == 1 && rows.last?["is_local"] == 0)
        let none = try await api.get(
            "licenses/\(try await api.license(of: customer, for: product).licenseKey)/activations",
            as: user
        )
        #expect(none.text == #"{"activations":[]}"#)
    }
}
