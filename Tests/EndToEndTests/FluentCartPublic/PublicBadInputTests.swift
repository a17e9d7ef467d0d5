import Foundation
import Testing

/// What the public protocol does with input no client should send (fluentcart.md §1, §4.1, §13.23; operations.md §2,
/// §6): always JSON, never a 5xx, the specified refusal, and nothing written.
@Suite("FluentCart public protocol: bad input", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct PublicBadInputTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    static let required = "license_key, site_url and item_id is required"

    /// A license activated on one site, and what its activation rows look like.
    struct Fixture {
        var product: Product
        var license: License
        var site: String
    }

    func activated() async throws -> Fixture {
        let (product, license) = try await cli.fluentCartLicense(limit: 3)
        let site = uniqueSite()
        let response = try await client.fluentCart(
            "activate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(response.status == 200, "\(response)")
        return Fixture(product: product, license: license, site: site)
    }

    /// The license's activations and its count, to prove that nothing was written.
    func state(of license: License) async throws -> [[String?]] {
        try await database.rows(
            """
            SELECT a.id::text, a.activation_hash, s.site_url, a.last_update_version, l.activation_count::text, l.status
            FROM licenses l LEFT JOIN license_activations a ON a.license_id = l.id
            LEFT JOIN license_sites s ON s.id = a.site_id
            WHERE l.id = \(license.id) ORDER BY a.id
            """
        )
    }

    /// JSON, never HTML, and never a server fault.
    func expectJSONNo5xx(_ response: HTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status < 500, "\(response)", sourceLocation: sourceLocation)
        expectJSONBody(response, sourceLocation: sourceLocation)
    }

    /// `check_license`'s refusal shape: 200, `success:true` (§4.2).
    func expectCheckRefusal(
        _ response: HTTPResponse,
        _ errorType: String,
        _ message: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(response.status == 200, "\(response)", sourceLocation: sourceLocation)
        #expect(
            response.orderedKeys == ["status", "error_type", "message", "success"],
            "\(response)",
            sourceLocation: sourceLocation
        )
        #expect(response.string("status") == "invalid", sourceLocation: sourceLocation)
        #expect(response.string("error_type") == errorType, "\(response)", sourceLocation: sourceLocation)
        #expect(response.string("message") == message, sourceLocation: sourceLocation)
        #expect(response.orderedJSON?["success"] == .bool(true), sourceLocation: sourceLocation)
    }

    // MARK: Dispatch

    @Test("answers 404 invalid_action, as JSON, to an action that does not exist", arguments: ["GET", "POST"])
    func unknownAction(method: String) async throws {
        for path in ["/?fluent-cart=nope", "/any/page?fluent-cart=CHECK_LICENSE", "/?fluent-cart=check_license%20"] {
            let response = try await client.send(method, path)
            if path.hasSuffix("%20") {
                // sanitize_text_field trims the value, so this one names check_license.
                #expect(response.status == 200, "\(response)")
                continue
            }
            #expect(response.status == 404, "\(method) \(path): \(response)")
            #expect(response.header("Content-Type") == "application/json; charset=UTF-8")
            #expect(response.text == #"{"message":"Unknown action.","error_type":"invalid_action","success":false}"#)
        }
    }

    @Test("answers 404 not_found JSON when fluent-cart is empty, as for any path that is not served")
    func emptyAction() async throws {
        for (method, path) in [
            ("GET", "/?fluent-cart="), ("POST", "/?fluent-cart="), ("GET", "/shop/?fluent-cart=&x=1"),
        ] {
            let response = try await client.send(method, path)
            #expect(response.status == 404, "\(method) \(path): \(response)")
            expectJSONBody(response)
            #expect(response.orderedKeys == ["code", "message", "data"], "\(response)")
            #expect(response.string("code") == "not_found")
            #expect(response.string("message") == "Not found.")
            #expect(response.orderedJSON?["data"] == .object(["status": 404]))
        }
        // An empty fluent-cart in a form body selects nothing either.
        let form = try await client.send("POST", "/wp-admin/whatever", body: .form("fluent-cart=&license_key=x"))
        #expect(form.status == 404)
        #expect(form.string("code") == "not_found", "\(form)")
    }

    @Test("reads the fluent-cart name as PHP decodes it, in the query and in a form body")
    func encodedActionName() async throws {
        let fixture = try await activated()
        let fields =
            "license_key=\(fixture.license.licenseKey)&item_id=\(fixture.product.id)&site_url=\(formEscaped(fixture.site))"
        let query = try await client.send("GET", "/shop/?fluent%2Dcart=check_license&\(fields)")
        #expect(query.status == 200, "\(query)")
        #expect(query.string("status") == "valid", "\(query)")
        let body = try await client.send("POST", "/wp-admin/x", body: .form("fluent%2dcart=check_license&\(fields)"))
        #expect(body.string("status") == "valid", "\(body)")
    }

    @Test("serves an action named only in a form body, on any path")
    func actionInFormBody() async throws {
        let fixture = try await activated()
        let body = formEncoded([
            "fluent-cart": "check_license", "license_key": fixture.license.licenseKey,
            "item_id": "\(fixture.product.id)", "site_url": fixture.site,
        ])
        for path in ["/wp-admin/whatever", "/", "/index.php?page=1", "/wp-json-not-rest/x"] {
            let response = try await client.send("POST", path, body: .form(body))
            #expect(response.status == 200, "\(path): \(response)")
            #expect(response.string("status") == "valid", "\(path): \(response)")
            #expect(response.orderedKeys == ActivationTests.successKeys)
        }
        // Also an action that writes: deactivation, named only in the body.
        let deactivated = try await client.send(
            "POST",
            "/wp-admin/admin-ajax.php",
            body: .form(
                formEncoded([
                    "fluent-cart": "deactivate_license", "license_key": fixture.license.licenseKey,
                    "item_id": "\(fixture.product.id)", "site_url": fixture.site,
                ])
            )
        )
        #expect(deactivated.string("status") == "deactivated", "\(deactivated)")
    }

    // MARK: Bodies

    @Test(
        "answers 400 JSON to a JSON body that is malformed or not an object",
        arguments: [#"{"license_key": "#, "not json", #"{"a":1}{"#, "[1, 2]", #""text""#, "42", "null"]
    )
    func malformedJSON(body: String) async throws {
        let fixture = try await activated()
        let before = try await state(of: fixture.license)
        for action in ["check_license", "activate_license", "get_license_version"] {
            let response = try await client.send("POST", "/?fluent-cart=\(action)", body: .json(body))
            #expect(response.status == 400, "\(action) \(body): \(response)")
            #expect(response.header("Content-Type") == "application/json; charset=UTF-8")
            #expect(response.orderedKeys == ["message", "error_type", "success"], "\(response)")
            #expect(response.orderedJSON?["success"] == .bool(false))
            #expect(response.string("message")?.isEmpty == false)
        }
        #expect(try await state(of: fixture.license) == before)
    }

    @Test("answers 413 JSON from the worker to a 100 KB form body, and reads none of it")
    func largeForm() async throws {
        let fixture = try await activated()
        let before = try await state(of: fixture.license)
        let padding = String(repeating: "a", count: 100 * 1024)
        let body = formEncoded([
            "license_key": fixture.license.licenseKey, "item_id": "\(fixture.product.id)", "site_url": uniqueSite(),
            "padding": padding,
        ])
        for action in ["activate_license", "check_license"] {
            let response = try await client.send("POST", "/?fluent-cart=\(action)", body: .form(body))
            #expect(response.status == 413, "\(response)")
            #expect(response.header("Content-Type") == "application/json; charset=UTF-8")
            #expect(response.orderedKeys == ["message", "error_type", "success"], "\(response)")
            #expect(response.orderedJSON?["success"] == .bool(false))
        }
        #expect(try await state(of: fixture.license) == before)
    }

    @Test("answers 413 from nginx to a 2 MB body, in the public protocol's error shape")
    func hugeBody() async throws {
        let fixture = try await activated()
        let before = try await state(of: fixture.license)
        let body = formEncoded([
            "license_key": fixture.license.licenseKey, "item_id": "\(fixture.product.id)", "site_url": uniqueSite(),
            "padding": String(repeating: "b", count: 2 * 1024 * 1024),
        ])
        let response = try await client.send("POST", "/?fluent-cart=activate_license", body: .form(body))
        #expect(response.status == 413, "\(response)")
        expectJSONBody(response)
        #expect(response.orderedKeys == ["message", "error_type", "success"], "\(response)")
        #expect(response.string("error_type") == "request_too_large")
        #expect(try await state(of: fixture.license) == before)
    }

    // MARK: Values

    @Test("refuses a 300-character license_key as an unknown key in every action")
    func overlongKey() async throws {
        let fixture = try await activated()
        let before = try await state(of: fixture.license)
        let key = fixture.license.licenseKey + String(repeating: "a", count: 300 - fixture.license.licenseKey.count)
        let item = "\(fixture.product.id)"
        let fields: KeyValuePairs<String, String> = ["license_key": key, "item_id": item, "site_url": fixture.site]
        expectCheckRefusal(
            try await client.fluentCart("check_license", fields),
            "invalid_license",
            "Invalid License key provided."
        )
        expectPublicError(
            try await client.fluentCart("activate_license", fields),
            "license_not_found",
            "License not found"
        )
        expectPublicError(
            try await client.fluentCart("deactivate_license", fields),
            "license_not_found",
            "License not found or does not match with the item_id"
        )
        let version = try await client.fluentCart("get_license_version", fields)
        #expect(version.status == 200)
        #expect(version.string("license_status") == "invalid", "\(version)")
        #expect(try await state(of: fixture.license) == before)
    }

    @Test("counts a site_url over 192 characters as missing: validation_error everywhere, nothing written")
    func overlongSite() async throws {
        let fixture = try await activated()
        let before = try await state(of: fixture.license)
        let site = "https://" + String(repeating: "s", count: 280) + ".example.com"
        let fields: KeyValuePairs<String, String> = [
            "license_key": fixture.license.licenseKey, "item_id": "\(fixture.product.id)", "site_url": site,
        ]
        expectCheckRefusal(try await client.fluentCart("check_license", fields), "validation_error", Self.required)
        expectPublicError(try await client.fluentCart("activate_license", fields), "validation_error", Self.required)
        expectPublicError(try await client.fluentCart("deactivate_license", fields), "validation_error", Self.required)
        #expect(try await state(of: fixture.license) == before)
        let stored = try await database.integer(
            "SELECT count(*) FROM license_sites WHERE site_url LIKE \(Database.literal(String(repeating: "s", count: 100) + "%"))"
        )
        #expect(stored == 0)
    }

    @Test(
        "counts a site_url of more than 192 code points as missing even when it is fewer grapheme clusters",
        arguments: ["👨‍👩‍👧‍👦", "e\u{301}\u{302}"]
    )
    func siteOverlongInCodePoints(cluster: String) async throws {
        let fixture = try await activated()
        let before = try await state(of: fixture.license)
        // 100 clusters: 100 characters for Swift, 300 to 700 for PostgreSQL's length() and the column's CHECK.
        let site = "shop-\(UUID().uuidString.prefix(8)).example.com/" + String(repeating: cluster, count: 100)
        let fields: KeyValuePairs<String, String> = [
            "license_key": fixture.license.licenseKey, "item_id": "\(fixture.product.id)", "site_url": site,
        ]
        expectPublicError(try await client.fluentCart("activate_license", fields), "validation_error", Self.required)
        expectCheckRefusal(try await client.fluentCart("check_license", fields), "validation_error", Self.required)
        #expect(try await state(of: fixture.license) == before)
        // The check is logged like any other: a site too long for the log's column must not lose the row.
        let logged = try await database.rows(
            "SELECT result FROM license_checks WHERE api = 'check_license' AND product_id = \(fixture.product.id)"
        )
        #expect(logged == [["validation_error"]], "\(logged)")
    }

    @Test("takes an emoji site_url of ordinary length as a site like any other")
    func emojiSite() async throws {
        let fixture = try await activated()
        let site = "https://🛒-\(UUID().uuidString.prefix(8)).example.com/boutique/é"
        let fields: KeyValuePairs<String, String> = [
            "license_key": fixture.license.licenseKey, "item_id": "\(fixture.product.id)", "site_url": site,
        ]
        expectCheckRefusal(
            try await client.fluentCart("check_license", fields),
            "invalid_activation",
            "License activation could not be found"
        )
        let activated = try await client.fluentCart("activate_license", fields)
        #expect(activated.status == 200, "\(activated)")
        let check = try await client.fluentCart("check_license", fields)
        #expect(check.string("status") == "valid", "\(check)")
        #expect(check.string("activation_hash") == activated.string("activation_hash"))
    }

    /// Odd values in each parameter, and the answer each must get (§4.1–§4.5).
    @Test("answers odd characters in any parameter with the specified refusal, as JSON, writing nothing")
    func oddCharacters() async throws {
        let fixture = try await activated()
        let other = try await activated()
        let before = try await state(of: fixture.license)
        let key = fixture.license.licenseKey
        let item = "\(fixture.product.id)"
        let site = fixture.site
        let odd = [
            "\u{0}", "x\u{0}y", "🔑🔑🔑🔑🔑🔑🔑🔑", "'; DROP TABLE licenses; --", "\" OR 1=1 --", "<script>alert(1)</script>",
            "%00", "\\", "\u{202E}evil", String(repeating: "é", count: 200),
        ]
        // sanitize_text_field cleans these to nothing: a lone NUL is trimmed as PHP's trim() trims it, a script
        // element goes with its content, and a %xx octet is removed.
        let cleanedAway: Set<String> = ["\u{0}", "%00", "<script>alert(1)</script>"]
        for value in odd {
            // An odd key is an unknown key.
            let oddKey: KeyValuePairs<String, String> = ["license_key": value, "item_id": item, "site_url": site]
            if cleanedAway.contains(value) {
                // Cleaned to nothing (script elements go with their content, %xx octets are removed): missing.
                expectCheckRefusal(
                    try await client.fluentCart("check_license", oddKey),
                    "validation_error",
                    Self.required
                )
                expectPublicError(
                    try await client.fluentCart("activate_license", oddKey),
                    "validation_error",
                    Self.required
                )
            } else {
                expectCheckRefusal(
                    try await client.fluentCart("check_license", oddKey),
                    "invalid_license",
                    "Invalid License key provided."
                )
                expectPublicError(
                    try await client.fluentCart("activate_license", oddKey),
                    "license_not_found",
                    "License not found"
                )
                expectPublicError(
                    try await client.fluentCart("deactivate_license", oddKey),
                    "license_not_found",
                    "License not found or does not match with the item_id"
                )
            }
            let version = try await client.fluentCart("get_license_version", oddKey)
            #expect(version.status == 200 && version.string("license_status") == "invalid", "\(value): \(version)")

            // A key followed by the odd value is not the key, unless cleaning removes the value.
            let suffixed = try await client.fluentCart(
                "check_license",
                ["license_key": key + value, "item_id": item, "site_url": site]
            )
            expectJSONNo5xx(suffixed)
            if cleanedAway.contains(value) {
                #expect(suffixed.string("status") == "valid", "\(value.debugDescription): \(suffixed)")
            } else {
                #expect(suffixed.string("error_type") == "invalid_license", "\(value.debugDescription): \(suffixed)")
            }

            // An odd site is a site without this activation (check) or without any (deactivate).
            let oddSite: KeyValuePairs<String, String> = ["license_key": key, "item_id": item, "site_url": value]
            let checked = try await client.fluentCart("check_license", oddSite)
            expectJSONNo5xx(checked)
            #expect(
                ["invalid_activation", "validation_error"].contains(checked.string("error_type") ?? ""),
                "\(value.debugDescription): \(checked)"
            )
            let deactivated = try await client.fluentCart("deactivate_license", oddSite)
            expectJSONNo5xx(deactivated)
            #expect(
                ["site_not_found", "validation_error"].contains(deactivated.string("error_type") ?? ""),
                "\(value.debugDescription): \(deactivated)"
            )

            // An odd item_id names no product.
            let oddItem: KeyValuePairs<String, String> = ["license_key": key, "item_id": value, "site_url": site]
            let mismatch = try await client.fluentCart("check_license", oddItem)
            expectJSONNo5xx(mismatch)
            #expect(
                ["key_mismatch", "validation_error"].contains(mismatch.string("error_type") ?? ""),
                "\(value.debugDescription): \(mismatch)"
            )
            let activateOddItem = try await client.fluentCart("activate_license", oddItem)
            expectJSONNo5xx(activateOddItem)
            #expect(
                ["key_mismatch", "validation_error"].contains(activateOddItem.string("error_type") ?? ""),
                "\(value.debugDescription): \(activateOddItem)"
            )
            let versionOddItem = try await client.fluentCart("get_license_version", oddItem)
            expectPublicError(versionOddItem, "product_not_found", "Product not found")

            // An odd activation hash is an unknown one.
            let oddHash = try await client.fluentCart(
                "check_license",
                ["activation_hash": value, "item_id": item, "site_url": site]
            )
            expectJSONNo5xx(oddHash)
            #expect(
                ["invalid_activation", "validation_error"].contains(oddHash.string("error_type") ?? ""),
                "\(value.debugDescription): \(oddHash)"
            )
        }
        #expect(try await state(of: fixture.license) == before)
        #expect(try await database.integer("SELECT count(*) FROM licenses WHERE id = \(other.license.id)") == 1)
        // The license still works.
        let check = try await client.fluentCart(
            "check_license",
            ["license_key": key, "item_id": item, "site_url": site]
        )
        #expect(check.string("status") == "valid", "\(check)")
    }

    @Test("treats a parameter sent in array form as missing")
    func arrayForms() async throws {
        let fixture = try await activated()
        let before = try await state(of: fixture.license)
        let key = fixture.license.licenseKey
        let item = "\(fixture.product.id)"
        let site = fixture.site
        let variants: [KeyValuePairs<String, String>] = [
            ["license_key[]": key, "item_id": item, "site_url": site],
            ["license_key[0]": key, "item_id": item, "site_url": site],
            ["license_key": key, "item_id[]": item, "site_url": site],
            ["license_key": key, "item_id": item, "site_url[a]": "x"],
            ["license_key": key, "item_id": item, "site_url[]": site],
            ["license_key": key, "item_id": item, "site_url": site, "site_url[]": site],
        ]
        for fields in variants {
            let checked = try await client.fluentCart("check_license", fields)
            expectCheckRefusal(checked, "validation_error", Self.required)
            expectPublicError(
                try await client.fluentCart("activate_license", fields),
                "validation_error",
                Self.required
            )
            expectPublicError(
                try await client.fluentCart("deactivate_license", fields),
                "validation_error",
                Self.required
            )
        }
        // The same through a JSON body: arrays and objects are not strings.
        for body in [
            #"{"license_key":["\#(key)"],"item_id":\#(item),"site_url":"\#(site)"}"#,
            #"{"license_key":"\#(key)","item_id":\#(item),"site_url":{"a":"\#(site)"}}"#,
        ] {
            let response = try await client.send("POST", "/?fluent-cart=activate_license", body: .json(body))
            expectPublicError(response, "validation_error", Self.required)
        }
        // A later plain value after an array form is the parameter again, as in PHP.
        let again = try await client.fluentCart(
            "check_license",
            ["license_key": key, "item_id": item, "site_url[]": site, "site_url": site]
        )
        #expect(again.string("status") == "valid", "\(again)")
        #expect(try await state(of: fixture.license) == before)
    }

    @Test("accepts every method for an action, and answers JSON to each", arguments: ["GET", "PUT", "DELETE", "PATCH"])
    func anyMethod(method: String) async throws {
        let fixture = try await activated()
        let query =
            "fluent-cart=check_license&license_key=\(fixture.license.licenseKey)&item_id=\(fixture.product.id)"
            + "&site_url=\(formEscaped(fixture.site))"
        let response = try await client.send(method, "/?\(query)")
        #expect(response.status == 200, "\(response)")
        #expect(response.string("status") == "valid", "\(response)")
    }

    @Test("drops a value holding invalid UTF-8, as wp_check_invalid_utf8 does, and writes nothing")
    func invalidUTF8() async throws {
        let fixture = try await activated()
        let before = try await state(of: fixture.license)
        let key = fixture.license.licenseKey
        let item = "\(fixture.product.id)"
        for body in [
            "license_key=\(key)%FF&item_id=\(item)&site_url=\(formEscaped(uniqueSite()))",
            "license_key=\(key)&item_id=\(item)&site_url=\(formEscaped(uniqueSite()))%C3%28",
            "license_key=\(key)&item_id=\(item)%ED%A0%80&site_url=\(formEscaped(uniqueSite()))",
        ] {
            let response = try await client.send(
                "POST",
                "/?fluent-cart=activate_license",
                body: .raw(Data(body.utf8), contentType: formType)
            )
            expectPublicError(response, "validation_error", Self.required)
        }
        #expect(try await state(of: fixture.license) == before)
    }

    @Test("logs a request whose User-Agent is far longer than the log keeps")
    func longUserAgent() async throws {
        let fixture = try await activated()
        let agent = "e2e-\(UUID().uuidString)-" + String(repeating: "👨‍👩‍👧‍👦", count: 200)
        let response = try await client.fluentCart(
            "check_license",
            ["license_key": fixture.license.licenseKey, "item_id": "\(fixture.product.id)", "site_url": fixture.site],
            headers: ["User-Agent": agent]
        )
        #expect(response.string("status") == "valid", "\(response)")
        let rows = try await database.rows(
            """
            SELECT result, length(user_agent) FROM license_checks
            WHERE license_id = \(fixture.license.id) AND api = 'check_license'
            """
        )
        #expect(rows.count == 1, "\(rows)")
        #expect(rows.first?.first == "valid")
        let length = rows.first.flatMap { $0.last ?? nil }.flatMap { Int($0) }
        #expect(length.map { (1...512).contains($0) } == true, "\(rows)")
    }

    @Test("answers 414 JSON, never nginx's HTML page, to an HTTP/1.1 request line too long for nginx")
    func overlongQuery() async throws {
        // HTTPSClient speaks HTTP/2, where nginx resets the stream of an oversized :path instead of answering, so
        // this one request goes over HTTP/1.1.
        var arguments = ["-sS", "--http1.1", "--max-time", "30", "-D", "-"]
        arguments += Stack.caCertificate.map { ["--cacert", $0] } ?? ["-k"]
        arguments.append(
            Stack.baseURL + "/?fluent-cart=check_license&license_key=" + String(repeating: "k", count: 20_000)
        )
        let output = try await Subprocess.run("/usr/bin/curl", arguments)
        try #require(output.exitStatus == 0, "\(output.stderrText)")
        let response = try HTTPResponse(parsing: output.stdout)
        #expect(response.status == 414, "\(response)")
        expectJSONBody(response)
    }
}

private let formType = "application/x-www-form-urlencoded"
