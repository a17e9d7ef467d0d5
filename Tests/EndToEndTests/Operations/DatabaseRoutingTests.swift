import Testing

/// Stack A reads its GET REST routes through `DATABASE_READ_URL` (the same database under the application name
/// `license-fcgi-read`); stack B's read URL refuses every connection and its statements go unnamed
/// (`DATABASE_PREPARED_STATEMENTS=false`), as behind PgBouncer in transaction mode (scripts/test.sh).
@Suite("Database routing: read replicas and unnamed statements", .enabled(if: Stack.isConfigured))
struct DatabaseRoutingTests {
    @Test("reads an admin list through DATABASE_READ_URL")
    func readsThroughReadURL() async throws {
        let manager = try await RoleUsers.shared.user("manager")
        let (_, license) = try await CLI.stack.licensedProduct()
        let response = try await HTTPSClient.main.rest("GET", "licensing/licenses/\(license.id)", as: manager)
        #expect(response.status == 200, "\(response)")
        let readers = try await Database.stack.integer(
            "select count(*) from pg_stat_activity where application_name = 'license-fcgi-read'"
        )
        #expect(readers >= 1, "a worker holds a connection through DATABASE_READ_URL")
    }

    @Test("falls back to the primary when the read replicas refuse", .enabled(if: Stack.hasV1Stack))
    func fallsBackToThePrimary() async throws {
        let manager = try await RoleUsers.shared.user("manager")
        let (_, license) = try await CLI.stack.licensedProduct()
        for _ in 0..<3 {
            let response = try await HTTPSClient.v1.rest("GET", "licensing/licenses/\(license.id)", as: manager)
            #expect(response.status == 200, "\(response)")
        }
    }

    @Test("checks, activates and lists with unnamed statements", .enabled(if: Stack.hasV1Stack))
    func unnamedStatements() async throws {
        let (product, license) = try await CLI.stack.fluentCartLicense(limit: 1)
        let site = uniqueSite()
        let parameters: KeyValuePairs<String, String> = [
            "license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site,
        ]
        let activation = try await HTTPSClient.v1.fluentCart("activate_license", parameters)
        #expect(activation.status == 200 && activation.string("status") == "valid", "\(activation)")
        let check = try await HTTPSClient.v1.fluentCart("check_license", parameters)
        #expect(check.status == 200 && check.string("status") == "valid", "\(check)")
        let (faxStoreProduct, faxStoreLicense) = try await CLI.stack.licensedProduct()
        let faxStore = try await HTTPSClient.v1.check(faxStoreProduct, key: faxStoreLicense.licenseKey)
        #expect(faxStore.string("status") == "AUTHORISED", "\(faxStore)")
    }
}
