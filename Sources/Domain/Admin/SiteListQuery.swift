/// What `GET licensing/sites` asks for (fluentcart.md §7), read into typed, allow-listed values.
public struct SiteListQuery: Equatable, Sendable {
    /// The columns a site list sorts by; nothing else reaches SQL.
    public enum SortField: String, CaseIterable, Sendable {
        case id
        case siteURL = "site_url"
        case createdAt = "created_at"
        case updatedAt = "updated_at"

        /// The sort expression over the site alias `s`; URLs sort ignoring case, as they compare.
        var expression: String {
            switch self {
            case .id: return "s.id"
            case .siteURL: return "lower(s.site_url)"
            case .createdAt: return "s.created_at"
            case .updatedAt: return "s.updated_at"
            }
        }
    }

    /// 1-based; a bad value means 1.
    public var page: Int64 = 1
    /// Clamped to 1…100; 15 when absent or unreadable.
    public var perPage: Int64 = 15
    /// Text looked for inside the site URL, ignoring case; nil for none.
    public var search: String?
    public var sortBy: SortField = .id
    public var ascending = false

    public static let defaultPerPage: Int64 = 15
    public static let maximumPerPage: Int64 = 100

    public init() {}

    /// Reads the parameters through `parameter`. What cannot be read takes its default, as FluentCart; only a search
    /// longer than `LicenseSearch.maximumLength` is refused.
    public init(parameter: (String) -> JSONValue?) throws(DomainError) {
        page = LicenseListQuery.page(parameter("page"))
        perPage = Self.perPage(parameter("per_page"))
        let text = LicenseListQuery.text(parameter("search"))?.trimmingWhitespace.withoutNUL ?? ""
        guard text.unicodeScalars.count <= LicenseSearch.maximumLength else {
            throw DomainError(
                .invalidInput,
                "The search is too long (\(LicenseSearch.maximumLength) characters at most)."
            )
        }
        search = text.isEmpty ? nil : text
        if let name = LicenseListQuery.text(parameter("sort_by")) {
            sortBy = SortField(rawValue: name.trimmingWhitespace.lowercased()) ?? .id
        }
        ascending = LicenseListQuery.text(parameter("sort_type"))?.trimmingWhitespace.lowercased() == "asc"
    }

    /// `per_page` clamped to 1…100; 15 when absent or not a number.
    public static func perPage(_ value: JSONValue?) -> Int64 {
        guard let number = LicenseListQuery.number(value) else { return defaultPerPage }
        return min(max(number, 1), maximumPerPage)
    }

    /// The rows before this page; nil when the page lies beyond anything a table can hold.
    public var offset: Int64? {
        let (product, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        return overflow ? nil : product
    }

    /// `ORDER BY` text, with the id breaking ties so that pages are stable.
    var orderBy: String {
        let direction = ascending ? "ASC" : "DESC"
        return sortBy == .id ? "s.id \(direction)" : "\(sortBy.expression) \(direction), s.id \(direction)"
    }
}
