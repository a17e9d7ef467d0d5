import Domain
import Foundation

/// `customer-profile/licenses…`: a customer's own licenses (fluentcart.md §9). Every lookup goes through the
/// caller's customer, so another customer's key answers exactly like a key that does not exist.
enum CustomerProfileRoutes {
    /// FluentCart's page size for the customer's list.
    static let defaultPerPage: Int64 = 10

    /// `GET customer-profile/licenses`: newest first, 10 a page, with the X-WP headers [O]. A user without a
    /// customer gets FluentCart's 200 with an empty list [FC].
    static func list(_ context: RESTContext) throws -> HTTPResponse {
        guard let customerID = context.caller.customerID else {
            return RESTResponse.json(
                .object([
                    "message": "Unable to find licenses",
                    "licenses": .object(["data": .array([]), "total": 0]),
                ]),
                headers: [("X-WP-Total", "0"), ("X-WP-TotalPages", "0")]
            )
        }
        let page = pageNumber(context.parameters)
        let perPage = perPage(context.parameters)
        let (licenses, total) = try context.database.run { connection in
            try CustomerLicenseStore(connection: connection).page(customerID: customerID, page: page, perPage: perPage)
        }
        let baseURL = context.configuration.publicBaseURL(for: context.request)
        let now = Date()
        let lastPage = max(1, (total + perPage - 1) / perPage)
        return RESTResponse.json(
            .object([
                "licenses": .object([
                    "data": .array(
                        licenses.map { $0.json(listed: true, baseURL: baseURL, expiry: context.expiry, now: now) }
                    ),
                    "total": .integer(total),
                    "per_page": .integer(perPage),
                    "current_page": .integer(page),
                    "last_page": .integer(lastPage),
                ])
            ]),
            headers: [("X-WP-Total", String(total)), ("X-WP-TotalPages", String(total == 0 ? 0 : lastPage))]
        )
    }

    /// `GET customer-profile/licenses/{license_key}`: the license and FluentCart's empty template slots.
    static func details(_ context: RESTContext) throws -> HTTPResponse {
        try refusing {
            let (customerID, key) = try scope(context)
            let license = try context.database.run { connection in
                try CustomerLicenseStore(connection: connection).find(key: key, customerID: customerID)
            }
            return RESTResponse.json(
                .object([
                    "license": json(license, context),
                    "section_parts": .object([
                        "before_summary": "", "after_summary": "", "end_of_details": "", "additional_actions": "",
                    ]),
                ])
            )
        }
    }

    /// `GET customer-profile/licenses/{license_key}/activations`: newest first.
    static func activations(_ context: RESTContext) throws -> HTTPResponse {
        try refusing {
            let (customerID, key) = try scope(context)
            let activations = try context.database.run { connection in
                let store = CustomerLicenseStore(connection: connection)
                return try store.activations(of: try store.find(key: key, customerID: customerID))
            }
            return RESTResponse.json(.object(["activations": .array(activations.map(\.json))]))
        }
    }

    /// `POST customer-profile/licenses/{license_key}/deactivate_site`: `site_url` (normalized [O]) or `site_id`
    /// [O, seed]; a usable `site_url` wins.
    static func deactivateSite(_ context: RESTContext) throws -> HTTPResponse {
        try refusing {
            let (customerID, key) = try scope(context)
            let site: CustomerLicenseStore.Site
            if let url = context.parameters.string("site_url").flatMap(SiteURL.init) {
                site = .url(url)
            } else if let id = context.parameters.integer("site_id"), id > 0 {
                site = .id(id)
            } else {
                // Nothing names a site: the license must still be the caller's, so that an unknown key is told apart
                // the same way on every route.
                _ = try context.database.run { connection in
                    try CustomerLicenseStore(connection: connection).find(key: key, customerID: customerID)
                }
                throw CustomerLicenseRefusal(.siteNotActivated)
            }
            try context.database.run(idempotent: false) { connection in
                try CustomerLicenseStore(connection: connection).deactivate(
                    key: key,
                    customerID: customerID,
                    site: site,
                    actor: context.caller.actor
                )
            }
            return RESTResponse.json(.object(["message": "Site deactivated successfully"]))
        }
    }

    /// `POST customer-profile/licenses/{license_key}/enable` [O]: the owner's switch on.
    static func enable(_ context: RESTContext) throws -> HTTPResponse {
        try setOwnerEnabled(true, context, message: "License has been enabled.")
    }

    /// `POST customer-profile/licenses/{license_key}/disable` [O]: the owner's switch off; FaxStore checks then
    /// answer NOT ACTIVE.
    static func disable(_ context: RESTContext) throws -> HTTPResponse {
        try setOwnerEnabled(false, context, message: "License has been disabled.")
    }

    private static func setOwnerEnabled(
        _ enabled: Bool,
        _ context: RESTContext,
        message: String
    ) throws
        -> HTTPResponse
    {
        try refusing {
            let (customerID, key) = try scope(context)
            let license = try context.database.run(idempotent: false) { connection in
                try CustomerLicenseStore(connection: connection).setOwnerEnabled(
                    enabled,
                    key: key,
                    customerID: customerID,
                    actor: context.caller.actor
                )
            }
            return RESTResponse.json(.object(["message": .string(message), "license": json(license, context)]))
        }
    }

    /// The caller's customer and the path's key; a user without a customer is refused first [FC].
    private static func scope(_ context: RESTContext) throws -> (customerID: Int64, key: String) {
        guard let customerID = context.caller.customerID else { throw CustomerLicenseRefusal(.customerNotFound) }
        return (customerID, context.parameters.string("license_key") ?? "")
    }

    /// The detail form of the license JSON (the stored status's label).
    private static func json(_ license: CustomerLicense, _ context: RESTContext) -> JSONValue {
        license.json(
            listed: false,
            baseURL: context.configuration.publicBaseURL(for: context.request),
            expiry: context.expiry
        )
    }

    /// `page` from 1; a bad value means 1, as in every list (§5.5). Capped so that offsets cannot overflow.
    static func pageNumber(_ parameters: RESTParameters) -> Int64 {
        guard let page = parameters.integer("page"), page >= 1 else { return 1 }
        return min(page, 1_000_000_000)
    }

    /// `per_page` when 0 < n < 200, else 10: the admin lists' rule (§6), applied here too [O].
    static func perPage(_ parameters: RESTParameters) -> Int64 {
        guard let perPage = parameters.integer("per_page"), perPage > 0, perPage < 200 else { return defaultPerPage }
        return perPage
    }

    /// This surface's one translation of refusals: each becomes 422 `{"message"}` with FluentCart's words.
    private static func refusing(_ body: () throws -> HTTPResponse) throws -> HTTPResponse {
        do {
            return try body()
        } catch let refusal as CustomerLicenseRefusal {
            switch refusal.code {
            case .customerNotFound: throw RESTError.refusal(422, "Customer not found")
            case .siteNotActivated: throw RESTError.refusal(422, "Site not found or not activated for this license")
            default: throw RESTError.refusal(422, "License not found")
            }
        }
    }
}
