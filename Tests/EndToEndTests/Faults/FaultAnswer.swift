import Foundation

/// Sorts answers into correct, "temporarily unavailable" in the addressed API's shape, and everything else.
enum FaultAnswer {
    /// A FaxStore answer: exactly `expected`, or the 503 `UNAVAILABLE` body with `Retry-After` (`faxstore.md` §5).
    static func faxStoreVerdict(_ response: HTTPResponse, expected: Decision) -> LoadVerdict {
        if response.status == 200, response.decision == expected { return .correct }
        if response.status == 503, isJSON(response), response.header("Retry-After") != nil,
            response.jsonKeys == ["details", "pass", "status"],
            response.decision
                == Decision(
                    status: "UNAVAILABLE",
                    pass: false,
                    details: "License server temporarily unavailable",
                    proId: nil
                )
        {
            return .unavailable
        }
        return .wrong(String(describing: response).prefix(300).description)
    }

    /// A FluentCart `check_license` answer: a valid license, or the 503 `server_error` body with `Retry-After`
    /// (`fluentcart.md` §4.1).
    static func fluentCartVerdict(_ response: HTTPResponse) -> LoadVerdict {
        if response.status == 200, response.string("status") == "valid", response.json?["success"] as? Bool == true {
            return .correct
        }
        if isFluentCartUnavailable(response) { return .unavailable }
        return .wrong(String(describing: response).prefix(300).description)
    }

    /// FluentCart's public-protocol 503: `{"message","error_type":"server_error","success":false}` and `Retry-After`.
    static func isFluentCartUnavailable(_ response: HTTPResponse) -> Bool {
        response.status == 503 && isJSON(response) && response.header("Retry-After") != nil
            && response.orderedKeys == ["message", "error_type", "success"]
            && response.string("error_type") == "server_error"
            && response.string("message") == "Service temporarily unavailable."
            && response.json?["success"] as? Bool == false
    }

    private static func isJSON(_ response: HTTPResponse) -> Bool {
        response.header("Content-Type")?.lowercased().hasPrefix("application/json") == true && response.json != nil
    }
}

extension Array where Element == LoadOutcome {
    /// The outcomes whose verdict is not `.correct`.
    var failures: [LoadOutcome] { filter { $0.verdict.isFailure } }

    /// A short account for a failed expectation: counts by verdict and the first few odd ones.
    var summary: String {
        let correct = filter { $0.verdict == .correct }.count
        let unavailable = filter { $0.verdict == .unavailable }.count
        let odd = filter {
            if case .wrong = $0.verdict { return true }
            if case .lost = $0.verdict { return true }
            return false
        }
        return "\(count) answers: \(correct) correct, \(unavailable) unavailable, \(odd.count) other "
            + odd.prefix(3).map(\.description).joined(separator: "; ")
    }
}
