import Domain

/// One route of the REST API: method, path template under `/wp-json/fluent-cart/v2/`, what the caller needs, and the
/// handler. The table is `RESTRoutes.all`; the OpenAPI document is checked against it.
struct RESTRoute: Sendable {
    /// What a caller must be allowed to do (fluentcart.md §5.2).
    enum Permission: Sendable, Equatable {
        case viewLicenses
        case manageLicenses
        case deleteLicenses
        case manageSettings
        /// Any authenticated user (the customer-profile routes).
        case authenticated

        func allows(_ role: UserRole) -> Bool {
            switch self {
            case .viewLicenses: return role.has(.viewLicenses)
            case .manageLicenses: return role.has(.manageLicenses)
            case .deleteLicenses: return role.has(.deleteLicenses)
            case .manageSettings: return role.has(.manageSettings)
            case .authenticated: return true
            }
        }
    }

    var method: String
    /// e.g. `licensing/licenses/{id}/regenerate-key`; `{id}` matches `[0-9]+`, `{license_key}` `[A-Za-z0-9_-]+`.
    var template: String
    var permission: Permission
    var handler: @Sendable (RESTContext) throws -> HTTPResponse

    /// The path parameters when `segments` (lower-cased literals compared, values kept as sent) match.
    func match(_ segments: [Substring]) -> [String: String]? {
        let parts = template.split(separator: "/")
        guard parts.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (part, segment) in zip(parts, segments) {
            switch part {
            case "{id}":
                guard !segment.isEmpty, segment.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
                parameters["id"] = String(segment)
            case "{license_key}":
                guard !segment.isEmpty, segment.utf8.count <= 192, LicenseKey.isKeyAlphabet(segment) else { return nil }
                parameters["license_key"] = String(segment)
            default:
                guard part.lowercased() == segment.lowercased() else { return nil }
            }
        }
        return parameters
    }
}
