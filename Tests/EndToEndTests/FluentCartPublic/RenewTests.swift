import Foundation
import Testing

/// `renew_license` (fluentcart.md §4.7): a browser follows `check_license`'s `renew_url` here and is sent to the
/// subscription's renewal page; otherwise it reads FluentCart's plain-text answer.
@Suite("FluentCart renew_license", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct RenewTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    /// Puts the license on a new subscription whose renewal page is `url` (`''` is how an unset one is stored).
    func subscribe(_ license: License, reactivateURL url: String) async throws {
        let subscription = Int64.random(in: 1_000_000_000..<9_000_000_000_000)
        _ = try await database.value(
            """
            INSERT INTO subscriptions (id, reactivate_url) VALUES (\(subscription), \(Database.literal(url)));
            UPDATE licenses SET subscription_id = \(subscription) WHERE id = \(license.id) RETURNING id
            """
        )
    }

    /// As the SDK builds the link: a GET with the key in the query.
    func renew(_ key: String?, method: String = "GET") async throws -> HTTPResponse {
        let query = key.map { "&license_key=\(formEscaped($0))" } ?? ""
        return try await client.send(method, "/?fluent-cart=renew_license\(query)")
    }

    func expectText(
        _ response: HTTPResponse,
        _ status: Int,
        _ text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(response.status == status, "\(response)", sourceLocation: sourceLocation)
        #expect(
            response.header("Content-Type")?.lowercased().hasPrefix("text/plain") == true,
            "Content-Type \(response.header("Content-Type") ?? "missing")",
            sourceLocation: sourceLocation
        )
        #expect(response.text == text, sourceLocation: sourceLocation)
        #expect(response.header("Location") == nil, sourceLocation: sourceLocation)
    }

    /// Ways a license is expired for the public protocol (§2.2).
    enum Expired: String, CaseIterable, Sendable {
        case markedExpired = "status expired"
        case pastGrace = "expiry 16 days ago"

        var options: [String] {
            switch self {
            case .markedExpired: ["--status", "expired"]
            case .pastGrace: ["--expires", expiryTimestamp(daysFromNow: -16)]
            }
        }
    }

    @Test(
        "redirects an expired license with a renewal page to its subscription's reactivate_url",
        arguments: Expired.allCases
    )
    func redirects(expired: Expired) async throws {
        let (_, license) = try await cli.fluentCartLicense(expired.options)
        let url = "https://shop.example/renew/\(UUID().uuidString)?plan=yearly&x=1"
        try await subscribe(license, reactivateURL: url)
        for method in ["GET", "POST"] {
            let response = try await renew(license.licenseKey, method: method)
            #expect(response.status == 302, "\(response)")
            #expect(response.header("Location") == url)
        }
        // The key is looked up ignoring case, as everywhere.
        #expect(try await renew(license.licenseKey.uppercased()).header("Location") == url)
    }

    @Test("follows check_license's renew_url to the renewal page")
    func renewURLFromCheck() async throws {
        let (product, license) = try await cli.fluentCartLicense(["--expires", "lifetime"])
        let site = uniqueSite()
        let activated = try await client.fluentCart(
            "activate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(activated.status == 200)
        let url = "https://shop.example/renew/\(UUID().uuidString)"
        try await subscribe(license, reactivateURL: url)
        _ = try await cli.setLicense(license, ["--status", "expired"])
        let check = try await client.fluentCart(
            "check_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        let path = try pathOnMainStack(check.string("renew_url"))
        let response = try await client.send("GET", path)
        #expect(response.status == 302, "\(response)")
        #expect(response.header("Location") == url)
    }

    @Test(
        "answers 400 text/plain \"License key is required.\" without a key",
        arguments: ["", "&license_key=", "&license_key[]=x"]
    )
    func noKey(query: String) async throws {
        expectText(try await client.send("GET", "/?fluent-cart=renew_license\(query)"), 400, "License key is required.")
    }

    @Test("answers 404 text/plain \"License could not be found.\" to an unknown key")
    func unknownKey() async throws {
        for key in ["fct-\(UUID().uuidString.lowercased())", "x", String(repeating: "k", count: 300)] {
            expectText(try await renew(key), 404, "License could not be found.")
        }
    }

    @Test(
        "answers 409 text/plain \"Sorry, you can not renew this active license.\" to a license that has not expired",
        arguments: ["inactive", "active", "in grace", "disabled"]
    )
    func notExpired(state: String) async throws {
        let options: [String] =
            switch state {
            case "in grace": ["--expires", expiryTimestamp(daysFromNow: -10)]
            case "active", "disabled", "inactive": ["--status", state]
            default: []
            }
        let (_, license) = try await cli.fluentCartLicense(options)
        try await subscribe(license, reactivateURL: "https://shop.example/renew/\(UUID().uuidString)")
        expectText(try await renew(license.licenseKey), 409, "Sorry, you can not renew this active license.")
    }

    @Test(
        "answers 404 text/plain \"Renewal URL is not available for this license.\" to an expired license without one",
        arguments: Expired.allCases
    )
    func noRenewalURL(expired: Expired) async throws {
        let (_, withoutSubscription) = try await cli.fluentCartLicense(expired.options)
        expectText(
            try await renew(withoutSubscription.licenseKey),
            404,
            "Renewal URL is not available for this license."
        )
        let (_, withEmptyURL) = try await cli.fluentCartLicense(expired.options)
        try await subscribe(withEmptyURL, reactivateURL: "")
        expectText(try await renew(withEmptyURL.licenseKey), 404, "Renewal URL is not available for this license.")
    }

    @Test("is logged in the check log with its outcome")
    func logged() async throws {
        let (_, license) = try await cli.fluentCartLicense(["--status", "expired"])
        _ = try await renew(license.licenseKey)
        try await subscribe(license, reactivateURL: "https://shop.example/renew/\(UUID().uuidString)")
        _ = try await renew(license.licenseKey)
        let rows = try await database.rows(
            "SELECT result FROM license_checks WHERE license_id = \(license.id) AND api = 'renew_license' ORDER BY id"
        )
        #expect(rows.count == 2, "\(rows)")
        #expect(rows.last == ["redirect"], "\(rows)")
    }
}
