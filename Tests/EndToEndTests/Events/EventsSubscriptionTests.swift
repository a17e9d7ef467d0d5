import Foundation
import Testing

@Suite("Store events: subscriptions", .enabled(if: Events.isConfigured, "set by scripts/test.sh"))
struct EventsSubscriptionTests {
    @Test("subscription_renewed sets the new expiry, re-enables payment-failed licenses and stores reactivate_url")
    func renewedAfterFailedPayment() async throws {
        let (order, subscription, license) = try await subscribedLicense()
        _ = try await Events.post(Events.event("order_payment_failed", data: #"{"order":{"id":\#(order)}}"#))
        let response = try await renew(subscription, to: "2031-02-01 00:00:00", url: "https://shop.example/again")
        #expect(response.status == 200 && response.licenseIDs == [license.id], "\(response)")
        let after = try #require(try await Events.licenses(ofOrder: order).first)
        #expect(after.status == "active" && after.reason == nil && after.expiry == "2031-02-01 00:00:00")
        #expect(
            try await Database.stack.value("select reactivate_url from subscriptions where id = \(subscription)")
                == "https://shop.example/again"
        )
        if Events.queuesWebhooks {
            #expect(try await Events.webhooks("license_renewed", license: license.id) == 1)
        }
    }

    @Test("subscription_renewed keeps refunded and staff-disabled licenses disabled")
    func renewalKeepsLocks() async throws {
        let (order, subscription, _) = try await subscribedLicense()
        _ = try await Events.post(Events.event("order_fully_refunded", data: #"{"order":{"id":\#(order)}}"#))
        _ = try await renew(subscription, to: "2031-03-01 00:00:00")
        let refunded = try #require(try await Events.licenses(ofOrder: order).first)
        #expect(refunded.status == "disabled" && refunded.reason == "Refunded")
        #expect(refunded.expiry == "2031-03-01 00:00:00")

        let (staffOrder, staffSubscription, staffLicense) = try await subscribedLicense()
        _ = try await CLI.stack.run(["license", "set", "--id", "\(staffLicense.id)", "--status", "disabled"])
        _ = try await renew(staffSubscription, to: "2031-03-01 00:00:00")
        #expect(try await Events.licenses(ofOrder: staffOrder).first?.status == "disabled")
    }

    @Test("subscription_expired expires active licenses; a renewal brings them back")
    func expiredThenRenewed() async throws {
        let (order, subscription, license) = try await subscribedLicense()
        let expired = try await Events.post(
            Events.event("subscription_expired", data: #"{"subscription":{"id":\#(subscription)}}"#)
        )
        #expect(expired.status == 200 && expired.licenseIDs == [license.id], "\(expired)")
        #expect(try await Events.licenses(ofOrder: order).first?.status == "expired")
        if Events.queuesWebhooks {
            #expect(try await Events.webhooks("license_expired", license: license.id) == 1)
        }
        _ = try await renew(subscription, to: "2031-04-01 00:00:00")
        #expect(try await Events.licenses(ofOrder: order).first?.status == "active")
    }

    @Test("subscription_completed makes the licenses lifetime and re-enables expired ones")
    func completed() async throws {
        let (order, subscription, license) = try await subscribedLicense()
        _ = try await Events.post(
            Events.event("subscription_expired", data: #"{"subscription":{"id":\#(subscription)}}"#)
        )
        let response = try await Events.post(
            Events.event("subscription_completed", data: #"{"subscription":{"id":\#(subscription)}}"#)
        )
        #expect(response.status == 200 && response.licenseIDs == [license.id], "\(response)")
        let after = try #require(try await Events.licenses(ofOrder: order).first)
        #expect(after.expiry == nil && after.status == "active")
    }

    @Test("subscription_updated acts as a renewal")
    func updated() async throws {
        let (order, subscription, _) = try await subscribedLicense()
        let response = try await Events.post(
            Events.event(
                "subscription_updated",
                data: #"{"subscription":{"id":\#(subscription),"next_billing_date":"2031-05-01T00:00:00Z"}}"#
            )
        )
        #expect(response.status == 200, "\(response)")
        #expect(try await Events.licenses(ofOrder: order).first?.expiry == "2031-05-01 00:00:00")
    }

    @Test("subscription_cancelled sets the end of the paid term as expiry and leaves the status")
    func cancelled() async throws {
        let (order, subscription, license) = try await subscribedLicense()
        let response = try await Events.post(
            Events.event(
                "subscription_cancelled",
                data: #"{"subscription":{"id":\#(subscription),"next_billing_date":"2030-06-30 12:00:00"}}"#
            )
        )
        #expect(response.status == 200 && response.licenseIDs == [license.id], "\(response)")
        let after = try #require(try await Events.licenses(ofOrder: order).first)
        #expect(after.expiry == "2030-06-30 12:00:00" && after.status == license.status)
    }

    private func renew(_ subscription: Int64, to date: String, url: String? = nil) async throws -> HTTPResponse {
        let reactivate = url.map { #","reactivate_url":"\#($0)""# } ?? ""
        return try await Events.post(
            Events.event(
                "subscription_renewed",
                data: #"{"subscription":{"id":\#(subscription),"next_billing_date":"\#(date)"\#(reactivate)}}"#
            )
        )
    }

    /// A subscription order with one license of a new product.
    private func subscribedLicense() async throws -> (order: Int64, subscription: Int64, license: LicenseRow) {
        let product = try await Events.licensedProduct()
        let (order, subscription) = (Events.newID(), Events.newID())
        let response = try await Events.post(
            Events.event(
                "order_paid",
                data: Events.orderData(
                    order: order,
                    email: Events.newEmail(),
                    items: [(product.id, product.variationId, 1, "product")],
                    orderType: "subscription",
                    subscription: (subscription, "2030-12-01 00:00:00")
                )
            )
        )
        #expect(response.status == 200, "\(response)")
        let license = try #require(try await Events.licenses(ofOrder: order).first)
        return (order, subscription, license)
    }
}
