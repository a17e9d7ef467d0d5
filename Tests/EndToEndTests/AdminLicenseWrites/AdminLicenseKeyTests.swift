import Domain
import Foundation
import Testing

@Suite("Admin regenerate-key", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct AdminLicenseKeyTests {
    let cli = CLI.stack
    let api = AdminLicenseAPI()
    let client = HTTPSClient.main
    let database = Database.stack

    @Test("issues a key with the product's prefix; the old key stops at once, the activation hash keeps working")
    func regenerates() async throws {
        let prefix = "e2e\(UUID().uuidString.prefix(4).lowercased())-"
        let product = try await cli.fluentCartProduct(limit: 3, ["--prefix", prefix])
        let license = try await cli.createLicense(for: product)
        let site = uniqueSite()
        let activation = try await client.fluentCart(
            "activate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        let hash = try #require(activation.string("activation_hash"), "\(activation)")

        let response = try await api.post(license.id, "regenerate-key")
        #expect(response.status == 200, "\(response)")
        #expect(response.orderedKeys == ["license", "message"])
        #expect(response.licenseKeys == adminLicenseKeys)
        #expect(response.string("message") == "License key regenerated successfully!")
        let key = try #require(response.orderedJSON?["license"]?["license_key"]?.stringValue)
        #expect(key != license.licenseKey)
        #expect(key.hasPrefix(prefix))
        let random = key.dropFirst(prefix.count)
        #expect(random.count == 32 && random.allSatisfy { "0123456789abcdef".contains($0) }, "\(key)")
        #expect(try await database.value("SELECT license_key FROM licenses WHERE id = \(license.id)") == key)

        let old = try await client.fluentCart(
            "check_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(old.string("error_type") == "invalid_license", "\(old)")
        let new = try await client.fluentCart(
            "check_license",
            ["license_key": key, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(new.string("status") == "valid", "\(new)")
        let byHash = try await client.fluentCart(
            "check_license",
            ["activation_hash": hash, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(byHash.string("status") == "valid", "\(byHash)")
        #expect(byHash.string("activation_hash") == hash)
    }

    @Test("records the change in the audit log with both keys shortened to their last four characters")
    func audited() async throws {
        let (_, license) = try await cli.fluentCartLicense()
        let manager = try await RoleUsers.shared.user("manager")
        let response = try await api.post(license.id, "regenerate-key")
        let key = try #require(response.orderedJSON?["license"]?["license_key"]?.stringValue, "\(response)")
        let audit = try await database.lastLicenseAudit(of: license.id)
        #expect(audit.action == "license.regenerate_key")
        #expect(audit.actor == "user:\(manager.login)")
        #expect(audit.before?["license_key"] == .string("…" + license.licenseKey.suffix(4)))
        #expect(audit.after?["license_key"] == .string("…" + key.suffix(4)))
        let stored = try await database.rows(
            "SELECT before::text || after::text FROM audit_log WHERE object_type = 'license' AND object_id = \(license.id)"
        )
        #expect(stored.allSatisfy { !($0[0] ?? "").contains(key) && !($0[0] ?? "").contains(license.licenseKey) })
    }

    @Test("a product without a prefix gets 32 hex characters")
    func withoutPrefix() async throws {
        let (_, license) = try await cli.licensedProduct()
        let response = try await api.post(license.id, "regenerate-key")
        let key = try #require(response.orderedJSON?["license"]?["license_key"]?.stringValue, "\(response)")
        #expect(key.count == 32 && key.allSatisfy { "0123456789abcdef".contains($0) }, "\(key)")
    }

    @Test("answers an unknown id with 404 and changes nothing")
    func unknown() async throws {
        expectNoLicense(try await api.post(missingLicenseID, "regenerate-key"), id: "\(missingLicenseID)")
    }

    @Test("refuses workers and accountants with 403 and keeps the key", arguments: Role.viewers)
    func forbidden(role: String) async throws {
        let (_, license) = try await cli.fluentCartLicense()
        expectWriteForbidden(try await api.post(license.id, "regenerate-key", as: role))
        #expect(
            try await database.value("SELECT license_key FROM licenses WHERE id = \(license.id)") == license.licenseKey
        )
        #expect(try await database.licenseAuditCount(of: license.id) == 1, "only the CLI's license.create")
    }

    @Test("lets every role with licenses/manage regenerate", arguments: Role.staff)
    func allowed(role: String) async throws {
        let (_, license) = try await cli.fluentCartLicense()
        #expect(try await api.post(license.id, "regenerate-key", as: role).status == 200)
    }
}
