/// The webhooks we send (fluentcart.md §11, issue 7).
public enum WebhookType: String, Sendable, CaseIterable {
    case licenseIssued = "license_issued"
    case licenseRenewed = "license_renewed"
    case licenseExpired = "license_expired"
    case licenseDisabled = "license_disabled"
    case activationCreated = "activation_created"
    case activationLimitReached = "activation_limit_reached"
}
