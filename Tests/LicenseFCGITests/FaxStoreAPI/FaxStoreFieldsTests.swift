import Domain
import Testing

@testable import LicenseFCGI

@Suite("FaxStore request fields")
struct FaxStoreFieldsTests {
    @Test(
        "reads a JSON body",
        arguments: [
            "application/json", "application/json; charset=utf-8", "Application/JSON", "application/vnd.faxstore+json",
        ]
    )
    func jsonBody(contentType: String) {
        let fields = parsedFields(
            request(contentType: contentType, body: #"{"proIds":[8,16],"info":"srv","log":false}"#)
        )
        #expect(productIDs(fields) == [8, 16])
        #expect(fields.map { FaxStoreInput.info($0.value("info")) } == "srv")
        #expect(fields.map { FaxStoreInput.log($0.value("log")) } == false)
    }

    @Test(
        "reads a form body with repeated and indexed names",
        arguments: [
            "proIds[]=8&proIds[]=16&log=false", "proIds[0]=8&proIds[1]=16&log=false", "proIds=8,16&log=false",
            "proIds%5B%5D=8&proIds%5B%5D=16&log=false",
        ]
    )
    func formBody(body: String) {
        let fields = parsedFields(request(contentType: "application/x-www-form-urlencoded; charset=UTF-8", body: body))
        #expect(productIDs(fields) == [8, 16])
        #expect(fields.map { FaxStoreInput.log($0.value("log")) } == false)
    }

    @Test("sniffs JSON when the content type is missing or other", arguments: [nil, "text/plain", ""] as [String?])
    func sniffsJSON(contentType: String?) {
        let fields = parsedFields(request(contentType: contentType, body: " \n\t{\"proIds\":\"8,16\"}"))
        #expect(productIDs(fields) == [8, 16])
    }

    @Test("reads a form when the content type is missing and the body does not start with {")
    func sniffsForm() {
        #expect(productIDs(parsedFields(request(body: "proIds[]=8&proIds[]=16"))) == [8, 16])
    }

    @Test("ignores multipart fields but keeps the query")
    func multipartIgnored() {
        let body = "--x\r\nContent-Disposition: form-data; name=\"proIds\"\r\n\r\n99\r\n--x--\r\n"
        let fields = parsedFields(
            request(query: "proIds=8", contentType: "multipart/form-data; boundary=x", body: body)
        )
        #expect(productIDs(fields) == [8])
    }

    @Test("reads fields from the query string")
    func queryOnly() {
        let fields = parsedFields(request(query: "proIds=8,16&info=from+query"))
        #expect(productIDs(fields) == [8, 16])
        #expect(fields.map { FaxStoreInput.info($0.value("info")) } == "from query")
    }

    @Test("lets the body win a tie with the query, field by field")
    func bodyWins() {
        let fields = parsedFields(
            request(
                query: "info=from-query&log=false&proIds=1",
                contentType: "application/json",
                body: #"{"info":"from-body","proIds":[8]}"#
            )
        )
        #expect(fields.map { FaxStoreInput.info($0.value("info")) } == "from-body")
        #expect(productIDs(fields) == [8])
        #expect(fields.map { FaxStoreInput.log($0.value("log")) } == false)
    }

    @Test("accepts an empty body whatever its content type")
    func emptyBody() {
        let fields = parsedFields(request(contentType: "application/json", body: ""))
        #expect(fields?.value("proIds") == nil)
    }

    @Test("accepts a body of exactly 64 KiB")
    func largestBody() {
        let body = "info=" + String(repeating: "a", count: 64 * 1024 - 5)
        let fields = parsedFields(request(contentType: "application/x-www-form-urlencoded", body: body))
        #expect(fields.map { FaxStoreInput.info($0.value("info")).count } == 64 * 1024 - 5)
    }

    @Test(
        "refuses a body over 64 KiB, even when multipart or cut short by the worker",
        arguments: [
            request(body: "info=" + String(repeating: "a", count: 64 * 1024 - 4)),
            request(contentType: "multipart/form-data; boundary=x", body: String(repeating: "a", count: 70_000)),
            request(body: "info=short", bodyTruncated: true),
        ]
    )
    func tooLarge(request: HTTPRequest) {
        expectRefused(request, with: .bodyTooLarge)
    }

    @Test(
        "refuses invalid JSON",
        arguments: [
            request(contentType: "application/json", body: #"{"proIds":[8,]}"#),
            request(contentType: "application/json", body: "proIds=8"),
            request(body: #"{"proIds": 8"#),
            request(contentType: "application/json", bytes: [UInt8(ascii: "{"), UInt8(ascii: "\""), 0xFF]),
        ]
    )
    func invalidJSON(request: HTTPRequest) {
        expectRefused(request, with: .invalidJSON)
    }

    @Test("refuses a JSON body that is not an object", arguments: ["[8,16]", #""8,16""#, "8", "null", "true"])
    func notAnObject(body: String) {
        expectRefused(request(contentType: "application/json", body: body), with: .bodyNotAnObject)
    }
}
