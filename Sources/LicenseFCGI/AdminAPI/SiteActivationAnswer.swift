import Domain

/// The EDD-style body of admin `activate_site` (fluentcart.md §6), which always answers 200: success with the
/// activation's hash as `checksum`, or failure with FluentCart's code in `license` and our message in `error` [O].
enum SiteActivationAnswer {
    static func body(_ result: AdminLicenseStore.SiteActivationResult) -> JSONValue {
        var object = summary(result.license)
        switch result.outcome {
        case .activated(let hash), .existing(let hash):
            object["checksum"] = .string(hash)
        case .refused(let refusal):
            object["success"] = false
            object["license"] = .string(code(refusal))
            object["error"] = .string(message(refusal))
        }
        return .object(object)
    }

    /// The keys every answer shares, in FluentCart's order. `item_name` and `customer_email` are always empty, as
    /// FluentCart sends them.
    static func summary(_ license: AdminLicense) -> JSONObject {
        let row = license.license
        let left: JSONValue =
            row.activationLimit == 0 ? "unlimited" : .integer(max(row.activationLimit - row.activationCount, 0))
        let name = license.customer.map { [$0.firstName, $0.lastName].filter { !$0.isEmpty }.joined(separator: " ") }
        return [
            "success": true,
            "license": "valid",
            "item_id": .integer(row.productID),
            "item_name": "",
            "license_limit": .integer(row.activationLimit),
            "site_count": .integer(row.activationCount),
            "expires": row.expirationDate.map { .string(Timestamp.wire($0)) } ?? "Lifetime",
            "activations_left": left,
            "customer_name": .string(name ?? ""),
            "customer_email": "",
            "price_id": .optional(row.variationID),
        ]
    }

    /// FluentCart's EDD codes [FC].
    static func code(_ refusal: SiteActivationRefusal) -> String {
        switch refusal {
        case .missingURL: "missing_url"
        case .expired: "expired"
        case .notActive: "invalid"
        case .noActivationsLeft: "no_activations_left"
        }
    }

    /// Our messages [O]; FluentCart sends none.
    static func message(_ refusal: SiteActivationRefusal) -> String {
        switch refusal {
        case .missingURL: "Site URL is required."
        case .expired: "The license key is expired."
        case .notActive: "The license is not active."
        case .noActivationsLeft: "No activations left for this license."
        }
    }
}
