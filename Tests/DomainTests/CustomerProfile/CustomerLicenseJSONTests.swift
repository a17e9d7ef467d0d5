import Domain
import Foundation
import Testing

@Suite("Customer license JSON")
struct CustomerLicenseJSONTests {
    let expiry = Expiry(graceDays: 15)
    let base = "https://lic.example"

    func license(
        status: LicenseStatus = .active,
        expires: Date? = nil,
        reactivateURL: String? = nil,
        orderUUID: String? = nil
    ) -> CustomerLicense {
        CustomerLicense(
            id: 7,
            key: "fct-3f9a1c7e58b24d06af71e2c9b5d84a30",
            status: status,
            expirationDate: expires,
            variationID: 43,
            activationCount: 1,
            limit: 3,
            productID: 42,
            createdAt: Fixture.now,
            productTitle: "Acme SEO",
            variationTitle: "Three sites",
            reactivateURL: reactivateURL,
            orderUUID: orderUUID,
            ownerEnabled: true
        )
    }

    @Test("has exactly §9's keys in order, with customer REST dates and no internal ids")
    func keys() {
        let json = license(expires: Fixture.now.addingTimeInterval(Fixture.days(365)))
            .json(listed: false, baseURL: base, expiry: expiry, now: Fixture.now)
        guard case .object(let object) = json else {
            Issue.record("not an object")
            return
        }
        #expect(
            object.keys == [
                "license_key", "status", "expiration_date", "variation_id", "activation_count", "limit", "product_id",
                "created_at", "title", "subtitle", "renewal_url", "has_upgrades", "order", "owner_enabled",
            ]
        )
        #expect(object["created_at"] == "2025-01-15 10:30:00")
        #expect(object["expiration_date"] == "2026-01-15 10:30:00")
        #expect(object["title"] == "Acme SEO" && object["subtitle"] == "Three sites")
        #expect(object["has_upgrades"] == .bool(false))
        #expect(object["order"] == .null)
        #expect(object["renewal_url"] == "")
    }

    @Test(
        "shows FluentCart's customer labels of the stored status",
        arguments: [
            (LicenseStatus.inactive, "active"), (.active, "active"), (.expired, "expired"), (.disabled, "disabled"),
        ]
    )
    func labels(status: LicenseStatus, label: String) {
        #expect(license(status: status).json(listed: false, baseURL: base, expiry: expiry)["status"] == .string(label))
    }

    @Test("the list forces expired past the date plus grace; the detail keeps the stored status's label")
    func listedExpiry() {
        let lapsed = license(status: .active, expires: Fixture.now.addingTimeInterval(-Fixture.days(20)))
        #expect(lapsed.json(listed: true, baseURL: base, expiry: expiry, now: Fixture.now)["status"] == "expired")
        #expect(lapsed.json(listed: false, baseURL: base, expiry: expiry, now: Fixture.now)["status"] == "active")
        let inGrace = license(status: .active, expires: Fixture.now.addingTimeInterval(-Fixture.days(5)))
        #expect(inGrace.json(listed: true, baseURL: base, expiry: expiry, now: Fixture.now)["status"] == "active")
        let disabled = license(status: .disabled, expires: Fixture.now.addingTimeInterval(-Fixture.days(20)))
        #expect(disabled.json(listed: true, baseURL: base, expiry: expiry, now: Fixture.now)["status"] == "expired")
    }

    @Test("offers the renewal link only for an expired license whose subscription has a renewal page")
    func renewalURL() {
        let lapsed = Fixture.now.addingTimeInterval(-Fixture.days(20))
        let renewable = license(expires: lapsed, reactivateURL: "https://shop.example/renew/9")
        #expect(
            renewable.json(listed: false, baseURL: base, expiry: expiry, now: Fixture.now)["renewal_url"]
                == "https://lic.example/?fluent-cart=renew_license&license_key=fct-3f9a1c7e58b24d06af71e2c9b5d84a30"
        )
        let current = license(expires: Fixture.now.addingTimeInterval(Fixture.days(20)), reactivateURL: "https://r")
        #expect(current.json(listed: false, baseURL: base, expiry: expiry, now: Fixture.now)["renewal_url"] == "")
        let noSubscription = license(expires: lapsed)
        #expect(
            noSubscription.json(listed: false, baseURL: base, expiry: expiry, now: Fixture.now)["renewal_url"] == ""
        )
    }

    @Test("names the order by its uuid only, and a lifetime license has a null expiration date")
    func orderAndLifetime() {
        let json = license(orderUUID: "c0ffee").json(listed: false, baseURL: base, expiry: expiry)
        #expect(json["order"] == .object(["uuid": "c0ffee"]))
        #expect(json["expiration_date"] == .null)
    }

    @Test("an activation is {site_url, is_local as 0/1, status, created_at, site_id}")
    func activation() {
        let activation = CustomerLicenseActivation(
            id: 3,
            siteID: 9,
            siteURL: "staging.example.com",
            isLocal: true,
            status: "active",
            createdAt: Fixture.now
        )
        #expect(
            activation.json.serialized
                == #"{"site_url":"staging.example.com","is_local":1,"status":"active","created_at":"2025-01-15 10:30:00","site_id":9}"#
        )
    }
}
