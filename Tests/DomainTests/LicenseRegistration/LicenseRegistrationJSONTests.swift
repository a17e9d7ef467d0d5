import Domain
import Foundation
import Testing

@Suite("settings/license answers")
struct LicenseRegistrationJSONTests {
    func registration(status: LicenseStatus = .active, expires: Date? = nil) -> LicenseRegistration {
        LicenseRegistration(
            licenseID: 123,
            key: "fct-3f9a1c7e58b24d06af71e2c9b5d84a30",
            status: status,
            expirationDate: expires,
            limit: 5,
            customerID: nil,
            productID: 789,
            variationID: 790,
            variationTitle: "Five sites",
            createdAt: Fixture.now,
            updatedAt: Fixture.now,
            activeDomains: [.init(id: 1, domain: "site1.com"), .init(id: 2, domain: "site2.com")],
            domain: "site2.com"
        )
    }

    @Test("unregistered: FluentCart's option keys, empty, and a null license")
    func unregistered() {
        #expect(
            LicenseRegistration.unregisteredJSON.serialized
                == #"{"license_key":"","status":"unregistered","variation_id":"","variation_title":"","expires":"","license":null}"#
        )
    }

    @Test("registered: the public status, lifetime expiry, and the seed's license object")
    func registered() {
        let json = registration().json(expiry: Expiry(), now: Fixture.now)
        #expect(
            json.serialized
                == #"{"license_key":"fct-3f9a1c7e58b24d06af71e2c9b5d84a30","status":"valid","variation_id":790,"#
                + #""variation_title":"Five sites","expires":"lifetime","license":{"id":123,"customer_id":0,"#
                + #""product_id":789,"license_key":"fct-3f9a1c7e58b24d06af71e2c9b5d84a30","status":"active","#
                + #""expires_at":null,"domain_limit":5,"active_domains":[{"id":1,"domain":"site1.com"},"#
                + #"{"id":2,"domain":"site2.com"}],"created_at":"2025-01-15 10:30:00","#
                + #""updated_at":"2025-01-15 10:30:00"}}"#
        )
    }

    @Test("the status is the public one: expired after the grace days, invalid when disabled")
    func publicStatus() {
        let lapsed = registration(expires: Fixture.now.addingTimeInterval(-Fixture.days(16)))
        #expect(lapsed.json(expiry: Expiry(), now: Fixture.now)["status"] == "expired")
        #expect(lapsed.json(expiry: Expiry(), now: Fixture.now)["expires"] == "2024-12-30 10:30:00")
        #expect(registration(status: .disabled).json(expiry: Expiry(), now: Fixture.now)["status"] == "invalid")
    }
}
