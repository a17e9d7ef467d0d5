import Domain
import Foundation

@testable import LicenseFCGI

/// One family of routes each: how a request to it is made wrong by construction.
extension FuzzCaseGenerator {
    /// FaxStore checks (faxstore.md §5). A well-formed check with an unknown key answers HTTP 200 by the spec, so
    /// every request here carries one of §5's faults: a product id that is not an int64, a method other than POST, a
    /// body that is not JSON or not an object, a body over 64 KiB, bad `proIds`, an unknown `/api/` path.
    mutating func faxStore(baseURL: String, legacy: Bool) -> FuzzCase {
        let single = legacy ? "/api/checkitem/" : "/api/check/"
        let anyProduct = random.pick(["1", "2", "3", "17", "multiple", "9223372036854775000"])
        var method = "POST"
        var path = single + anyProduct
        var body = anyBody()
        let fault: String
        switch Int.random(in: 0..<(legacy ? 6 : 7), using: &random) {
        case 0:
            fault = "product id not an int64"
            path = single + badProductID()
        case 1:
            fault = "method other than POST"
            method = random.pick(["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW", "post", "G-E-T", "PRI"])
        case 2:
            fault = "invalid JSON"
            body = (
                Data(invalidJSON().utf8),
                random.pick([
                    "application/json", "application/json; charset=utf-8", nil, "text/plain", "APPLICATION/JSON",
                ])
            )
        case 3:
            fault = "JSON not an object"
            body = (Data(random.pick(Self.nonObjects + [random.wrongJSONValue()]).utf8), "application/json")
            if body.map({ $0.0.first == UInt8(ascii: "{") }) == true { body = (Data("[]".utf8), "application/json") }
        case 4:
            fault = "body over 64 KiB"
            body = (bigBody(), random.pick(["application/json", "application/x-www-form-urlencoded", nil]))
        case 5:
            fault = "unknown /api path"
            var paths = [
                "/api/check", "/api/check/1/extra", "/api/", "/api/check/multiple/1", "/api/\(random.letters(8))",
            ]
            if !legacy { paths.append("/api/checkitem/1") }
            path = random.pick(paths)
        default:
            fault = "bad proIds"
            path = "/api/check/multiple"
            let bad = random.pick(Self.badProductIDLists + [random.wrongJSONValue()])
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                body = (Data("{\"proIds\":\(bad)}".utf8), "application/json")
            case 1:
                body = (
                    Data(
                        random.pick([
                            "proIds=", "proIds[]=x", "proIds=8,,x", "proIds[]=", "proIds=1.5", "proIds[0]=a",
                            "proIds=%00",
                        ]).utf8
                    ), "application/x-www-form-urlencoded"
                )
            default:
                body = (Data(#"{"info":"no proIds"}"#.utf8), "application/json")
            }
        }
        var headers: [RawRequest.Header] = []
        if let key = authorizationValue() { headers.append(RawRequest.Header(name: "Authorization", value: key)) }
        if random.chance(0.4) {
            path += "?" + random.encoded([("log", random.pick(["false", "0", "no"])), ("info", random.hostileText())])
        }
        let request = RawRequest(baseURL: baseURL, method: method, target: path, headers: headers, body: body)
        return FuzzCase(request: request, label: "\(legacy ? "faxstore v1" : "faxstore"): \(fault)")
    }

    /// REST routes, every one of `RESTRoutes.all`, as nobody, as broken or unknown credentials, as a wrong password,
    /// and as a real administrator and customer. Known users only meet ids and keys that name nothing, so they get
    /// the route's own 404/422 (or 403 for a customer on an admin route); a read they may do can answer 200.
    mutating func rest() -> FuzzCase {
        let route = random.pick(RESTRoutes.all)
        let caller = random.pick(
            Array(repeating: "anonymous", count: 20) + Array(repeating: "broken Basic", count: 15)
                + Array(repeating: "unknown login", count: 10) + ["wrong password"]
                + Array(repeating: "administrator", count: 27) + Array(repeating: "customer", count: 27)
        )
        let user: User? = caller == "administrator" ? administrator : caller == "customer" ? customer : nil
        let wrongMethod = random.chance(0.1)
        let method =
            wrongMethod
            ? random.pick(["GET", "POST", "PUT", "DELETE", "PATCH"].filter { $0 != route.method }) : route.method
        let path = route.template.split(separator: "/").map { part -> String in
            switch part {
            case "{id}":
                return random.chance(0.7)
                    ? random.pick(["9223372036854775000", "0"]) : random.queryValue(random.hostileNumber())
            case "{license_key}":
                return random.chance(0.5) ? "fz" + random.letters(30) : random.queryValue(random.unknownKey())
            default: return String(part)
            }
        }.joined(separator: "/")
        var fields = random.chance(0.5) ? hostileFields() : []
        var body = method == "GET" ? (random.chance(0.1) ? anyBody() : nil) : anyBody()
        // DELETE settings/license without a key would unregister this installation's license (fluentcart.md §10):
        // an administrator's request there always names a key that does not exist, last, in the query and the body.
        let unknown = "fz" + random.letters(32)
        if route.template == "settings/license", method == "DELETE" {
            fields = fields.filter { $0.0 != "license_key" && $0.0 != "domain" } + [("license_key", unknown)]
            body = random.chance(0.5) ? nil : (Data("{\"license_key\":\"\(unknown)\"}".utf8), "application/json")
        }
        var target: String
        var query = fields.map { "\(random.queryValue($0.0))=\(random.queryValue($0.1))" }.joined(separator: "&")
        if route.template == "settings/license", method == "DELETE" {
            query = fields.map {
                "\($0.0 == "license_key" ? $0.0 : random.queryValue($0.0))=\($0.0 == "license_key" ? $0.1 : random.queryValue($0.1))"
            }.joined(separator: "&")
        }
        if random.chance(0.15) {
            target = "/?rest_route=/fluent-cart/v2/" + path + (query.isEmpty ? "" : "&" + query)
        } else {
            target = "/wp-json/fluent-cart/v2/" + path + (query.isEmpty ? "" : "?" + query)
        }
        let headers = restCredentials(caller, user: user)
        let request = RawRequest(method: method, target: target, headers: headers, body: body)
        let role: UserRole? = caller == "administrator" ? .administrator : caller == "customer" ? .customer : nil
        var fuzzCase = FuzzCase(
            request: request,
            label: "rest \(route.method) \(route.template) as \(caller)\(wrongMethod ? ", wrong method" : "")"
        )
        // A wrong method may land on another route of the same path (GET settings/license from its POST).
        fuzzCase.mayAnswer200 =
            method == "GET"
            && RESTRoutes.all.contains {
                $0.method == "GET" && $0.template == route.template && role.map($0.permission.allows) == true
            }
        return fuzzCase
    }

    /// The public protocol (fluentcart.md §4) with keys, hashes, items and tokens that name nothing, on any method.
    /// `check_license` answers every request 200 and `renew_license` answers in plain text, both by the spec.
    mutating func publicProtocol() -> FuzzCase {
        let known = [
            "check_license", "activate_license", "deactivate_license", "get_license_version",
            "download_license_package", "download-by-id", "renew_license",
        ]
        var actions = [random.chance(0.85) ? random.pick(known) : random.hostileText()]
        if random.chance(0.15) { actions.append(random.chance(0.5) ? random.pick(known) : random.hostileText()) }
        let forgedToken =
            Data("v1:1:0:1:4102444800".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "") + "."
            + random.letters(43)
        var fields: [(String, String)] = [
            ("license_key", random.unknownKey()), ("site_url", random.hostileText()),
            ("item_id", notAnID(random.chance(0.5) ? random.hostileNumber() : random.hostileText())),
            ("activation_hash", random.chance(0.5) ? random.letters(32) : random.hostileText()),
            ("fct_package", random.chance(0.5) ? forgedToken : random.hostileText()),
            ("fct_download", random.chance(0.5) ? forgedToken : random.hostileText()),
            ("current_version", random.hostileText()),
        ].filter { _ in random.chance(0.6) }
        fields.shuffle(using: &random)
        let actionQuery = actions.map { "fluent-cart=\(random.chance(0.8) ? $0 : random.queryValue($0))" }
        let inQuery = random.chance(0.5)
        var target = random.pick([
            "/", "/", "/", "/index.php", "/shop/", "/wp-admin/admin-ajax.php", "/\(random.letters(6))",
        ])
        target += "?" + actionQuery.joined(separator: "&")
        if inQuery, !fields.isEmpty { target += "&" + random.encoded(fields) }
        var body: (Data, contentType: String?)?
        if !inQuery {
            if random.chance(0.5) {
                body = (Data(random.encoded(fields).utf8), "application/x-www-form-urlencoded")
            } else {
                let object = fields.map { "\(jsonString($0.0)):\(jsonString($0.1))" }.joined(separator: ",")
                body = (Data("{\(object)}".utf8), "application/json")
            }
        } else if random.chance(0.3) {
            body = anyBody()
        }
        let method = random.pick(["POST", "POST", "POST", "GET", "GET", "PUT", "DELETE", "OPTIONS", "PATCH"])
        let request = RawRequest(method: method, target: target, body: body)
        var fuzzCase = FuzzCase(request: request, label: "public \(actions.map { String($0.prefix(30)) })")
        fuzzCase.mayAnswer200 = actions.contains("check_license")
        fuzzCase.mayBePlainText = actions.contains("renew_license")
        return fuzzCase
    }

    /// `POST /api/events` without a right signature (fluentcart.md §11).
    mutating func events() -> FuzzCase {
        var headers: [RawRequest.Header] = []
        if random.chance(0.7) {
            headers.append(
                RawRequest.Header(
                    name: "X-Signature",
                    value: random.chance(0.5) ? random.letters(64) : random.hostileText()
                )
            )
        }
        if random.chance(0.7) {
            let now = Int(Date().timeIntervalSince1970)
            headers.append(
                RawRequest.Header(name: "X-Timestamp", value: random.chance(0.5) ? "\(now)" : random.hostileText())
            )
        }
        let body = anyBody()
        let method = random.chance(0.8) ? "POST" : random.pick(["GET", "PUT", "DELETE"])
        let request = RawRequest(method: method, target: "/api/events", headers: headers, body: body)
        return FuzzCase(request: request, label: "events")
    }

    /// `/healthz` and `/metrics` answer 200 whatever the method (the tests come from loopback, which METRICS_ALLOW
    /// lists), `/metrics` in Prometheus text: probes that read no input and change nothing, so any method is
    /// harmless, and a monitor may use any.
    mutating func healthOrMetrics() -> FuzzCase {
        let path = random.pick(["/healthz", "/metrics"])
        let method = random.chance(0.5) ? "GET" : random.pick(["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "BREW"])
        let target = path + (random.chance(0.5) ? "?" + random.encoded(hostileFields()) : "")
        let body = method == "GET" ? nil : anyBody()
        let request = RawRequest(method: method, target: target, body: body)
        var fuzzCase = FuzzCase(request: request, label: "\(path) \(method)")
        fuzzCase.mayAnswer200 = true
        fuzzCase.mayBePlainText = path == "/metrics"
        return fuzzCase
    }

    /// Paths nothing serves, internal nginx locations, malformed request targets and overlong URLs.
    mutating func unknownPath() -> FuzzCase {
        let target = random.pick([
            "/", "/index.html", "/.env", "/wp-login.php", "/wp-json", "/wp-json/", "/wp-json/fluent-cart/v2/",
            "/wp-json/wp/v2/users", "/wp-json/fluent-cart/v2/licensing", "/protected-downloads/x",
            "/.license-error/400", "/api", "/\(random.letters(12))",
            "/" + random.percentEncoded(String(decoding: random.bytes(20), as: UTF8.self)),
            "*", "https://evil.example/\(random.letters(4))",
            "/" + random.letters(Int.random(in: 9_000...20_000, using: &random)),
            "/?" + random.letters(Int.random(in: 9_000...20_000, using: &random)), "/a b", "/\u{7F}", "/é/ü",
            "/?rest_route=", "/?rest_route=/fluent-cart/v2/nothing", "/?fluent-cart=", "/?fluent-cart",
        ])
        let method = random.pick(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW"])
        let body = method == "GET" ? nil : anyBody()
        let request = RawRequest(method: method, target: target, body: body)
        return FuzzCase(request: request, label: "unknown path")
    }

    // MARK: - Pieces

    static let nonObjects = ["[]", "[1]", "\"x\"", "1", "-1", "null", "true", "1e400", "[{}]"]
    static let badProductIDLists = [
        "[]", "\"\"", "[\"x\"]", "[1.5]", "[99999999999999999999]", "{}", "null", "true", "[[1]]", "[null]",
        "\"8,x\"", "[\"\"]", "[true]", "[\"-\"]",
    ]

    /// A product id path segment that is not digits within int64.
    mutating func badProductID() -> String {
        let candidate = random.chance(0.5) ? random.hostileNumber() : random.queryValue(random.hostileText())
        let digitsOnly = !candidate.isEmpty && candidate.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
        if digitsOnly, Int64(candidate) != nil { return candidate + "x" }
        return candidate.isEmpty ? "x" : candidate
    }

    /// `value`, unless PHP could read it as a positive number (fluentcart.md §4.1: `04` and `4.0` name product 4),
    /// which might name a real product: then with a letter in front.
    func notAnID(_ value: String) -> String {
        let compact = value.filter { !$0.isWhitespace }
        guard let number = Double(compact), number >= 1, number < 1e19 else { return value }
        return "x" + value
    }

    /// A FaxStore key header: none, empty, unknown, `Bearer`, or overlong.
    mutating func authorizationValue() -> String? {
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return nil
        case 1: return ""
        case 2: return "Bearer " + random.unknownKey()
        default: return random.unknownKey()
        }
    }

    /// The `Authorization` header for a REST caller; wrong passwords are rare because each costs a slow hash.
    mutating func restCredentials(_ caller: String, user: User?) -> [RawRequest.Header] {
        func basic(_ text: String) -> RawRequest.Header {
            RawRequest.Header(name: "Authorization", value: "Basic " + Data(text.utf8).base64EncodedString())
        }
        switch caller {
        case "anonymous":
            return random.chance(0.5)
                ? [] : [RawRequest.Header(name: "Cookie", value: "wordpress_logged_in_x=\(random.hostileText())")]
        case "broken Basic":
            let value = random.pick([
                "Basic", "Basic ", "Basic !!!!", "Basic " + Data(random.letters(12).utf8).base64EncodedString(),
                "Basic " + Data(":\(random.letters(24))".utf8).base64EncodedString(),
                "Basic " + Data("\(administrator.login):".utf8).base64EncodedString(),
                "Basic " + Data("\(administrator.login):\(random.letters(100))".utf8).base64EncodedString(),
                "Basic " + random.bytes(30).base64EncodedString(), "Bearer \(random.letters(40))", "Digest x",
                "Basic " + String(repeating: "QUFB", count: 3_000), "Basic " + random.hostileText(),
                "Basic=" + Data("a:b".utf8).base64EncodedString(),
            ])
            return [RawRequest.Header(name: "Authorization", value: value)]
        case "unknown login":
            return [basic("fz\(random.letters(12)):\(random.letters(24))")]
        case "wrong password":
            return [basic("\(administrator.login):\(random.letters(24))")]
        default:
            let user = user!
            return [basic("\(user.login):\(user.applicationPassword)")]
        }
    }
}
