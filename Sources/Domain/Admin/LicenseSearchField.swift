/// A license column that the admin list's search, filters and sorting may name (fluentcart.md §6): FluentCart's
/// sortable columns, plus `key` for the license key. This is the allow-list: the SQL text of a column comes from
/// here and never from the client.
public enum LicenseSearchField: String, CaseIterable, Sendable {
    case id
    case status
    case limit
    case activationCount = "activation_count"
    case licenseKey = "license_key"
    case productID = "product_id"
    case variationID = "variation_id"
    case orderID = "order_id"
    case customerID = "customer_id"
    case expirationDate = "expiration_date"
    case createdAt = "created_at"
    case updatedAt = "updated_at"

    /// How values of a field are read and compared.
    public enum Kind: Sendable {
        /// Whole numbers.
        case integer
        /// Text, compared ignoring case, as FluentCart's MySQL collation compares it.
        case text
        /// Timestamps, in UTC.
        case time
    }

    /// Looks a name up ignoring case and surrounding spaces. `key` is the license key, as in FluentCart's search;
    /// `activation_limit` (our column's name) is `limit`.
    public init?(name: String) {
        let name = name.trimmingWhitespace.lowercased()
        switch name {
        case "key": self = .licenseKey
        case "activation_limit": self = .limit
        default:
            guard let field = Self(rawValue: name) else { return nil }
            self = field
        }
    }

    public var kind: Kind {
        switch self {
        case .status, .licenseKey: return .text
        case .expirationDate, .createdAt, .updatedAt: return .time
        default: return .integer
        }
    }

    /// The column over the license alias `l`.
    var column: String {
        switch self {
        case .limit: return "l.activation_limit"
        default: return "l." + rawValue
        }
    }

    /// Nullable references that the admin JSON shows as `0` when unset, so that `order_id = 0` finds licenses
    /// without an order.
    var isZeroWhenNull: Bool {
        self == .orderID || self == .customerID || self == .variationID
    }
}
