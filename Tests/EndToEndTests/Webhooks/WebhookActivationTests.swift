import Foundation
import Testing

/// Activations queue webhooks in their own transaction (issue 7): `activation_created` for every new activation,
/// `activation_limit_reached` when the count reaches a non-zero limit. Stack A has `WEBHOOK_URLS` set.
@Suite("Webhooks of activations", .enabled(if: WebhookReceiverLog.isConfigured))
struct WebhookActivationTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    func queued(_ license: License) async throws -> [String] {
        try await database.rows(
            """
            SELECT type FROM webhook_outbox
            WHERE (payload -> 'data' -> 'license' ->> 'id')::bigint = \(license.id) ORDER BY id
            """
        ).compactMap { $0.first ?? nil }
    }

    func activate(_ license: License, _ product: Product) async throws -> HTTPResponse {
        try await client.fluentCart(
            "activate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": uniqueSite()]
        )
    }

    @Test("queues activation_created per new activation and activation_limit_reached once the limit is reached")
    func publicActivations() async throws {
        let (product, license) = try await cli.fluentCartLicense(limit: 2)
        #expect(try await activate(license, product).status == 200)
        #expect(try await queued(license) == ["activation_created"])
        #expect(try await activate(license, product).status == 200)
        #expect(try await queued(license) == ["activation_created", "activation_created", "activation_limit_reached"])
        #expect(try await activate(license, product).status != 200)
        #expect(try await queued(license).count == 3)
    }

    @Test("queues the same webhooks for sites staff activate through the admin API, and none for a refused one")
    func adminActivations() async throws {
        let (_, license) = try await cli.fluentCartLicense(limit: 2)
        let api = AdminLicenseAPI()
        for _ in 0..<2 {
            let response = try await api.post(license.id, "activate_site", #"{"url":"\#(uniqueSite())"}"#)
            #expect(response.json?["success"] as? Bool == true, "\(response)")
        }
        let refused = try await api.post(license.id, "activate_site", #"{"url":"\#(uniqueSite())"}"#)
        #expect(refused.json?["success"] as? Bool == false, "\(refused)")
        #expect(try await queued(license) == ["activation_created", "activation_created", "activation_limit_reached"])
    }

    @Test("queues nothing for an unlimited license beyond activation_created")
    func unlimited() async throws {
        let (product, license) = try await cli.fluentCartLicense(limit: 0)
        #expect(try await activate(license, product).status == 200)
        #expect(try await queued(license) == ["activation_created"])
    }

    @Test("staff disabling or expiring a license queues license_disabled or license_expired; re-activating none")
    func staffStatus() async throws {
        let (_, license) = try await cli.fluentCartLicense()
        let manager = try await RoleUsers.shared.user("manager")
        for status in ["disabled", "disabled", "active", "expired"] {
            let response = try await client.rest(
                "POST",
                "licensing/licenses/\(license.id)/update_status",
                as: manager,
                body: .json(#"{"status":"\#(status)"}"#)
            )
            #expect(response.status == 200, "\(response)")
        }
        #expect(try await queued(license) == ["license_disabled", "license_expired"])
    }
}
