import Foundation
import Testing

@Suite("FluentCart deactivate_license", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct DeactivationTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    func activate(_ license: License, _ product: Product, site: String) async throws -> HTTPResponse {
        try await client.fluentCart(
            "activate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
    }

    func deactivate(_ license: License, _ product: Product, site: String) async throws -> HTTPResponse {
        try await client.fluentCart(
            "deactivate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
    }

    @Test("deactivates a site: FluentCart's keys in order, no key and no hash, and the slot is free at once")
    func deactivates() async throws {
        let (product, license) = try await cli.fluentCartLicense(limit: 1, ["--expires", "lifetime"])
        let site = uniqueSite()
        _ = try await activate(license, product, site: site)
        let response = try await deactivate(license, product, site: site.uppercased())
        #expect(response.status == 200)
        #expect(
            response.orderedKeys == [
                "status", "activation_limit", "activations_count", "expiration_date", "product_id", "variation_id",
                "product_title", "variation_title", "created_at", "updated_at", "success",
            ]
        )
        #expect(response.string("status") == "deactivated")
        #expect(response.integer("activations_count") == 0)
        #expect(response.json?["expiration_date"] is NSNull)
        let next = try await activate(license, product, site: uniqueSite())
        #expect(next.status == 200)
        let hostname = site.replacingOccurrences(of: "https://", with: "")
        #expect(try await database.integer("SELECT count(*) FROM license_sites WHERE site_url = '\(hostname)'") == 1)
    }

    @Test("succeeds when the license has no activation on an existing site, and turns inactive into active")
    func nothingToRemove() async throws {
        let (product, license) = try await cli.fluentCartLicense()
        let (_, other) = try await cli.fluentCartLicense()
        let otherProduct = try #require(other.productId)
        let site = uniqueSite()
        let activation = try await client.fluentCart(
            "activate_license",
            ["license_key": other.licenseKey, "item_id": "\(otherProduct)", "site_url": site]
        )
        #expect(activation.status == 200)
        let response = try await deactivate(license, product, site: site)
        #expect(response.status == 200)
        #expect(response.string("status") == "deactivated")
        #expect(try await database.value("SELECT status FROM licenses WHERE id = \(license.id)") == "active")
    }

    @Test("lets expired and disabled licenses free their sites")
    func expiredAndDisabledMayDeactivate() async throws {
        let (product, license) = try await cli.fluentCartLicense()
        let site = uniqueSite()
        _ = try await activate(license, product, site: site)
        _ = try await cli.setLicense(license, ["--status", "disabled", "--expires", expiryTimestamp(daysFromNow: -30)])
        let response = try await deactivate(license, product, site: site)
        #expect(response.status == 200, "\(response)")
        #expect(
            try await database.integer("SELECT count(*) FROM license_activations WHERE license_id = \(license.id)") == 0
        )
    }

    @Test("refuses with 422: missing parameters, unknown key or other product, unknown site")
    func refusals() async throws {
        let (product, license) = try await cli.fluentCartLicense()
        let site = uniqueSite()
        _ = try await activate(license, product, site: site)
        let cases: [(KeyValuePairs<String, String>, String, String)] = [
            (
                ["license_key": license.licenseKey, "item_id": "\(product.id)"], "validation_error",
                "license_key, site_url and item_id is required"
            ),
            (
                ["license_key": "unknown-\(UUID().uuidString)", "item_id": "\(product.id)", "site_url": site],
                "license_not_found", "License not found or does not match with the item_id"
            ),
            (
                ["license_key": license.licenseKey, "item_id": "\(product.id + 1_000_000)", "site_url": site],
                "license_not_found", "License not found or does not match with the item_id"
            ),
            (
                ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": uniqueSite()],
                "site_not_found", "Site not found"
            ),
        ]
        for (fields, errorType, message) in cases {
            let response = try await client.fluentCart("deactivate_license", fields)
            #expect(response.status == 422, "\(response)")
            #expect(response.orderedKeys == ["message", "error_type", "success"])
            #expect(response.string("error_type") == errorType)
            #expect(response.string("message") == message)
        }
        #expect(
            try await database.integer("SELECT count(*) FROM license_activations WHERE license_id = \(license.id)") == 1
        )
    }

    @Test("a deactivated hash no longer checks")
    func hashStopsWorking() async throws {
        let (product, license) = try await cli.fluentCartLicense()
        let site = uniqueSite()
        let hash = try #require(try await activate(license, product, site: site).string("activation_hash"))
        _ = try await deactivate(license, product, site: site)
        let response = try await client.fluentCart(
            "check_license",
            ["activation_hash": hash, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(response.string("error_type") == "invalid_activation")
    }
}
