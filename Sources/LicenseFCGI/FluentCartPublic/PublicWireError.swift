import Domain

/// A refusal in the words of the action that met it (fluentcart.md §4.2–§4.7): the one place where reasons become
/// HTTP statuses, `error_type`s and messages.
struct PublicWireError: Equatable {
    var status: Int
    var errorType: String
    var message: String

    static let requiredMessage = "license_key, site_url and item_id is required"
    static let invalidLicense = PublicWireError(
        status: 200,
        errorType: "invalid_license",
        message: "Invalid License key provided."
    )
    static let invalidActivation = PublicWireError(
        status: 200,
        errorType: "invalid_activation",
        message: "License activation could not be found"
    )
    static let keyMismatch = PublicWireError(
        status: 422,
        errorType: "key_mismatch",
        message: "This license key is not valid for this product. Did you provide the valid license key?"
    )
    static let productNotFound = PublicWireError(
        status: 422,
        errorType: "product_not_found",
        message: "Product not found"
    )
    static let licensingNotEnabled = PublicWireError(
        status: 422,
        errorType: "license_not_enabled",
        message: "License is not enabled for this product"
    )

    /// Unknown actions are not FluentCart's (WordPress would render a page); ours answer JSON.
    static let unknownAction = PublicWireError(status: 404, errorType: "invalid_action", message: "Unknown action.")
    static let unavailable = PublicWireError(
        status: 503,
        errorType: "server_error",
        message: "Service temporarily unavailable."
    )
    static let internalError = PublicWireError(
        status: 500,
        errorType: "server_error",
        message: "Internal server error."
    )
    static let bodyTooLarge = PublicWireError(
        status: 413,
        errorType: "request_too_large",
        message: "The request body is too large."
    )
    static let malformedJSON = PublicWireError(
        status: 400,
        errorType: "invalid_json",
        message: "The request body is not a JSON object."
    )

    init(status: Int, errorType: String, message: String) {
        self.status = status
        self.errorType = errorType
        self.message = message
    }

    /// `check_license` answers every refusal with 200 (its quirk, §12); the others with their own statuses.
    init(_ reason: PublicRefusal.Reason, action: PublicAction) {
        switch (action, reason) {
        case (_, .missingParameters):
            self.init(
                status: action == .checkLicense ? 200 : 422,
                errorType: "validation_error",
                message: Self.requiredMessage
            )
        case (.checkLicense, .licenseNotFound): self = .invalidLicense
        case (.checkLicense, .activationNotFound): self = .invalidActivation
        case (.checkLicense, .productMismatch): self = Self.keyMismatch.with(status: 200)
        case (.activateLicense, .licenseNotFound):
            self.init(status: 422, errorType: "license_not_found", message: "License not found")
        case (.activateLicense, .productMismatch): self = .keyMismatch
        case (.activateLicense, .licenseExpired):
            self.init(
                status: 422,
                errorType: "license_expired",
                message: "The license key is expired. Please renew or purchase a new license"
            )
        case (.activateLicense, .licenseNotActive):
            self.init(
                status: 422,
                errorType: "license_not_active",
                message: "The license is not Active. Please contact the support."
            )
        case (.activateLicense, .activationLimitExceeded):
            self.init(
                status: 422,
                errorType: "activation_limit_exceeded",
                message: "This license key has no activation limit. Please upgrade or purchase a new license."
            )
        case (.deactivateLicense, .licenseNotFound), (.deactivateLicense, .productMismatch):
            self.init(
                status: 422,
                errorType: "license_not_found",
                message: "License not found or does not match with the item_id"
            )
        case (.deactivateLicense, .siteNotFound):
            self.init(status: 422, errorType: "site_not_found", message: "Site not found")
        case (_, .productNotFound): self = .productNotFound
        case (.getLicenseVersion, .licenseSettingsNotFound):
            self.init(
                status: 422,
                errorType: "license_settings_not_found",
                message: "License settings not found for this product"
            )
        case (_, .licensingNotEnabled), (_, .licenseSettingsNotFound): self = .licensingNotEnabled
        case (_, .invalidPackage):
            self.init(status: 422, errorType: "invalid_package_data", message: "Invalid package data")
        case (_, .licenseNotFound): self = Self.invalidLicense.with(status: 422)
        case (_, .activationNotFound): self = Self.invalidActivation.with(status: 422)
        case (_, .licenseNotValid):
            self.init(status: 422, errorType: "expired_license", message: "This license key is not valid")
        case (_, .noDownloadableFile):
            self.init(
                status: 422,
                errorType: "downloadable_file_not_found",
                message: "No downloadable file found for this product"
            )
        default:
            // A reason an action cannot meet; answered as the rules' generic refusal rather than a crash.
            self.init(status: 422, errorType: "invalid_request", message: "The request cannot be processed.")
        }
    }

    func with(status: Int) -> PublicWireError {
        PublicWireError(status: status, errorType: errorType, message: message)
    }
}
