import Foundation
import Testing

@Suite("FluentCart check_license", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct CheckLicenseTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    /// A license of a fresh product, activated on a fresh site.
    func activated(limit: Int = 3, _ options: [String] = []) async throws -> (Product, License, String, String) {
        let (product, license) = try await cli.fluentCartLicense(limit: limit, options)
        let site = uniqueSite()
        let response = try await client.fluentCart(
            "activate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        let hash = try #require(response.string("activation_hash"), "\(response)")
        return (product, license, site, hash)
    }

    func expectRefusal(
        _ response: HTTPResponse,
        _ errorType: String,
        _ message: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(response.status == 200, "\(response)", sourceLocation: sourceLocation)
        #expect(
            response.orderedKeys == ["status", "error_type", "message", "success"],
            sourceLocation: sourceLocation
        )
        #expect(response.string("status") == "invalid", sourceLocation: sourceLocation)
        #expect(response.string("error_type") == errorType, sourceLocation: sourceLocation)
        #expect(response.string("message") == message, sourceLocation: sourceLocation)
        #expect(response.json?["success"] as? Bool == true, sourceLocation: sourceLocation)
    }

    @Test("answers a valid activated license with the activation's hash and FluentCart's keys in order")
    func validByKey() async throws {
        let (product, license, site, hash) = try await activated()
        let response = try await client.fluentCart(
            "check_license",
            [
                "license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site + "/",
                "current_version": "1",
            ]
        )
        #expect(response.status == 200)
        #expect(response.orderedKeys == ActivationTests.successKeys)
        #expect(response.string("status") == "valid")
        #expect(response.string("activation_hash") == hash)
        #expect(response.integer("activations_count") == 1)
        #expect(response.string("variation_title") != nil && response.string("product_title") != nil)
    }

    @Test("accepts the activation hash instead of the key, without comparing the site, ignoring case")
    func validByHash() async throws {
        let (product, license, _, hash) = try await activated()
        let response = try await client.fluentCart(
            "check_license",
            ["activation_hash": hash.uppercased(), "item_id": "\(product.id)", "site_url": "https://elsewhere.example"]
        )
        #expect(response.status == 200)
        #expect(response.string("status") == "valid")
        #expect(response.string("license_key") == license.licenseKey)
    }

    @Test("works by GET with the parameters in the query, on any path")
    func getOnAnyPath() async throws {
        let (product, license, site, _) = try await activated()
        let query =
            "fluent-cart=check_license&license_key=\(license.licenseKey)&item_id=\(product.id)"
            + "&site_url=\(formEscaped(site))"
        let response = try await client.send("GET", "/some/wordpress/page/?\(query)")
        #expect(response.status == 200)
        #expect(response.string("status") == "valid")
    }

    @Test("takes the action from a form body too, and the body wins over the query")
    func bodyWins() async throws {
        let (product, license, site, _) = try await activated()
        let response = try await client.send(
            "POST",
            "/?license_key=wrong-key-123456&site_url=nowhere.example",
            body: .form(
                formEncoded([
                    "fluent-cart": "check_license", "license_key": license.licenseKey, "item_id": "\(product.id)",
                    "site_url": site,
                ])
            )
        )
        #expect(response.string("status") == "valid", "\(response)")
    }

    @Test("accepts a JSON body")
    func jsonBody() async throws {
        let (product, license, site, _) = try await activated()
        let response = try await client.send(
            "POST",
            "/?fluent-cart=check_license",
            body: .json(#"{"license_key":"\#(license.licenseKey)","item_id":\#(product.id),"site_url":"\#(site)"}"#)
        )
        #expect(response.string("status") == "valid", "\(response)")
    }

    @Test("cleans values as WordPress's sanitize_text_field does")
    func sanitizesValues() async throws {
        let (product, license, site, _) = try await activated()
        let response = try await client.fluentCart(
            "check_license",
            ["license_key": "<b>\(license.licenseKey)</b>", "item_id": " \(product.id)\t", "site_url": site]
        )
        #expect(response.string("status") == "valid", "\(response)")
    }

    @Test("refuses missing parameters with validation_error, 200 and success:true")
    func missingParameters() async throws {
        let (product, license, site, _) = try await activated()
        let message = "license_key, site_url and item_id is required"
        expectRefusal(
            try await client.fluentCart(
                "check_license",
                ["license_key": license.licenseKey, "item_id": "\(product.id)"]
            ),
            "validation_error",
            message
        )
        expectRefusal(
            try await client.fluentCart("check_license", ["item_id": "\(product.id)", "site_url": site]),
            "validation_error",
            message
        )
        expectRefusal(
            try await client.fluentCart("check_license", ["license_key": license.licenseKey, "site_url": site]),
            "validation_error",
            message
        )
        expectRefusal(
            try await client.fluentCart(
                "check_license",
                ["license_key[]": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
            ),
            "validation_error",
            message
        )
    }

    @Test("refuses an unknown key, a key not activated on the site, an unknown hash and another product's item_id")
    func refusals() async throws {
        let (product, license, site, _) = try await activated()
        expectRefusal(
            try await client.fluentCart(
                "check_license",
                ["license_key": "unknown-\(UUID().uuidString)", "item_id": "\(product.id)", "site_url": site]
            ),
            "invalid_license",
            "Invalid License key provided."
        )
        expectRefusal(
            try await client.fluentCart(
                "check_license",
                ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": uniqueSite()]
            ),
            "invalid_activation",
            "License activation could not be found"
        )
        expectRefusal(
            try await client.fluentCart(
                "check_license",
                [
                    "activation_hash": String(repeating: "ab", count: 16), "item_id": "\(product.id)",
                    "site_url": site,
                ]
            ),
            "invalid_activation",
            "License activation could not be found"
        )
        expectRefusal(
            try await client.fluentCart(
                "check_license",
                ["license_key": license.licenseKey, "item_id": "\(product.id)abc", "site_url": site]
            ),
            "key_mismatch",
            "This license key is not valid for this product. Did you provide the valid license key?"
        )
    }

    @Test("still answers the payload for expired and disabled licenses, with their public status")
    func expiredAndDisabled() async throws {
        let (product, license, site, _) = try await activated()
        _ = try await cli.setLicense(license, ["--expires", expiryTimestamp(daysFromNow: -16)])
        let expired = try await client.fluentCart(
            "check_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(expired.status == 200)
        #expect(expired.string("status") == "expired")
        #expect(expired.json?["error_type"] == nil)
        #expect(expired.json?["renew_url"] == nil)

        _ = try await cli.setLicense(license, ["--expires", "lifetime", "--status", "disabled"])
        let disabled = try await client.fluentCart(
            "check_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(disabled.string("status") == "invalid")
        #expect(disabled.string("expiration_date") == "lifetime")
    }

    @Test("stays valid within the 15-day grace period after expiry")
    func grace() async throws {
        let (product, license, site, _) = try await activated()
        _ = try await cli.setLicense(license, ["--expires", expiryTimestamp(daysFromNow: -14)])
        let response = try await client.fluentCart(
            "check_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(response.string("status") == "valid")
    }

    @Test("adds renew_url for an expired license whose subscription has a renewal page")
    func renewURL() async throws {
        let (product, license, site, _) = try await activated()
        let subscription = Int.random(in: 1_000_000..<9_000_000_000)
        _ = try await database.value(
            """
            INSERT INTO subscriptions (id, reactivate_url) VALUES (\(subscription), 'https://shop.example/renew/1');
            UPDATE licenses SET subscription_id = \(subscription), status = 'expired' WHERE id = \(license.id);
            SELECT 1
            """
        )
        let response = try await client.fluentCart(
            "check_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(response.string("status") == "expired")
        #expect(
            response.string("renew_url")
                == "\(Stack.baseURL)/?fluent-cart=renew_license&license_key=\(license.licenseKey)"
        )
        #expect(response.orderedKeys.suffix(2) == ["renew_url", "success"])
    }

    @Test("logs each check with its outcome and site, and moves no FaxStore counter")
    func logged() async throws {
        let (product, license, site, _) = try await activated()
        _ = try await client.fluentCart(
            "check_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        _ = try await client.fluentCart(
            "check_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": "other.example"]
        )
        let rows = try await database.rows(
            "SELECT result, site_url FROM license_checks WHERE license_id = \(license.id) AND api = 'check_license' ORDER BY id"
        )
        #expect(
            rows == [
                ["valid", site.replacingOccurrences(of: "https://", with: "")],
                ["invalid_activation", "other.example"],
            ]
        )
        #expect(try await database.integer("SELECT total_requests FROM licenses WHERE id = \(license.id)") == 0)
    }
}
