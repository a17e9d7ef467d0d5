import Domain

/// `settings/license`: this installation's own license registration (fluentcart.md §10). Only administrators reach
/// these handlers (`manage_fluent_cart_settings`; the router answers 401/403 to anyone else). Refusals use the
/// seed's envelope `{"message","errors":[{"code","message"}]}` with the HTTP status equal to `code`.
enum LicenseRegistrationRoutes {
    /// `GET`: FluentCart's option keys plus `license`, or the unregistered form.
    static func show(_ context: RESTContext) throws -> HTTPResponse {
        let registration = try context.database.run { connection in
            try LicenseRegistrationStore(connection: connection, expiry: context.expiry).current()
        }
        return RESTResponse.json(registration?.json(expiry: context.expiry) ?? LicenseRegistration.unregisteredJSON)
    }

    /// `POST {license_key, domain?}`: activates the key on `domain` (default: the host of `PUBLIC_BASE_URL`, else of
    /// the request) and records it.
    static func register(_ context: RESTContext) throws -> HTTPResponse {
        let domain =
            site(context) ?? defaultDomain(baseURL: context.configuration.publicBaseURL(for: context.request))
        let registration = try refusing {
            try context.database.run(idempotent: false) { connection in
                try LicenseRegistrationStore(connection: connection, expiry: context.expiry).register(
                    key: key(context),
                    domain: domain,
                    actor: context.caller.actor
                )
            }
        }
        return RESTResponse.json(
            .object(["message": "License activated successfully", "license": registration.licenseJSON])
        )
    }

    /// `DELETE {license_key?, domain?}` (defaults: the registered values): deactivates that activation and clears
    /// the record.
    static func unregister(_ context: RESTContext) throws -> HTTPResponse {
        let registration = try refusing {
            try context.database.run(idempotent: false) { connection in
                try LicenseRegistrationStore(connection: connection, expiry: context.expiry).unregister(
                    key: key(context),
                    domain: site(context),
                    actor: context.caller.actor
                )
            }
        }
        return RESTResponse.json(
            .object(["message": "License deactivated successfully", "license": registration.licenseJSON])
        )
    }

    /// `license_key`, trimmed; nil when missing or empty.
    private static func key(_ context: RESTContext) -> String? {
        guard let key = context.parameters.string("license_key")?.trimmingWhitespace, !key.isEmpty else { return nil }
        return key
    }

    /// `domain`, normalized as a site URL (§3.2); nil when missing or unusable, which means the default.
    private static func site(_ context: RESTContext) -> SiteURL? {
        context.parameters.string("domain").flatMap(SiteURL.init)
    }

    /// The host of `baseURL` (`PUBLIC_BASE_URL`, else the request's scheme and `Host`), without scheme and port.
    static func defaultDomain(baseURL: String) -> SiteURL {
        SiteURL(baseURL).flatMap { SiteURL($0.host) } ?? SiteURL("localhost")!
    }

    /// This surface's one translation of refusals into the seed's envelope.
    private static func refusing<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let refusal as LicenseRegistrationRefusal {
            let (status, message): (Int, String)
            switch refusal.code {
            case .invalidKey: (status, message) = (400, "Invalid license key")
            case .licenseExpired:
                (status, message) = (403, "The license key is expired. Please renew or purchase a new license")
            case .licenseNotActive: (status, message) = (403, "The license is not Active. Please contact the support.")
            case .domainLimitReached: (status, message) = (403, "License domain limit reached")
            case .alreadyRegistered: (status, message) = (409, "License already active")
            case .domainNotFound: (status, message) = (404, "Domain not found for this license")
            default: (status, message) = (404, "License not found")
            }
            throw RESTError.body(
                status: status,
                .object([
                    "message": .string(message),
                    "errors": .array([.object(["code": .integer(Int64(status)), "message": .string(message)])]),
                ])
            )
        }
    }
}
