/// The `limit` of `update_limit` (fluentcart.md §6): `"unlimited"` or 0 (both stored as 0, FluentCart's unlimited),
/// or any whole number of sites ≥ 0. FluentCart stores whatever it is sent; we refuse the rest with 423 [O].
public struct LimitChange: Sendable, Equatable {
    /// Sites allowed; 0 = unlimited.
    public var limit: Int64

    public init?(json: JSONValue?) {
        switch json {
        case .integer(let number)? where number >= 0:
            limit = number
        case .string(let text)?:
            let trimmed = text.trimmingWhitespace
            if trimmed.lowercased() == "unlimited" {
                limit = 0
            } else if let number = Int64(trimmed), number >= 0 {
                limit = number
            } else {
                return nil
            }
        default:
            return nil
        }
    }
}
