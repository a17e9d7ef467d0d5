/// The pure rules events apply to licenses (fluentcart.md §11), kept apart from SQL so that tests state them.
public enum LicenseEventRules {
    /// `config.reason` values events write and read.
    public static let paymentFailed = "Payment Failed"
    public static let refunded = "Refunded"

    /// A license's limit from its variation's `activation_limit` (nil is FluentCart's `""`) and the quantity bought:
    /// unlimited (0) stays unlimited.
    public static func limit(activationLimit: Int64?, quantity: Int64) -> Int64 {
        let perUnit = max(activationLimit ?? 0, 0)
        let (product, overflow) = perUnit.multipliedReportingOverflow(by: max(quantity, 1))
        return overflow ? Int64.max : product
    }

    /// Whether an order line gets a license: licensing on, the variation configured, and not a sign-up fee.
    public static func issuesLicense(licensingEnabled: Bool, variationConfigured: Bool, itemType: String) -> Bool {
        licensingEnabled && variationConfigured && itemType != "signup_fee"
    }

    /// The status after a renewal or completion: expired licenses and those disabled for a failed payment come back
    /// as `active`; staff and refund locks hold [O: FluentCart re-enables any disabled license]; `inactive` and
    /// `active` stay as they are.
    public static func statusAfterRenewal(_ status: LicenseStatus, reason: String?) -> LicenseStatus {
        switch status {
        case .expired: return .active
        case .disabled: return reason == paymentFailed ? .active : .disabled
        case .active, .inactive: return status
        }
    }

    /// Whether a failed payment disables the license: any license not already disabled.
    public static func paymentFailureDisables(_ status: LicenseStatus) -> Bool {
        status != .disabled
    }

    /// Whether a refund disables the license (or re-labels it): anything but a staff lock, which keeps its reason.
    public static func refundDisables(_ status: LicenseStatus, reason: String?) -> Bool {
        status != .disabled || reason == paymentFailed
    }

    /// Whether a subscription's expiry expires the license: not when it is already expired or disabled.
    public static func subscriptionExpiryExpires(_ status: LicenseStatus) -> Bool {
        status == .active || status == .inactive
    }
}
