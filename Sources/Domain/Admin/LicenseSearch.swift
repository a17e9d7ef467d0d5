/// The admin list's `search` parameter (fluentcart.md §6): plain text to look for, or `key <op> value`.
public enum LicenseSearch: Equatable, Sendable {
    case none
    /// A case-insensitive "contains" over the key, the order id, the customer's name or email, and the URLs of
    /// the license's sites. Wildcards in it are literal characters.
    case text(String)
    /// `<field> <op> <value>` with a known field.
    case condition(LicenseSearchCondition)

    /// Longest search we accept; a longer one is refused, not truncated, so that it never matches by accident.
    public static let maximumLength = 500

    /// Reads the search as FluentCart does, with two fixes: an operator is the longest one at the first place any
    /// operator occurs (FluentCart reads `>=` as `>`), and the value is everything after it. Text before the
    /// operator that is not a known field makes the whole search plain text, so `' OR 1=1 --` is only text to
    /// look for. A known field with an unusable value is refused with a message naming the field.
    public static func parse(_ raw: String) throws(DomainError) -> LicenseSearch {
        let search = raw.trimmingWhitespace.withoutNUL
        guard !search.isEmpty else { return .none }
        guard search.unicodeScalars.count <= maximumLength else {
            throw DomainError(.invalidInput, "The search is too long (\(maximumLength) characters at most).")
        }
        guard let (op, range) = firstOperator(in: search),
            let field = LicenseSearchField(name: String(search[..<range.lowerBound]))
        else { return .text(search) }
        let value = String(search[range.upperBound...])
        return .condition(try LicenseSearchCondition(field: field, op: op, text: value))
    }

    /// The first operator in `text`, the longest one where several start at the same place.
    static func firstOperator(in text: String) -> (LicenseSearchOperator, Range<String.Index>)? {
        var index = text.startIndex
        while index < text.endIndex {
            let rest = text[index...]
            for op in LicenseSearchOperator.searchSymbols where rest.hasPrefix(op.rawValue) {
                return (op, index..<text.index(index, offsetBy: op.rawValue.count))
            }
            index = text.index(after: index)
        }
        return nil
    }
}
