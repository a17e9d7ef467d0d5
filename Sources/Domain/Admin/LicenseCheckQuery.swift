/// The query of `GET licensing/licenses/{id}/checks` [O]: a page of the license's check log, newest first.
public struct LicenseCheckQuery: Sendable, Equatable {
    /// 1-based; anything unusable means 1.
    public var page: Int64
    /// Rows per page: the lists' rule, a value with 0 < n < 200, else 10 [FC].
    public var perPage: Int64
    /// Only rows with this result (a FaxStore status such as `AUTHORISED`, or a FluentCart outcome), compared
    /// ignoring case; nil for every row.
    public var result: String?

    public static let defaultPerPage: Int64 = 10

    public init(page: JSONValue?, perPage: JSONValue?, result: JSONValue?) {
        self.page = Self.number(page).flatMap { $0 >= 1 ? $0 : nil } ?? 1
        self.perPage = Self.number(perPage).flatMap { $0 > 0 && $0 < 200 ? $0 : nil } ?? Self.defaultPerPage
        if case .string(let text)? = result, !text.trimmingWhitespace.isEmpty {
            self.result = text.trimmingWhitespace.withoutNUL
        }
    }

    /// Rows skipped before this page, saturating instead of overflowing for absurd page numbers.
    public var offset: Int64 {
        let (product, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        return overflow ? Int64.max : product
    }

    private static func number(_ value: JSONValue?) -> Int64? {
        switch value {
        case .integer(let number)?: return number
        case .string(let text)?: return Int64(text.trimmingWhitespace)
        default: return nil
        }
    }
}
