import Domain
import Foundation

/// The bodies of the public protocol, key for key and in FluentCart's order (fluentcart.md §4).
enum PublicResponses {
    /// `check_license` and `activate_license` success (§4.2): the license, its activation's hash, and PHP
    /// DateTime objects for the timestamps.
    static func license(_ license: PublicLicense, status: PublicStatus, renewURL: String?) -> JSONValue {
        var object: JSONObject = [
            "status": .string(status.rawValue),
            "activation_limit": .integer(license.activationLimit),
            "activation_hash": .string(license.activation?.hash ?? ""),
            "activations_count": .integer(license.activationCount),
            "license_key": .string(license.key),
            "expiration_date": .string(license.expirationDate.map(Timestamp.wire) ?? "lifetime"),
            "product_id": .integer(license.productID),
            "variation_id": .optional(license.variationID),
            "variation_title": .string(license.variationTitle ?? ""),
            "product_title": .string(license.productTitle ?? "unknown product"),
            "created_at": phpDateTime(license.createdAt),
            "updated_at": phpDateTime(license.updatedAt),
        ]
        if let renewURL { object["renew_url"] = .string(renewURL) }
        object["success"] = true
        return .object(object)
    }

    /// `deactivate_license` success (§4.4): no key and no hash; a lifetime expiry is `null` here.
    static func deactivated(_ license: PublicLicense) -> JSONValue {
        .object([
            "status": "deactivated",
            "activation_limit": .integer(license.activationLimit),
            "activations_count": .integer(license.activationCount),
            "expiration_date": license.expirationDate.map { .string(Timestamp.wire($0)) } ?? .null,
            "product_id": .integer(license.productID),
            "variation_id": .optional(license.variationID),
            "product_title": .string(license.productTitle ?? "unknown product"),
            "variation_title": .string(license.variationTitle ?? ""),
            "created_at": phpDateTime(license.createdAt),
            "updated_at": phpDateTime(license.updatedAt),
            "success": true,
        ])
    }

    /// `get_license_version` (§4.5). `packageURL` is nil for an invalid license.
    static func version(_ release: ProductRelease, packageURL: String?, baseURL: String) -> JSONValue {
        let settings = release.settings
        let homepage = release.permalink.flatMap { $0.isEmpty ? nil : $0 } ?? "\(baseURL)/item/\(release.slug)/"
        var object: JSONObject = [
            "new_version": .string(settings.version),
            "stable_version": .string(settings.version),
            "name": .string(release.title),
            "slug": .string(release.slug),
            "url": .string(settings.readmeURL.isEmpty ? homepage : settings.readmeURL),
            "last_updated": .string(Timestamp.wire(release.updatedAt)),
            "homepage": .string(homepage),
            "package": .string(packageURL ?? ""),
            "download_link": .string(packageURL ?? ""),
            "sections": .object(["description": .string(release.description), "changelog": .string(release.changelog)]),
            "banners": .object(["low": .string(settings.bannerURL), "high": .string(settings.bannerURL)]),
            "icons": .object(["2x": .string(settings.iconURL), "1x": .string(settings.iconURL)]),
        ]
        if let packageURL {
            object["license_status"] = "valid"
            object["trunk"] = .string(packageURL)
        } else {
            object["license_status"] = "invalid"
            object["license_message"] = "Invalid License Key"
        }
        if !settings.requiredWordPress.isEmpty { object["requires"] = .string(settings.requiredWordPress) }
        if !settings.requiredPHP.isEmpty { object["requires_php"] = .string(settings.requiredPHP) }
        object["success"] = true
        return .object(object)
    }

    /// A refusal: `check_license`'s own shape (200, `success:true`), else `{"message","error_type","success":false}`.
    static func error(_ error: PublicWireError, action: PublicAction?) -> HTTPResponse {
        if action == .checkLicense, error.status == 200 {
            return json(
                .object([
                    "status": "invalid", "error_type": .string(error.errorType), "message": .string(error.message),
                    "success": true,
                ]),
                status: 200
            )
        }
        let headers: [(String, String)] = error.status == 503 ? [("Retry-After", "5")] : []
        return json(
            .object(["message": .string(error.message), "error_type": .string(error.errorType), "success": false]),
            status: error.status,
            headers: headers
        )
    }

    /// FluentCart's content type, `charset=UTF-8` spelled as WordPress spells it.
    static func json(_ value: JSONValue, status: Int = 200, headers: [(String, String)] = []) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: [("Content-Type", "application/json; charset=UTF-8"), ("Cache-Control", "no-store")] + headers,
            body: Array(value.serialized.utf8)
        )
    }

    /// `renew_license`'s plain-text answers (§4.7).
    static func text(_ message: String, status: Int) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: [("Content-Type", "text/plain; charset=UTF-8"), ("Cache-Control", "no-store")],
            body: Array(message.utf8)
        )
    }

    static func redirect(to location: String) -> HTTPResponse {
        HTTPResponse(status: 302, headers: [("Location", location), ("Cache-Control", "no-store")])
    }

    /// A PHP `DateTime` serialized by `json_encode`, truncated to whole seconds [FC].
    static func phpDateTime(_ date: Date) -> JSONValue {
        .object([
            "date": .string(Timestamp.wire(date) + ".000000"), "timezone_type": 3, "timezone": "UTC",
        ])
    }
}
