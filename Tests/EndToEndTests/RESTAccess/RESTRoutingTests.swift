import Foundation
import Testing

@Suite("REST routing", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct RESTRoutingTests {
    let cli = CLI.stack
    let client = HTTPSClient.main

    @Test(
        "answers unknown routes, bad segments and wrong methods with 404 rest_no_route, before authentication",
        arguments: [
            ("GET", "licensing/nothing"), ("GET", "licensing/licenses/abc"), ("POST", "licensing/licenses"),
            ("GET", "licensing/licenses/1/regenerate-key"), ("PUT", "settings/license"),
            ("GET", "customer-profile/licenses/bad%20key"),
        ]
    )
    func noRoute(method: String, route: String) async throws {
        let response = try await client.rest(method, route)
        #expect(response.status == 404, "\(response)")
        #expect(response.string("code") == "rest_no_route")
        #expect(response.string("message") == "No route was found matching the URL and request method.")
    }

    @Test("answers another namespace under /wp-json with 404 rest_no_route")
    func otherNamespace() async throws {
        let response = try await client.send("GET", "/wp-json/wp/v2/posts")
        #expect(response.status == 404)
        #expect(response.string("code") == "rest_no_route")
    }

    @Test("matches routes ignoring case and a trailing slash, and under ?rest_route= (plain permalinks)")
    func routeForms() async throws {
        let user = try await cli.createUser(role: "worker")
        let auth = [
            "Authorization": "Basic " + Data("\(user.login):\(user.applicationPassword)".utf8).base64EncodedString()
        ]
        for path in [
            "/wp-json/fluent-cart/v2/licensing/licenses/", "/WP-JSON/Fluent-Cart/V2/Licensing/Licenses",
            "/?rest_route=/fluent-cart/v2/licensing/licenses",
            "/index.php?rest_route=%2Ffluent-cart%2Fv2%2Flicensing%2Flicenses",
        ] {
            let response = try await client.send("GET", path, headers: auth)
            #expect(response.status == 200, "\(path): \(response)")
            #expect(response.header("X-WP-Total") != nil, "\(path)")
        }
    }

    @Test("answers a malformed JSON body with 400 rest_invalid_json, and a body over 1 MiB with 413 JSON")
    func badBodies() async throws {
        let user = try await cli.createUser(role: "administrator")
        let invalid = try await client.rest(
            "POST",
            "licensing/products/1/settings",
            as: user,
            body: .json(#"{"settings": {"#)
        )
        #expect(invalid.status == 400, "\(invalid)")
        #expect(invalid.string("code") == "rest_invalid_json")
        #expect(invalid.string("message") == "Invalid JSON body passed.")
        let huge = try await client.rest(
            "POST",
            "licensing/products/1/settings",
            as: user,
            body: .json(#"{"x":""# + String(repeating: "a", count: 1_100_000) + #""}"#)
        )
        #expect(huge.status == 413, "\(huge)")
        expectJSONBody(huge)
    }
}
