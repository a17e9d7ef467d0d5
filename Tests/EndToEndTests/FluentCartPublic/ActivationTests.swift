import Foundation
import Testing

@Suite("FluentCart activate_license", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct ActivationTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    static let successKeys = [
        "status", "activation_limit", "activation_hash", "activations_count", "license_key", "expiration_date",
        "product_id", "variation_id", "variation_title", "product_title", "created_at", "updated_at", "success",
    ]

    func activate(_ license: License, _ product: Product, site: String) async throws -> HTTPResponse {
        try await client.fluentCart(
            "activate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site, "current_version": "1.0"]
        )
    }

    @Test("activates a new site: 200, FluentCart's keys in order, a 32-hex hash, the count and status updated")
    func activatesNewSite() async throws {
        let (product, license) = try await cli.fluentCartLicense(limit: 3, ["--expires", "2031-02-03 04:05:06"])
        let response = try await activate(license, product, site: uniqueSite())
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json; charset=UTF-8")
        #expect(response.orderedKeys == Self.successKeys)
        #expect(response.string("status") == "valid")
        #expect(response.integer("activation_limit") == 3)
        #expect(response.integer("activations_count") == 1)
        #expect(response.string("license_key") == license.licenseKey)
        #expect(response.string("expiration_date") == "2031-02-03 04:05:06")
        #expect(response.integer("product_id") == product.id)
        #expect(response.integer("variation_id") == product.variationId)
        #expect(response.json?["success"] as? Bool == true)
        let hash = try #require(response.string("activation_hash"))
        #expect(hash.count == 32 && hash.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        let created = try #require(response.json?["created_at"] as? [String: Any])
        #expect(created["timezone_type"] as? Int == 3 && created["timezone"] as? String == "UTC")
        #expect((created["date"] as? String)?.hasSuffix(".000000") == true)
        #expect(try await database.value("SELECT status FROM licenses WHERE id = \(license.id)") == "active")
        #expect(try await database.integer("SELECT activation_count FROM licenses WHERE id = \(license.id)") == 1)
    }

    @Test("answers expiration_date \"lifetime\" for a license without an expiry")
    func lifetime() async throws {
        let (product, license) = try await cli.fluentCartLicense(["--expires", "lifetime"])
        let response = try await activate(license, product, site: uniqueSite())
        #expect(response.string("expiration_date") == "lifetime")
    }

    @Test("re-activating the same site returns the same hash and uses no slot, even on a full license")
    func reactivationIsIdempotent() async throws {
        let (product, license) = try await cli.fluentCartLicense(limit: 1)
        let site = uniqueSite()
        let first = try await activate(license, product, site: site)
        let again = try await activate(license, product, site: site.uppercased() + "/")
        #expect(again.status == 200)
        #expect(again.string("activation_hash") == first.string("activation_hash"))
        #expect(again.integer("activations_count") == 1)
        #expect(
            try await database.integer("SELECT count(*) FROM license_activations WHERE license_id = \(license.id)") == 1
        )
    }

    @Test("refuses a new site once the limit is used: 422 activation_limit_exceeded, nothing written")
    func limitExceeded() async throws {
        let (product, license) = try await cli.fluentCartLicense(limit: 1)
        _ = try await activate(license, product, site: uniqueSite())
        let site = uniqueSite()
        let response = try await activate(license, product, site: site)
        #expect(response.status == 422)
        #expect(response.orderedKeys == ["message", "error_type", "success"])
        #expect(response.string("error_type") == "activation_limit_exceeded")
        #expect(
            response.string("message")
                == "This license key has no activation limit. Please upgrade or purchase a new license."
        )
        #expect(response.json?["success"] as? Bool == false)
        #expect(
            try await database.integer("SELECT count(*) FROM license_activations WHERE license_id = \(license.id)") == 1
        )
        let host = site.replacingOccurrences(of: "https://", with: "")
        #expect(try await database.integer("SELECT count(*) FROM license_sites WHERE site_url = '\(host)'") == 0)
    }

    @Test(
        "staging and local sites activate on a full license without using a slot",
        arguments: [
            "http://localhost:8080/wp", "https://staging.shop-%@.com", "https://shop-%@.com/dev",
            "https://shop-%@.kinsta.cloud",
        ]
    )
    func localSitesAreFree(pattern: String) async throws {
        let (product, license) = try await cli.fluentCartLicense(limit: 1)
        _ = try await activate(license, product, site: uniqueSite())
        let site = pattern.replacingOccurrences(of: "%@", with: UUID().uuidString.prefix(8).lowercased())
        let response = try await activate(license, product, site: site)
        #expect(response.status == 200, "\(response)")
        #expect(response.integer("activations_count") == 1)
        #expect(
            try await database.value(
                "SELECT bool_and(is_local) FROM license_activations a JOIN license_sites s ON s.id = a.site_id "
                    + "WHERE a.license_id = \(license.id) AND s.site_url NOT LIKE 'shop-%.example.com'"
            ) == "t"
        )
    }

    @Test("a limit of 0 means unlimited")
    func unlimited() async throws {
        let (product, license) = try await cli.fluentCartLicense(limit: 0)
        for _ in 0..<4 {
            let response = try await activate(license, product, site: uniqueSite())
            #expect(response.status == 200)
        }
        #expect(try await database.integer("SELECT activation_count FROM licenses WHERE id = \(license.id)") == 4)
    }

    @Test("stores one normalized site row, shared by every license activated on that URL")
    func sharedSiteRow() async throws {
        let (product, first) = try await cli.fluentCartLicense()
        let second = try await cli.createLicense(for: product, ["--limit", "3"])
        let name = "www.Shop-\(UUID().uuidString.prefix(8)).example.com/store"
        _ = try await activate(first, product, site: "https://\(name)/")
        let response = try await activate(second, product, site: "HTTP://\(name.lowercased())//")
        #expect(response.status == 200)
        let rows = try await database.rows(
            "SELECT site_url FROM license_sites WHERE lower(site_url) = lower('\(name)')"
        )
        #expect(rows.map { $0[0] } == [name])
        #expect(
            try await database.integer(
                "SELECT count(DISTINCT site_id) FROM license_activations WHERE license_id IN (\(first.id), \(second.id))"
            ) == 1
        )
    }

    @Test("records the client's PHP and WordPress versions on the site")
    func siteVersions() async throws {
        let (product, license) = try await cli.fluentCartLicense()
        let site = uniqueSite()
        _ = try await client.fluentCart(
            "activate_license",
            [
                "license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site,
                "server_version": "8.2.1", "platform_version": "6.5",
            ]
        )
        let host = site.replacingOccurrences(of: "https://", with: "")
        let rows = try await database.rows(
            "SELECT server_version, platform_version FROM license_sites WHERE site_url = '\(host)'"
        )
        #expect(rows.first == ["8.2.1", "6.5"])
    }

    @Test("refuses what FluentCart refuses, with its error_type and message, and writes nothing")
    func refusals() async throws {
        let (product, license) = try await cli.fluentCartLicense()
        let expired = try await cli.createLicense(for: product, ["--expires", expiryTimestamp(daysFromNow: -20)])
        let disabled = try await cli.createLicense(for: product, ["--status", "disabled"])
        let cases: [(KeyValuePairs<String, String>, String, String)] = [
            (
                ["license_key": license.licenseKey, "site_url": uniqueSite()], "validation_error",
                "license_key, site_url and item_id is required"
            ),
            (
                ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": "  "], "validation_error",
                "license_key, site_url and item_id is required"
            ),
            (
                ["license_key": "nope-\(UUID().uuidString)", "item_id": "\(product.id)", "site_url": uniqueSite()],
                "license_not_found", "License not found"
            ),
            (
                ["license_key": license.licenseKey, "item_id": "\(product.id + 100_000)", "site_url": uniqueSite()],
                "key_mismatch",
                "This license key is not valid for this product. Did you provide the valid license key?"
            ),
            (
                ["license_key": expired.licenseKey, "item_id": "\(product.id)", "site_url": uniqueSite()],
                "license_expired", "The license key is expired. Please renew or purchase a new license"
            ),
            (
                ["license_key": disabled.licenseKey, "item_id": "\(product.id)", "site_url": uniqueSite()],
                "license_not_active", "The license is not Active. Please contact the support."
            ),
        ]
        for (fields, errorType, message) in cases {
            let response = try await client.fluentCart("activate_license", fields)
            #expect(response.status == 422, "\(errorType): \(response)")
            #expect(response.string("error_type") == errorType)
            #expect(response.string("message") == message)
        }
        let written = try await database.integer(
            "SELECT count(*) FROM license_activations WHERE license_id IN (\(license.id), \(expired.id), \(disabled.id))"
        )
        #expect(written == 0)
    }

    @Test("an expired license still activates within the 15-day grace period")
    func graceAllowsActivation() async throws {
        let (product, license) = try await cli.fluentCartLicense(["--expires", expiryTimestamp(daysFromNow: -10)])
        let response = try await activate(license, product, site: uniqueSite())
        #expect(response.status == 200)
        #expect(response.string("status") == "valid")
    }

    @Test("finds the key ignoring case, and compares item_id as PHP compares numbers", arguments: ["0%d", "%d.0"])
    func keyCaseAndNumericItemID(itemPattern: String) async throws {
        let (product, license) = try await cli.fluentCartLicense()
        let response = try await client.fluentCart(
            "activate_license",
            [
                "license_key": license.licenseKey.uppercased(),
                "item_id": String(format: itemPattern, Int(product.id)),
                "site_url": uniqueSite(),
            ]
        )
        #expect(response.status == 200, "\(response)")
    }

    @Test("is logged to the check log with its outcome, never the key")
    func logged() async throws {
        let (product, license) = try await cli.fluentCartLicense(limit: 1)
        _ = try await activate(license, product, site: uniqueSite())
        _ = try await activate(license, product, site: uniqueSite())
        let rows = try await database.rows(
            "SELECT result, api, product_id::text FROM license_checks WHERE license_id = \(license.id) ORDER BY id"
        )
        #expect(rows.map { $0[0] } == ["valid", "activation_limit_exceeded"])
        #expect(rows.allSatisfy { $0[1] == "activate_license" && $0[2] == "\(product.id)" })
        let leaked = try await database.integer(
            "SELECT count(*) FROM license_checks WHERE position(lower('\(license.licenseKey)') IN lower(license_checks::text)) > 0"
        )
        #expect(leaked == 0)
    }
}
