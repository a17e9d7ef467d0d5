import Foundation
import Testing

@Suite("Store events: orders", .enabled(if: Events.isConfigured, "set by scripts/test.sh"))
struct EventsOrderTests {
    @Test("order_paid issues one inactive license per licensed line, limit × quantity, expiring with the subscription")
    func orderPaidWithSubscription() async throws {
        let product = try await Events.licensedProduct(limit: "3")
        let unlicensed = try await CLI.stack.createProduct(["--licensing", "off"])
        let (order, subscription, email) = (Events.newID(), Events.newID(), Events.newEmail())
        let eventID = Events.newEventID()
        let body = Events.event(
            "order_paid",
            id: eventID,
            data: Events.orderData(
                order: order,
                email: email,
                items: [
                    (product.id, product.variationId, 2, "product"), (product.id, product.variationId, 1, "signup_fee"),
                    (unlicensed.id, unlicensed.variationId, 1, "product"), (999_999_999, 1, 1, "product"),
                ],
                orderType: "subscription",
                subscription: (subscription, "2030-01-15 10:30:00")
            )
        )
        let response = try await Events.post(body)
        #expect(response.status == 200, "\(response)")
        #expect(response.json?["status"] as? String == "processed")
        #expect(response.json?["event_id"] as? String == eventID)
        let licenses = try await Events.licenses(ofOrder: order)
        #expect(licenses.count == 1)
        let license = try #require(licenses.first)
        #expect(response.licenseIDs == [license.id])
        #expect(license.status == "inactive")
        #expect(license.limit == 6)
        #expect(license.key.hasPrefix("evt-") && license.key.count == 36)
        #expect(license.expiry == "2030-01-15 10:30:00")
        #expect(license.subscriptionID == subscription)
        #expect(license.variationID == product.variationId)
        let customer = try await Database.stack.value(
            "select id from customers where lower(email) = \(Database.literal(email))"
        )
        #expect(license.customerID.map(String.init) == customer)
        #expect(
            try await Database.stack.value("select type || '/' || customer_id from orders where id = \(order)")
                == "subscription/\(customer ?? "")"
        )
        #expect(
            try await Database.stack.value("select reactivate_url from subscriptions where id = \(subscription)")
                == "https://shop.example/renew/\(subscription)"
        )
        #expect(
            try await Database.stack.integer(
                "select count(*) from audit_log where actor = \(Database.literal("event:" + eventID)) and object_id = \(license.id)"
            ) == 1
        )
        if Events.queuesWebhooks {
            #expect(try await Events.webhooks("license_issued", license: license.id) == 1)
        }
    }

    @Test("order_paid without a subscription expires after the variation's validity and matches the customer by email")
    func orderPaidOneTime() async throws {
        let yearly = try await Events.licensedProduct(limit: "", validity: "1 year")
        let lifetime = try await Events.licensedProduct(limit: "1", validity: "lifetime")
        let customer = try await CLI.stack.createCustomer()
        let order = Events.newID()
        let response = try await Events.post(
            Events.event(
                "order_paid",
                data: Events.orderData(
                    order: order,
                    email: customer.email.uppercased(),
                    items: [
                        (yearly.id, yearly.variationId, 3, "product"),
                        (lifetime.id, lifetime.variationId, 1, "product"),
                    ]
                )
            )
        )
        #expect(response.status == 200, "\(response)")
        let licenses = try await Events.licenses(ofOrder: order)
        #expect(licenses.count == 2)
        #expect(licenses.allSatisfy { $0.customerID == customer.id && $0.subscriptionID == nil })
        let first = try #require(licenses.first { $0.productID == yearly.id })
        #expect(first.limit == 0)
        let inAYear = try await Database.stack.value(
            "select abs(extract(epoch from (expiration_date - (now() + interval '1 year')))) < 120 from licenses where id = \(first.id)"
        )
        #expect(inAYear == "t")
        #expect(licenses.first { $0.productID == lifetime.id }?.expiry == nil)
        #expect(licenses.first { $0.productID == lifetime.id }?.limit == 1)
    }

    @Test("order_paid skips renewal orders and orders that already have licenses")
    func orderPaidSkips() async throws {
        let product = try await Events.licensedProduct()
        let renewal = Events.newID()
        let skipped = try await Events.post(
            Events.event(
                "order_paid",
                data: Events.orderData(
                    order: renewal,
                    email: Events.newEmail(),
                    items: [(product.id, product.variationId, 1, "product")],
                    orderType: "renewal"
                )
            )
        )
        #expect(skipped.status == 200 && skipped.licenseIDs.isEmpty, "\(skipped)")
        #expect(try await Events.licenses(ofOrder: renewal).isEmpty)

        let order = Events.newID()
        let data = Events.orderData(
            order: order,
            email: Events.newEmail(),
            items: [(product.id, product.variationId, 1, "product")]
        )
        let first = try await Events.post(Events.event("order_paid", data: data))
        let second = try await Events.post(Events.event("order_paid", data: data))
        #expect(first.licenseIDs.count == 1)
        #expect(second.status == 200 && second.licenseIDs.isEmpty, "\(second)")
        #expect(try await Events.licenses(ofOrder: order).count == 1)
    }

    @Test("order_payment_failed disables the order's licenses with reason Payment Failed")
    func paymentFailed() async throws {
        let (order, licenses) = try await paidOrder()
        let response = try await Events.post(
            Events.event("order_payment_failed", data: #"{"order":{"id":\#(order)}}"#)
        )
        #expect(response.status == 200 && response.licenseIDs == licenses.map(\.id), "\(response)")
        let after = try await Events.licenses(ofOrder: order)
        #expect(after.allSatisfy { $0.status == "disabled" && $0.reason == "Payment Failed" })
        if Events.queuesWebhooks {
            #expect(try await Events.webhooks("license_disabled", license: licenses[0].id) == 1)
        }
    }

    @Test("order_fully_refunded disables the licenses of the order and of its parent with reason Refunded")
    func refunded() async throws {
        let (parent, parentLicenses) = try await paidOrder()
        let product = try await Events.licensedProduct()
        let child = Events.newID()
        _ = try await Events.post(
            Events.event(
                "order_paid",
                data: Events.orderData(
                    order: child,
                    email: Events.newEmail(),
                    items: [(product.id, product.variationId, 1, "product")],
                    parent: parent
                )
            )
        )
        let response = try await Events.post(
            Events.event("order_fully_refunded", data: #"{"order":{"id":\#(child),"parent_id":\#(parent)}}"#)
        )
        #expect(response.status == 200, "\(response)")
        let all = try await Events.licenses(where: "order_id in (\(parent), \(child))")
        #expect(all.count == parentLicenses.count + 1)
        #expect(all.allSatisfy { $0.status == "disabled" && $0.reason == "Refunded" })
        #expect(response.licenseIDs == all.map(\.id))
    }

    @Test("order_upgraded updates the license in place: same key, new variation, limit and expiry, new order")
    func upgraded() async throws {
        let product = try await Events.licensedProduct(limit: "1", validity: "1 month")
        let variation = try #require(
            Int64(
                try await Database.stack.value(
                    "insert into product_variations (product_id, title) values (\(product.id), 'Ten sites') returning id"
                ) ?? ""
            )
        )
        _ = try await Database.stack.rows(
            """
            update product_license_settings set settings = jsonb_set(settings, '{variations,\(variation)}',
              '{"variation_id":\(variation),"activation_limit":10,"validity":{"unit":"lifetime","value":1}}')
            where product_id = \(product.id)
            """
        )
        let original = Events.newID()
        _ = try await Events.post(
            Events.event(
                "order_paid",
                data: Events.orderData(
                    order: original,
                    email: Events.newEmail(),
                    items: [(product.id, product.variationId, 1, "product")]
                )
            )
        )
        let before = try #require(try await Events.licenses(ofOrder: original).first)
        let upgrade = Events.newID()
        let response = try await Events.post(
            Events.event(
                "order_upgraded",
                data:
                    #"{"order":{"id":\#(upgrade),"type":"upgrade","parent_id":\#(original),"items":[{"product_id":\#(product.id),"variation_id":\#(variation),"quantity":2}]}}"#
            )
        )
        #expect(response.status == 200 && response.licenseIDs == [before.id], "\(response)")
        let after = try #require(try await Events.licenses(ofOrder: upgrade).first)
        #expect(after.id == before.id && after.key == before.key)
        #expect(after.variationID == variation && after.limit == 20 && after.expiry == nil)
        #expect(
            try await Database.stack.value("select config->>'prev_order_ids' from licenses where id = \(after.id)")
                == "[\(original)]"
        )
        if Events.queuesWebhooks {
            #expect(try await Events.webhooks("license_renewed", license: after.id) == 1)
        }
    }

    /// A one-time order with one license of a new product.
    private func paidOrder() async throws -> (Int64, [LicenseRow]) {
        let product = try await Events.licensedProduct()
        let order = Events.newID()
        let response = try await Events.post(
            Events.event(
                "order_paid",
                data: Events.orderData(
                    order: order,
                    email: Events.newEmail(),
                    items: [(product.id, product.variationId, 1, "product")]
                )
            )
        )
        #expect(response.status == 200, "\(response)")
        return (order, try await Events.licenses(ofOrder: order))
    }
}
