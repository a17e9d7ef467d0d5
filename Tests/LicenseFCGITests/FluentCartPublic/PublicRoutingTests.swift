import Domain
import Testing

@testable import LicenseFCGI

@Suite("Public protocol routing")
struct PublicRoutingTests {
    @Test(
        "a non-empty fluent-cart parameter in the query or a form body selects the public protocol on any path",
        arguments: [
            request(method: "GET", path: "/", query: "fluent-cart=check_license"),
            request(path: "/shop/page", query: "x=1&fluent-cart=nope"),
            request(
                path: "/wp-admin/admin-ajax.php",
                contentType: "application/x-www-form-urlencoded",
                body: "fluent-cart=check_license&license_key=k"
            ),
            request(path: "/api/other", query: "fluent-cart=check_license"),
        ]
    )
    func selects(request: HTTPRequest) {
        #expect(Router.namesPublicAction(request))
    }

    @Test(
        "an empty or absent fluent-cart parameter, or one only in a JSON body, does not",
        arguments: [
            request(method: "GET", path: "/", query: "fluent-cart="),
            request(method: "GET", path: "/", query: "fluent-cart[]=check_license"),
            request(path: "/", query: "fluent_cart=check_license"),
            request(path: "/", contentType: "application/json", body: #"{"fluent-cart":"check_license"}"#),
        ]
    )
    func doesNotSelect(request: HTTPRequest) {
        #expect(!Router.namesPublicAction(request))
    }

    @Test("answers an unknown action with FluentCart's JSON error shape and 404")
    func unknownAction() throws {
        let response = makeRouter().respond(
            to: request(method: "GET", path: "/", query: "fluent-cart=nope"),
            logger: testLogger
        )
        #expect(response.status == 404)
        #expect(
            String(decoding: response.body, as: UTF8.self)
                == #"{"message":"Unknown action.","error_type":"invalid_action","success":false}"#
        )
    }

    @Test("the FaxStore paths keep precedence over a fluent-cart parameter")
    func faxStoreFirst() {
        let response = makeRouter().respond(
            to: request(method: "GET", path: "/api/check/5", query: "fluent-cart=check_license"),
            logger: testLogger
        )
        #expect(response.status == 405)
    }
}
