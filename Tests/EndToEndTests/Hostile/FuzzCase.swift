import Foundation

/// One generated request and what it may be answered.
///
/// Every request is malformed or unauthorised by construction, so the rule is a JSON 4xx. The exceptions are the
/// answers the specs give to some input whatever it holds, and each is named where the case is made.
struct FuzzCase: Sendable {
    var request: RawRequest
    /// The route family and how the request is broken, for the failure message (never a credential).
    var label: String
    /// A 200 is a right answer too: `/healthz`, `/metrics`, reads by a caller allowed to read, and `check_license`
    /// (whose every answer is 200, fluentcart.md §4.2).
    var mayAnswer200 = false
    /// The answer may be `text/plain` instead of JSON: `/metrics` (Prometheus text) and `renew_license`
    /// (fluentcart.md §4.7).
    var mayBePlainText = false

    /// Nil when `answer` keeps the rules, else why not.
    func violation(of answer: RawAnswer) -> String? {
        // nginx refuses a request head larger than its 8 KiB header buffers (414 or 400) and closes the connection
        // at once: a client still writing that head sees the close (curl 55 or 56) before it can read the answer.
        if headBytes > 8_192, [55, 56].contains(answer.curlExitCode) { return nil }
        guard answer.curlExitCode == 0, answer.status != 0 else {
            return "no answer (curl exit \(answer.curlExitCode): \(answer.curlError))"
        }
        let allowed = (400..<500).contains(answer.status) || (mayAnswer200 && answer.status == 200)
        guard allowed else { return "HTTP \(answer.status)" }
        let type = answer.contentType.lowercased()
        if mayBePlainText, type.hasPrefix("text/plain") { return nil }
        guard type.hasPrefix("application/json") else { return "HTTP \(answer.status) with Content-Type \(type)" }
        guard (try? JSONSerialization.jsonObject(with: answer.body, options: [.fragmentsAllowed])) is [String: Any]
        else { return "HTTP \(answer.status) with a body that is not a JSON object" }
        return nil
    }

    /// The size of the request line and headers.
    var headBytes: Int {
        request.method.utf8.count + request.target.utf8.count
            + request.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
    }

    /// The request for a failure message: method, target shortened and escaped, no headers (they may hold the fuzz
    /// users' passwords) and no body.
    var summary: String {
        let target = request.target.unicodeScalars.prefix(100).map { scalar in
            scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F
                ? String(scalar) : "\\u{\(String(scalar.value, radix: 16))}"
        }.joined()
        let more = request.target.unicodeScalars.count > 100 ? "… (\(request.target.utf8.count) bytes)" : ""
        let body = request.body.map { ", body \($0.count) bytes" } ?? ""
        return "[\(label)] \(request.method) \(target)\(more)\(body)"
    }
}
