/// The comparison of a `key <op> value` search or of an advanced filter item (fluentcart.md §6).
public enum LicenseSearchOperator: String, CaseIterable, Sendable {
    case equal = "="
    case notEqual = "!="
    case greater = ">"
    case less = "<"
    case greaterOrEqual = ">="
    case lessOrEqual = "<="
    /// A range `a-b`, both ends included, as Laravel's `whereBetween`.
    case range = "::"
    /// One of a list; advanced filters only.
    case oneOf = "in"

    /// The operators the search syntax recognises, two-character ones first so that `>=` is never read as `>`
    /// followed by a value starting with `=` (which FluentCart's regular expression does).
    static let searchSymbols: [LicenseSearchOperator] = [
        .range, .notEqual, .greaterOrEqual, .lessOrEqual, .equal, .greater, .less,
    ]

    /// An advanced filter's operator, ignoring case and spaces.
    public init?(symbol: String) {
        self.init(rawValue: symbol.trimmingWhitespace.lowercased())
    }
}
