import Domain
import Testing

@testable import LicenseFCGI

@Suite("Public protocol parameters")
struct PublicParametersTests {
    func parameters(query: String = "", contentType: String? = nil, body: String = "") throws -> PublicParameters {
        try PublicParameters(request: request(path: "/", query: query, contentType: contentType, body: body))
    }

    @Test("merges the query and a form body, and the body wins")
    func bodyWins() throws {
        let merged = try parameters(
            query: "license_key=from-query&item_id=7",
            contentType: "application/x-www-form-urlencoded",
            body: "license_key=from-body"
        )
        #expect(merged["license_key"] == "from-body")
        #expect(merged["item_id"] == "7")
    }

    @Test("keeps the last of repeated values, as PHP does")
    func lastValueWins() throws {
        #expect(try parameters(query: "site_url=a.example&site_url=b.example")["site_url"] == "b.example")
    }

    @Test("treats a parameter sent in array form as missing", arguments: ["license_key[]=K", "license_key[a]=K"])
    func arrayFormIsMissing(query: String) throws {
        #expect(try parameters(query: "license_key=first&" + query)["license_key"] == nil)
    }

    @Test("cleans every value with sanitize_text_field")
    func sanitizes() throws {
        let cleaned = try parameters(query: "license_key=%3Cb%3Eabc-123%3C%2Fb%3E&site_url=+a.example%09")
        #expect(cleaned["license_key"] == "abc-123")
        #expect(cleaned["site_url"] == "a.example")
    }

    @Test("reads a JSON object body: strings cleaned, numbers as their text, arrays as missing")
    func jsonBody() throws {
        let json = try parameters(
            contentType: "application/json",
            body: #"{"license_key":" k-1 ","item_id":42,"site_url":["x"],"fluent-cart":"check_license"}"#
        )
        #expect(json["license_key"] == "k-1")
        #expect(json["item_id"] == "42")
        #expect(json["site_url"] == nil)
        #expect(json["fluent-cart"] == "check_license")
    }

    @Test("refuses a malformed JSON body and a body over 64 KiB")
    func badBodies() {
        #expect(throws: PublicParameters.BodyError.malformedJSON) {
            try parameters(contentType: "application/json", body: "{\"license_key\":")
        }
        #expect(throws: PublicParameters.BodyError.tooLarge) {
            try parameters(
                contentType: "application/x-www-form-urlencoded",
                body: String(repeating: "a", count: PublicParameters.maximumBodySize + 1)
            )
        }
    }

    @Test("ignores bodies PHP would not read into $_POST")
    func otherBodiesIgnored() throws {
        #expect(try parameters(contentType: "text/plain", body: "license_key=k")["license_key"] == nil)
        #expect(try parameters(body: "license_key=k")["license_key"] == nil)
    }

    @Test("turns dots and spaces in names into underscores, as PHP does")
    func phpNames() throws {
        #expect(try parameters(query: "license.key=abc")["license_key"] == "abc")
    }
}
