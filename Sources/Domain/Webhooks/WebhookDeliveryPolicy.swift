import Foundation

/// When a failed webhook is tried again (fluentcart.md §11): exponential backoff from `base` (1 min), doubling,
/// capped at `cap` (1 h), for `window` (24 h) after the row was queued; after that it is marked `failed`.
public struct WebhookDeliveryPolicy: Sendable, Equatable {
    public enum Decision: Sendable, Equatable {
        case retry(at: Date)
        case fail
    }

    public var base: TimeInterval
    public var cap: TimeInterval
    public var window: TimeInterval

    public init(base: TimeInterval = 60, cap: TimeInterval = 3600, window: TimeInterval = 86_400) {
        self.base = max(base, 0)
        self.cap = max(cap, self.base)
        self.window = window
    }

    /// The delay after the `attempts`-th failed attempt (1-based): base, 2·base, 4·base, … up to `cap`.
    public func delay(afterAttempt attempts: Int) -> TimeInterval {
        let exponent = min(max(attempts - 1, 0), 30)
        return min(base * pow(2, Double(exponent)), cap)
    }

    /// What to do after the `attempts`-th failure of a webhook queued at `createdAt`.
    public func decision(afterAttempt attempts: Int, createdAt: Date, now: Date) -> Decision {
        let next = now.addingTimeInterval(delay(afterAttempt: attempts))
        return next.timeIntervalSince(createdAt) > window ? .fail : .retry(at: next)
    }
}
