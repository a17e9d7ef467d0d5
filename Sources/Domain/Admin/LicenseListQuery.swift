/// What an admin license list asks for (fluentcart.md §6 `GET licenses` and `licenses/customer/{id}`), read from the
/// request's parameters into typed, allow-listed values. Pure: the SQL is built from it by `LicenseListSQL`.
public struct LicenseListQuery: Equatable, Sendable {
    /// FluentCart's `active_view` tabs.
    public enum View: String, CaseIterable, Sendable {
        /// Status `active` and an expiry in the future, or none.
        case active
        /// An expiry in the past, whatever the status.
        case expired
        case disabled
        case inactive
    }

    /// 1-based; a bad value means 1.
    public var page: Int64 = 1
    /// Used when 0 < n < 200, else 10, as FluentCart.
    public var perPage: Int64 = 10
    public var search: LicenseSearch = .none
    /// From the allow-list; `id` when absent or unknown.
    public var sortBy: LicenseSearchField = .id
    /// `sort_type=asc`; descending otherwise, as FluentCart.
    public var ascending = false
    public var view: View?
    /// `filter_type=advanced`: the ORed groups of ANDed conditions. FluentCart then ignores `search` and
    /// `active_view`, and so do we. nil in simple mode.
    public var advancedGroups: [[LicenseSearchCondition]]?
    /// `include_ids`: only these licenses [O: FluentCart ignores it]. nil when not sent.
    public var includeIDs: [Int64]?
    /// The customer of `licenses/customer/{id}`.
    public var customerID: Int64?

    public static let defaultPerPage: Int64 = 10

    public init() {}

    /// Reads the list parameters through `parameter` (the REST layer's precedence: path, JSON body, form, query).
    /// `with[]`, `select`, `scopes`, `limit`, `offset` and `user_tz` are never asked for: accepted and ignored, as
    /// FluentCart. Throws `.invalidInput` for a search, filter or id list that cannot be read.
    public init(parameter: (String) -> JSONValue?) throws(DomainError) {
        page = Self.page(parameter("page"))
        perPage = Self.perPage(parameter("per_page"))
        if let name = Self.text(parameter("sort_by")), let field = LicenseSearchField(name: name) { sortBy = field }
        ascending = Self.text(parameter("sort_type"))?.trimmingWhitespace.lowercased() == "asc"
        if Self.text(parameter("filter_type"))?.trimmingWhitespace.lowercased() == "advanced" {
            advancedGroups = try LicenseSearch.advancedGroups(parameter("advanced_filters"))
        } else {
            search = try LicenseSearch.parse(Self.searchText(parameter("search")))
            view = Self.text(parameter("active_view")).flatMap { View(rawValue: $0.trimmingWhitespace.lowercased()) }
        }
        includeIDs = try Self.ids(parameter("include_ids"))
    }

    /// The rows before this page; nil when the page lies beyond anything a table can hold.
    public var offset: Int64? {
        let (product, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        return overflow ? nil : product
    }

    /// Laravel's page: a whole number ≥ 1 (decimals truncated, as PHP's `(int)`), anything else 1.
    public static func page(_ value: JSONValue?) -> Int64 {
        guard let number = number(value), number >= 1 else { return 1 }
        return number
    }

    /// FluentCart's `per_page`: used when 0 < n < 200, else 10.
    public static func perPage(_ value: JSONValue?) -> Int64 {
        guard let number = number(value), number > 0, number < 200 else { return defaultPerPage }
        return number
    }

    /// A JSON number or numeric text, decimals truncated; nil for anything else or beyond Int64.
    public static func number(_ value: JSONValue?) -> Int64? {
        let text: String
        switch value {
        case .integer(let number)?: return number
        case .number(let literal)?: text = literal
        case .string(let string)?: text = string.trimmingWhitespace
        default: return nil
        }
        if let number = Int64(text) { return number }
        guard let decimal = Double(text), decimal.isFinite, decimal.magnitude < 9.2e18,
            text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) })
        else { return nil }
        return Int64(decimal.rounded(.towardZero))
    }

    /// Text or a number's literal; nil for anything else (an array from `name[]=`, an object, null).
    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: return text
        case .integer(let number)?: return String(number)
        case .number(let literal)?: return literal
        default: return nil
        }
    }

    /// The search as text; a list (`search[]=`) joined with spaces, as FluentCart implodes it.
    static func searchText(_ value: JSONValue?) -> String {
        if case .array(let items)? = value { return items.compactMap { text($0) }.joined(separator: " ") }
        return text(value) ?? ""
    }

    /// `include_ids`: a comma list, or an array (`include_ids[]=` or JSON), of license ids; blanks are skipped.
    static func ids(_ value: JSONValue?) throws(DomainError) -> [Int64]? {
        let items: [JSONValue]
        switch value {
        case nil, .null?: return nil
        case .array(let elements)?: items = elements
        case let scalar?: items = [scalar]
        }
        var ids: [Int64] = []
        for item in items {
            guard let text = text(item) else {
                throw DomainError(.invalidInput, "include_ids must be a comma-separated list of license ids.")
            }
            for part in text.split(separator: ",") {
                let part = String(part).trimmingWhitespace
                if part.isEmpty { continue }
                guard let id = Int64(part) else {
                    throw DomainError(.invalidInput, "include_ids must be a comma-separated list of license ids.")
                }
                ids.append(id)
            }
        }
        return ids.isEmpty ? nil : ids
    }
}
