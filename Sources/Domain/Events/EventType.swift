/// The store events we act on (fluentcart.md §11, issue 7).
public enum EventType: String, Sendable, CaseIterable {
    case orderPaid = "order_paid"
    case orderPaymentFailed = "order_payment_failed"
    case orderFullyRefunded = "order_fully_refunded"
    case orderUpgraded = "order_upgraded"
    case subscriptionRenewed = "subscription_renewed"
    case subscriptionUpdated = "subscription_updated"
    case subscriptionCancelled = "subscription_cancelled"
    case subscriptionExpired = "subscription_expired"
    case subscriptionCompleted = "subscription_completed"
}
