/// A FaxStore answer: `{"status","pass","details"}`, plus `proId` on a successful multiple check (`faxstore.md` §3).
struct Decision: Decodable, Equatable, Sendable, CustomStringConvertible {
    var status: String
    var pass: Bool
    var details: String
    var proId: Int64?

    var description: String {
        let proID = proId.map { ", proId \($0)" } ?? ""
        return "\(status) / \(pass) / \(details)\(proID)"
    }

    /// Row 7, with the base URL of the stack that answers.
    static func authorised(base: String = Stack.baseURL, proId: Int64? = nil) -> Decision {
        Decision(status: "AUTHORISED", pass: true, details: "Authorisation completed - \(base)", proId: proId)
    }

    /// Row 1.
    static let productNotFound = refusal("NOT FOUND", "Unauthorised - product not found")
    /// Row 2.
    static let keyNotFound = refusal("NOT FOUND", "Unauthorised - license key not found")
    /// Row 3.
    static let disabledByStaff = refusal("KEY DISABLED", "License key disabled by staff")
    /// Row 4.
    static let notActive = refusal("NOT ACTIVE", "License key is not active - the owner can enable it again")
    /// Row 5.
    static let expired = refusal("KEY EXPIRED", "License key has expired")

    /// Row 6; the tests' requests come from 127.0.0.1.
    static func ipMismatch(requestIP: String = "127.0.0.1") -> Decision {
        refusal("NOT AUTHORISED", "Unauthorised - request IP \(requestIP) does not match the license IP")
    }

    /// §8: the legacy V1 success.
    static let v1Authorised = Decision(status: "OK", pass: true, details: "Authorisation completed!")

    /// §5 answers.
    static func badRequest(_ details: String) -> Decision { refusal("BAD REQUEST", details) }
    static let invalidJSON = badRequest("Request body is not valid JSON")
    static let notAnObject = badRequest("Request body must be a JSON object")
    static let badProductIDs = badRequest("proIds must be a non-empty list of product IDs")
    static let badProductID = badRequest("Product ID must be an integer")
    static let bodyOver64KiB = badRequest("Request body is larger than 64 KiB")
    static let bodyTooLarge = badRequest("Request body too large")
    static let methodNotAllowed = refusal("METHOD NOT ALLOWED", "Use POST")
    static let unknownEndpoint = refusal("NOT FOUND", "Unknown endpoint")

    private static func refusal(_ status: String, _ details: String) -> Decision {
        Decision(status: status, pass: false, details: details, proId: nil)
    }
}
