import Domain

/// Every FaxStore answer, decision or error, as `{"status","pass","details"}`: the one place holding their words.
enum FaxStoreResponses {
    static func decision(_ outcome: CheckOutcome, api: CheckAPI, publicBaseURL: String) -> HTTPResponse {
        var body: JSONObject = [
            "status": .string(outcome.status(for: api)), "pass": .bool(outcome.passes),
            "details": .string(details(outcome, api: api, publicBaseURL: publicBaseURL)),
        ]
        if case .authorised(let productID) = outcome, api == .multiple { body["proId"] = .integer(productID) }
        return .json(.object(body))
    }

    static func details(_ outcome: CheckOutcome, api: CheckAPI, publicBaseURL: String) -> String {
        switch outcome {
        case .authorised: return api == .v1 ? "Authorisation completed!" : "Authorisation completed - \(publicBaseURL)"
        case .productNotFound: return "Unauthorised - product not found"
        case .keyNotFound: return "Unauthorised - license key not found"
        case .disabledByStaff: return "License key disabled by staff"
        case .switchedOffByOwner: return "License key is not active - the owner can enable it again"
        case .expired: return "License key has expired"
        case .ipMismatch(let clientIP): return "Unauthorised - request IP \(clientIP) does not match the license IP"
        }
    }

    static func error(_ error: FaxStoreError) -> HTTPResponse {
        switch error {
        case .invalidJSON: return failure(400, "BAD REQUEST", "Request body is not valid JSON")
        case .bodyNotAnObject: return failure(400, "BAD REQUEST", "Request body must be a JSON object")
        case .badProductList: return failure(400, "BAD REQUEST", "proIds must be a non-empty list of product IDs")
        case .productIDNotInteger: return failure(400, "BAD REQUEST", "Product ID must be an integer")
        case .bodyTooLarge: return failure(400, "BAD REQUEST", "Request body is larger than 64 KiB")
        case .methodNotAllowed: return failure(405, "METHOD NOT ALLOWED", "Use POST", headers: [("Allow", "POST")])
        case .unknownEndpoint: return failure(404, "NOT FOUND", "Unknown endpoint")
        }
    }

    static let unavailable = failure(
        503,
        "UNAVAILABLE",
        "License server temporarily unavailable",
        headers: [("Retry-After", "5")]
    )

    static let internalError = failure(500, "ERROR", "Internal error")

    private static func failure(
        _ status: Int,
        _ word: String,
        _ details: String,
        headers: [(String, String)] = []
    )
        -> HTTPResponse
    {
        .json(
            .object(["status": .string(word), "pass": false, "details": .string(details)]),
            status: status,
            headers: headers
        )
    }
}
