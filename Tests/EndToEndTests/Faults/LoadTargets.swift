import Foundation

/// What the steady load asks for: a logged FaxStore check and a FluentCart `check_license` by key and site, each of
/// a license that is valid, so that every correct answer is known in advance.
struct LoadTargets: Sendable {
    var faxStoreProduct: Product
    var faxStoreLicense: License
    var fluentCartProduct: Product
    var fluentCartLicense: License
    var site: String

    /// Makes the licenses with the CLI and activates the FluentCart one on a site through `activationClient`.
    static func make(activationClient: HTTPSClient = .main) async throws -> LoadTargets {
        let cli = CLI.stack
        let (faxStoreProduct, faxStoreLicense) = try await cli.licensedProduct()
        let (fluentCartProduct, fluentCartLicense) = try await cli.fluentCartLicense(limit: 3)
        let site = uniqueSite()
        let activation = try await activationClient.fluentCart(
            "activate_license",
            ["license_key": fluentCartLicense.licenseKey, "item_id": "\(fluentCartProduct.id)", "site_url": site]
        )
        guard activation.status == 200, activation.string("status") == "valid" else {
            throw SubprocessError(description: "activation for the load failed: \(activation)")
        }
        return LoadTargets(
            faxStoreProduct: faxStoreProduct,
            faxStoreLicense: faxStoreLicense,
            fluentCartProduct: fluentCartProduct,
            fluentCartLicense: fluentCartLicense,
            site: site
        )
    }
}

/// The API a load request addressed, which decides what its answers must look like.
enum LoadAPI: String, Sendable {
    case faxStore
    case fluentCart
}

/// How one answer of the load turned out.
enum LoadVerdict: Sendable, Equatable {
    /// The answer a healthy server gives.
    case correct
    /// 503 JSON in the addressed API's shape, with `Retry-After`: the worker's or nginx's "temporarily unavailable".
    case unavailable
    /// Any other answer: a 500, HTML, a wrong body.
    case wrong(String)
    /// No HTTP answer at all: a reset, a closed connection, a timeout.
    case lost(String)

    var isFailure: Bool { self != .correct }
}

/// One request of the load: what it addressed, when it ran, how it ended.
struct LoadOutcome: Sendable, CustomStringConvertible {
    var api: LoadAPI
    var started: ContinuousClock.Instant
    var finished: ContinuousClock.Instant
    var verdict: LoadVerdict

    var duration: Duration { finished - started }

    /// True when the request was being served at `instant`.
    func spans(_ instant: ContinuousClock.Instant) -> Bool { started <= instant && instant <= finished }

    var description: String { "\(api.rawValue) \(verdict) in \(duration)" }
}
