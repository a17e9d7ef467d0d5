/// What a FaxStore check decided (faxstore.md §3); the API layer turns it into words.
public enum CheckOutcome: Sendable, Equatable {
    case authorised(productID: Int64)
    case productNotFound
    case keyNotFound
    case disabledByStaff
    case switchedOffByOwner
    case expired
    case ipMismatch(clientIP: String)

    /// The status text FaxStore clients compare; V1 says `OK` where V2 says `AUTHORISED`.
    public func status(for api: CheckAPI) -> String {
        switch self {
        case .authorised: return api == .v1 ? "OK" : "AUTHORISED"
        case .productNotFound, .keyNotFound: return "NOT FOUND"
        case .disabledByStaff: return "KEY DISABLED"
        case .switchedOffByOwner: return "NOT ACTIVE"
        case .expired: return "KEY EXPIRED"
        case .ipMismatch: return "NOT AUTHORISED"
        }
    }

    public var passes: Bool {
        if case .authorised = self { return true }
        return false
    }
}

/// Which FaxStore endpoint asked; recorded in the check log's `api` column.
public enum CheckAPI: String, Sendable {
    case check
    case multiple
    case v1
}
