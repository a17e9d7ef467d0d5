/// Where each counter lives in a thread's block of the shared metrics file: a fixed table, so that writers only
/// add to a slot and the `/metrics` reader sums slots without knowing who wrote them.
enum MetricsLayout {
    /// The route groups requests are counted by; the router picks one per request.
    enum RouteGroup: Int, CaseIterable, Sendable {
        case health, faxStore, publicProtocol, rest, events, metrics, other

        var label: String {
            switch self {
            case .health: return "health"
            case .faxStore: return "faxstore"
            case .publicProtocol: return "fluentcart_public"
            case .rest: return "rest"
            case .events: return "events"
            case .metrics: return "metrics"
            case .other: return "other"
            }
        }
    }

    /// Status codes counted one by one; any other lands in `other`.
    static let statuses = [200, 201, 302, 400, 401, 403, 404, 405, 409, 413, 422, 423, 429, 500, 503]
    /// Upper bounds of the latency histogram, in microseconds (1 ms … 5 s); `+Inf` is the count.
    static let bucketBounds: [UInt64] = [
        1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000,
    ]
    /// FaxStore decision words (faxstore.md §3) and the errors FaxStore clients see.
    static let faxStoreOutcomes = [
        "AUTHORISED", "OK", "NOT FOUND", "KEY DISABLED", "NOT ACTIVE", "KEY EXPIRED", "NOT AUTHORISED",
        "BAD REQUEST", "UNAVAILABLE",
    ]
    /// FluentCart public answers: the license `status` of a success, else the `error_type`.
    static let publicOutcomes = [
        "valid", "expired", "disabled", "inactive", "invalid", "invalid_license", "invalid_activation",
        "key_mismatch", "product_not_found", "license_not_enabled", "license_not_found", "license_expired",
        "license_not_active", "activation_limit_exceeded", "site_not_found", "validation_error", "server_error",
        "invalid_request",
    ]

    // Slot offsets: requests[group][status+other], histogram[group][bucket+inf], sum[group], checks, DB errors.
    static let statusColumns = statuses.count + 1
    static let bucketColumns = bucketBounds.count + 1
    static let requestsBase = 0
    static let bucketsBase = requestsBase + RouteGroup.allCases.count * statusColumns
    static let sumBase = bucketsBase + RouteGroup.allCases.count * bucketColumns
    static let faxStoreBase = sumBase + RouteGroup.allCases.count
    static let publicBase = faxStoreBase + faxStoreOutcomes.count + 1
    static let databaseErrors = publicBase + publicOutcomes.count + 1
    static let workerRestarts = databaseErrors + 1
    /// Counters per block (one block per worker thread, one for the supervisor).
    static let slotCount = workerRestarts + 1

    static func requestSlot(_ group: RouteGroup, status: Int) -> Int {
        let column = statuses.firstIndex(of: status) ?? statuses.count
        return requestsBase + group.rawValue * statusColumns + column
    }

    /// The first bucket whose bound holds `micros`; every bucket above it counts it too when rendered.
    static func bucketSlot(_ group: RouteGroup, micros: UInt64) -> Int {
        let column = bucketBounds.firstIndex { micros <= $0 } ?? bucketBounds.count
        return bucketsBase + group.rawValue * bucketColumns + column
    }

    static func sumSlot(_ group: RouteGroup) -> Int { sumBase + group.rawValue }

    static func faxStoreSlot(_ outcome: Substring) -> Int {
        faxStoreBase + (faxStoreOutcomes.firstIndex { $0 == outcome } ?? faxStoreOutcomes.count)
    }

    static func publicSlot(_ outcome: Substring) -> Int {
        publicBase + (publicOutcomes.firstIndex { $0 == outcome } ?? publicOutcomes.count)
    }
}
