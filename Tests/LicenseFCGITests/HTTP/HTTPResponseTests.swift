import Domain
import Testing

@testable import LicenseFCGI

@Suite("HTTP response")
struct HTTPResponseTests {
    func cgiText(_ response: HTTPResponse) -> String {
        String(decoding: response.cgiBytes, as: UTF8.self)
    }

    @Test("starts the CGI bytes with the status line")
    func statusLine() {
        #expect(cgiText(.json(.object(["status": "ok"]))).hasPrefix("Status: 200 OK\r\n"))
    }

    @Test(
        "gives each status its reason phrase",
        arguments: [
            (400, "Bad Request"), (404, "Not Found"), (405, "Method Not Allowed"), (500, "Internal Server Error"),
            (503, "Service Unavailable"),
        ]
    )
    func reasons(status: Int, reason: String) {
        #expect(cgiText(HTTPResponse(status: status)).hasPrefix("Status: \(status) \(reason)\r\n"))
    }

    @Test("writes headers, the byte length of the body, a blank line and the body")
    func layout() {
        let response = HTTPResponse.json(.object(["details": "é"]), status: 503, headers: [("Retry-After", "5")])
        let body = #"{"details":"é"}"#
        #expect(
            cgiText(response) == "Status: 503 Service Unavailable\r\n"
                + "Content-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\nRetry-After: 5\r\n"
                + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        )
        #expect(body.utf8.count == body.count + 1)
    }

    @Test("states a zero length for an empty body")
    func emptyBody() {
        #expect(cgiText(HTTPResponse(status: 200)) == "Status: 200 OK\r\nContent-Length: 0\r\n\r\n")
    }
}
