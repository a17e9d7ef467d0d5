import Domain
import Foundation
import Testing

@testable import LicenseFCGI

/// The events endpoint's answers that come before any query, so no database is needed.
@Suite("Events endpoint routing")
struct EventsRoutingTests {
    @Test("answers the unknown-endpoint 404 while EVENTS_SECRET is unset")
    func offWithoutSecret() {
        let response = makeRouter().respond(to: request(path: "/api/events", body: "{}"), logger: testLogger)
        expectFaxStoreBody(response, status: 404, word: "NOT FOUND", pass: false, details: "Unknown endpoint")
    }

    @Test("refuses an unsigned event with 401 invalid_signature in the WordPress envelope")
    func unsigned() throws {
        let router = makeRouter(environment: ["EVENTS_SECRET": "secret"])
        let response = router.respond(to: request(path: "/api/events", body: "{}"), logger: testLogger)
        #expect(response.status == 401)
        let body = try JSONParser.parse(response.body)
        #expect(body["code"] == "invalid_signature")
        #expect(body["data"]?["status"] == .integer(401))
        #expect(body["message"]?.stringValue?.isEmpty == false)
    }

    @Test("refuses a signed event with a bad signature before reading the body")
    func badSignature() throws {
        var signed = request(path: "/API/Events/", body: "not json")
        signed.headers.timestamp = String(Int(Date().timeIntervalSince1970))
        signed.headers.signature = "sha256=" + String(repeating: "0", count: 64)
        let response = makeRouter(environment: ["EVENTS_SECRET": "secret"]).respond(to: signed, logger: testLogger)
        #expect(response.status == 401)
    }

    @Test("answers 400 invalid_event for a correctly signed body that is not JSON")
    func signedGarbage() throws {
        var signed = request(path: "/api/events", body: "not json")
        signed.headers.timestamp = String(Int(Date().timeIntervalSince1970))
        signed.headers.signature = EventSignature(secret: Array("secret".utf8)).header(for: signed.body)
        let response = makeRouter(environment: ["EVENTS_SECRET": "secret"]).respond(to: signed, logger: testLogger)
        #expect(response.status == 400)
        #expect(try JSONParser.parse(response.body)["code"] == "invalid_event")
    }

    @Test("answers 422 unknown_event_type for a correctly signed event of another type")
    func signedUnknownType() throws {
        var signed = request(
            path: "/api/events",
            body: #"{"event_id":"e","type":"order_shipped","occurred_at":"2025-01-15","data":{}}"#
        )
        signed.headers.timestamp = String(Int(Date().timeIntervalSince1970))
        signed.headers.signature = EventSignature(secret: Array("secret".utf8)).header(for: signed.body)
        let response = makeRouter(environment: ["EVENTS_SECRET": "secret"]).respond(to: signed, logger: testLogger)
        #expect(response.status == 422)
        #expect(try JSONParser.parse(response.body)["code"] == "unknown_event_type")
    }

    @Test("answers rest_no_route to other methods")
    func otherMethod() {
        let response = makeRouter(environment: ["EVENTS_SECRET": "secret"]).respond(
            to: request(method: "GET", path: "/api/events"),
            logger: testLogger
        )
        #expect(response.status == 404)
    }
}
