import Domain

/// `licensing/licenses/{id}` and its actions (fluentcart.md §6). Each handler reads its parameters into a Domain
/// value, calls `AdminLicenseStore`, and writes FluentCart's answer; the rules live in the Domain types.
enum AdminLicenseRoutes {
    static func details(_ context: RESTContext) throws -> HTTPResponse {
        let details = try store(context).details(id: context.id, secret: context.configuration.downloadSecret)
        guard let details else { throw RESTError.body(status: 404, entityNotFound) }
        return RESTResponse.json(details.json(baseURL: context.configuration.publicBaseURL(for: context.request)))
    }

    static func regenerateKey(_ context: RESTContext) throws -> HTTPResponse {
        try translating(context) {
            let license = try store(context).regenerateKey(id: context.id, actor: context.caller.actor)
            return answer(license, "License key regenerated successfully!")
        }
    }

    static func extendValidity(_ context: RESTContext) throws -> HTTPResponse {
        try translating(context) {
            let parameters = context.parameters
            guard
                let change = ValidityChange(
                    expirationDate: parameters.value("expiration_date"),
                    days: parameters.value("days")
                )
            else { try refuse(context, .invalidExpirationDate) }
            let (license, outcome) = try store(context).extendValidity(
                id: context.id,
                change,
                actor: context.caller.actor
            )
            return answer(license, message(for: outcome))
        }
    }

    static func updateStatus(_ context: RESTContext) throws -> HTTPResponse {
        try translating(context) {
            guard let status = StaffStatus(json: context.parameters.value("status")) else {
                try refuse(context, .refusal(423, "Invalid status!"))
            }
            let license = try store(context).updateStatus(id: context.id, status, actor: context.caller.actor)
            return answer(license, "License status has been updated successfully!")
        }
    }

    static func updateLimit(_ context: RESTContext) throws -> HTTPResponse {
        try translating(context) {
            guard let limit = LimitChange(json: context.parameters.value("limit")) else {
                try refuse(context, .refusal(423, "Invalid limit!"))
            }
            let license = try store(context).updateLimit(id: context.id, limit, actor: context.caller.actor)
            return answer(license, "License limit has been updated successfully!")
        }
    }

    static func deactivateSite(_ context: RESTContext) throws -> HTTPResponse {
        try translating(context) {
            let parameters = context.parameters
            let reference: AdminLicenseStore.ActivationReference =
                if parameters.contains("activation_id") {
                    parameters.integer("activation_id").map { .activation($0) } ?? .none
                } else {
                    parameters.integer("site_id").map { .site($0) } ?? .none
                }
            _ = try store(context).deactivateSite(id: context.id, reference, actor: context.caller.actor)
            return RESTResponse.json(.object(["message": "Site has been deactivated successfully!"]))
        }
    }

    static func activateSite(_ context: RESTContext) throws -> HTTPResponse {
        try translating(context) {
            let raw = context.parameters.string("url") ?? context.parameters.string("site_url") ?? ""
            let result = try store(context).activateSite(
                id: context.id,
                site: SiteURL(raw),
                actor: context.caller.actor
            )
            return RESTResponse.json(SiteActivationAnswer.body(result))
        }
    }

    static func delete(_ context: RESTContext) throws -> HTTPResponse {
        try translating(context) {
            try store(context).delete(id: context.id, actor: context.caller.actor)
            return RESTResponse.json(.object(["message": "License deleted successfully!"]))
        }
    }

    static func updateIP(_ context: RESTContext) throws -> HTTPResponse {
        try translating(context) {
            let update: IPUpdate
            do throws(IPUpdate.Invalid) {
                update = try IPUpdate(ip: context.parameters.value("ip"), ipLock: context.parameters.value("ip_lock"))
            } catch {
                switch error {
                case .address:
                    try refuse(context, .refusal(422, "Invalid IP address!"))
                case .lock:
                    try refuse(
                        context,
                        .validation(["ip_lock": .object(["boolean": "The ip_lock field must be true or false."])])
                    )
                }
            }
            let license = try store(context).updateIP(id: context.id, update, actor: context.caller.actor)
            return answer(license, "License IP has been updated successfully!")
        }
    }

    static func checks(_ context: RESTContext) throws -> HTTPResponse {
        try translating(context) {
            let parameters = context.parameters
            let query = LicenseCheckQuery(
                page: parameters.value("page"),
                perPage: parameters.value("per_page"),
                result: parameters.value("result")
            )
            let (rows, total) = try store(context).checks(id: context.id, query)
            return RESTResponse.page(
                "checks",
                Paginator(
                    items: rows.map(\.json),
                    total: total,
                    page: query.page,
                    perPage: query.perPage,
                    path: context.restBase + "/licensing/licenses/\(idText(context))/checks"
                )
            )
        }
    }

    // MARK: - Translation

    private static func store(_ context: RESTContext) -> AdminLicenseStore {
        AdminLicenseStore(database: context.database, expiry: context.expiry, webhooks: context.configuration.webhooks)
    }

    /// `{"license": …, "message": …}`, the answer of every license update.
    private static func answer(_ license: AdminLicense, _ message: String) -> HTTPResponse {
        RESTResponse.json(.object(["license": license.json(), "message": .string(message)]))
    }

    private static func message(for outcome: ValidityOutcome) -> String {
        switch outcome {
        case .markedLifetime: "Marked license as lifetime!"
        case .reduced: "License validity reduced!"
        case .extended: "License validity extended!"
        }
    }

    /// Refuses bad input, but only for a license that exists: an unknown id answers 404 first, as FluentCart's
    /// `findOrFail` does before it reads the body.
    private static func refuse(_ context: RESTContext, _ error: RESTError) throws -> Never {
        guard try store(context).exists(id: context.id) else {
            throw AdminLicenseError(.licenseNotFound, licenseID: context.id)
        }
        throw error
    }

    private static func refuse(_ context: RESTContext, _ code: AdminLicenseError.Code) throws -> Never {
        try refuse(context, response(for: AdminLicenseError(code, licenseID: context.id), context))
    }

    /// Runs a handler and turns the store's refusals into FluentCart's bodies (fluentcart.md §5.4, §6).
    private static func translating(
        _ context: RESTContext,
        _ body: () throws -> HTTPResponse
    ) throws -> HTTPResponse {
        do {
            return try body()
        } catch let error as AdminLicenseError {
            throw response(for: error, context)
        }
    }

    private static func response(for error: AdminLicenseError, _ context: RESTContext) -> RESTError {
        switch error.code {
        case .licenseNotFound:
            return .refusal(
                404,
                #"No query results for model [FluentCartPro\App\Modules\Licensing\Models\License] "#
                    + idText(context)
            )
        case .activationNotFound:
            return .refusal(status: 422, message: .object(["error": "Activation not found"]))
        case .activationMismatched:
            return .refusal(status: 422, message: .object(["error": "Activation mismatched"]))
        case .invalidExpirationDate:
            return .refusal(423, "Invalid expiration date!")
        default:
            return .internalError
        }
    }

    /// The id as it was in the path (digits, possibly beyond Int64), for the 404 message.
    private static func idText(_ context: RESTContext) -> String {
        context.parameters.string("id") ?? String(context.id)
    }

    /// `GET licenses/{id}` answers a missing license with FluentCart's entity-not-found body.
    static let entityNotFound: JSONValue = .object([
        "data": .object([
            "message": "License not found", "buttonText": "Back to License List", "route": "/licenses",
        ]),
        "code": "fluent_cart_entity_not_found",
    ])
}
