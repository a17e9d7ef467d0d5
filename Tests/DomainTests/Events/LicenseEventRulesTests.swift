import Domain
import Testing

@Suite("License event rules")
struct LicenseEventRulesTests {
    @Test("multiplies the activation limit by the quantity; unlimited stays unlimited")
    func limits() {
        #expect(LicenseEventRules.limit(activationLimit: 3, quantity: 2) == 6)
        #expect(LicenseEventRules.limit(activationLimit: nil, quantity: 5) == 0)
        #expect(LicenseEventRules.limit(activationLimit: 0, quantity: 5) == 0)
        #expect(LicenseEventRules.limit(activationLimit: Int64.max, quantity: 2) == Int64.max)
    }

    @Test("issues licenses only for enabled, configured lines that are not sign-up fees")
    func issuing() {
        #expect(LicenseEventRules.issuesLicense(licensingEnabled: true, variationConfigured: true, itemType: "product"))
        #expect(
            !LicenseEventRules.issuesLicense(licensingEnabled: false, variationConfigured: true, itemType: "product")
        )
        #expect(
            !LicenseEventRules.issuesLicense(licensingEnabled: true, variationConfigured: false, itemType: "product")
        )
        #expect(
            !LicenseEventRules.issuesLicense(licensingEnabled: true, variationConfigured: true, itemType: "signup_fee")
        )
    }

    @Test("a renewal re-enables expired and payment-failed licenses, never staff or refund locks")
    func renewal() {
        #expect(LicenseEventRules.statusAfterRenewal(.expired, reason: nil) == .active)
        #expect(LicenseEventRules.statusAfterRenewal(.disabled, reason: "Payment Failed") == .active)
        #expect(LicenseEventRules.statusAfterRenewal(.disabled, reason: "Refunded") == .disabled)
        #expect(LicenseEventRules.statusAfterRenewal(.disabled, reason: "Disabled by staff") == .disabled)
        #expect(LicenseEventRules.statusAfterRenewal(.disabled, reason: nil) == .disabled)
        #expect(LicenseEventRules.statusAfterRenewal(.inactive, reason: nil) == .inactive)
        #expect(LicenseEventRules.statusAfterRenewal(.active, reason: nil) == .active)
    }

    @Test("a refund overrides a failed payment but keeps a staff lock")
    func refund() {
        #expect(LicenseEventRules.refundDisables(.active, reason: nil))
        #expect(LicenseEventRules.refundDisables(.expired, reason: nil))
        #expect(LicenseEventRules.refundDisables(.disabled, reason: "Payment Failed"))
        #expect(!LicenseEventRules.refundDisables(.disabled, reason: "Disabled by staff"))
    }

    @Test("a failed payment and a subscription expiry leave disabled licenses alone")
    func others() {
        #expect(LicenseEventRules.paymentFailureDisables(.inactive))
        #expect(!LicenseEventRules.paymentFailureDisables(.disabled))
        #expect(LicenseEventRules.subscriptionExpiryExpires(.active))
        #expect(!LicenseEventRules.subscriptionExpiryExpires(.expired))
        #expect(!LicenseEventRules.subscriptionExpiryExpires(.disabled))
    }
}
