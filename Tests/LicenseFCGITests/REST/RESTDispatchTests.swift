import Domain
import Foundation
import Testing

@testable import LicenseFCGI

@Suite("REST dispatch before the database")
struct RESTDispatchTests {
    func rest(
        _ method: String,
        _ path: String,
        query: String = "",
        authorization: String? = nil,
        scheme: String = "https"
    )
        -> HTTPResponse
    {
        var request = request(method: method, path: path, query: query, authorization: authorization)
        request.scheme = scheme
        return makeRouter().respond(to: request, logger: testLogger)
    }

    @Test(
        "finds the route under /wp-json/fluent-cart/v2/ and ?rest_route=, ignoring case",
        arguments: [
            ("/wp-json/fluent-cart/v2/licensing/licenses", "", Router.RESTTarget.route("licensing/licenses")),
            ("/WP-JSON/FLUENT-CART/V2/Licensing", "", .route("Licensing")),
            ("/", "rest_route=/fluent-cart/v2/settings/license", .route("settings/license")),
            ("/index.php", "rest_route=%2FFluent-Cart%2Fv2%2Fx", .route("x")),
            ("/wp-json/wp/v2/posts", "", .otherNamespace),
            ("/wp-json", "", .otherNamespace),
            ("/", "rest_route=/wp/v2/posts", .otherNamespace),
        ]
    )
    func targets(path: String, query: String, target: Router.RESTTarget) {
        #expect(Router.restTarget(request(method: "GET", path: path, query: query)) == target)
    }

    @Test("leaves requests that are not REST requests to the other handlers")
    func notREST() {
        #expect(Router.restTarget(request(method: "GET", path: "/api/check/1")) == nil)
        #expect(Router.restTarget(request(method: "GET", path: "/", query: "fluent-cart=check_license")) == nil)
    }

    @Test("answers an unknown route or a wrong method with 404 rest_no_route without asking for credentials")
    func noRoute() {
        for (method, path) in [
            ("GET", "/wp-json/fluent-cart/v2/nothing"), ("PATCH", "/wp-json/fluent-cart/v2/licensing/licenses"),
            ("GET", "/wp-json/fluent-cart/v2/licensing/licenses/12x"),
        ] {
            let response = rest(method, path)
            #expect(response.status == 404)
            #expect(String(decoding: response.body, as: UTF8.self).contains(#""code":"rest_no_route""#))
        }
    }

    @Test("refuses a route without credentials, and credentials sent over plain HTTP, with 401 and a challenge")
    func notLoggedIn() {
        let basic = "Basic " + Data("admin:abcd efgh ijkl mnop qrst uvwx".utf8).base64EncodedString()
        for response in [
            rest("GET", "/wp-json/fluent-cart/v2/licensing/licenses"),
            rest("GET", "/wp-json/fluent-cart/v2/licensing/licenses", authorization: basic, scheme: "http"),
            rest("GET", "/wp-json/fluent-cart/v2/settings/license", authorization: "Bearer x"),
        ] {
            #expect(response.status == 401)
            #expect(response.header("WWW-Authenticate") == #"Basic realm="fluent-cart""#)
            #expect(
                String(decoding: response.body, as: UTF8.self)
                    == #"{"code":"rest_not_logged_in","message":"You are not currently logged in.","data":{"status":401}}"#
            )
        }
    }

    @Test(
        "reads Basic credentials: the login before the first colon, the rest as the password",
        arguments: [
            ("Basic " + Data("ada:pa:ss word".utf8).base64EncodedString(), "ada", "pa:ss word"),
            ("  basic " + Data("a@b.c:x".utf8).base64EncodedString(), "a@b.c", "x"),
        ]
    )
    func basicCredentials(header: String, login: String, password: String) throws {
        let credentials = try #require(RESTRouter.basicCredentials(header))
        #expect(credentials.login == login && credentials.password == password)
    }

    @Test(
        "ignores Authorization headers that are not Basic credentials",
        arguments: ["Bearer abc", "Basic", "Basic %%%", "Basic " + Data("nocolon".utf8).base64EncodedString()]
    )
    func notBasic(header: String) {
        #expect(RESTRouter.basicCredentials(header) == nil)
    }
}
