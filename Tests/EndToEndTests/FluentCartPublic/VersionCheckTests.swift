import Domain
import Foundation
import Testing

/// `get_license_version`, the update check (fluentcart.md §4.5).
@Suite("FluentCart get_license_version", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct VersionCheckTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    /// The keys of a valid answer, in the order of the spec's example, without `requires`/`requires_php`.
    static let validKeys = [
        "new_version", "stable_version", "name", "slug", "url", "last_updated", "homepage", "package",
        "download_link", "sections", "banners", "icons", "license_status", "trunk", "success",
    ]

    /// The keys of an answer for an invalid license: `license_message` after `license_status`, no `trunk`.
    static let invalidKeys = [
        "new_version", "stable_version", "name", "slug", "url", "last_updated", "homepage", "package",
        "download_link", "sections", "banners", "icons", "license_status", "license_message", "success",
    ]

    static let packagePrefix = "/?fluent-cart=download_license_package&fct_package="

    func versionCheck(_ fields: KeyValuePairs<String, String>) async throws -> HTTPResponse {
        try await client.fluentCart("get_license_version", fields)
    }

    func activate(_ license: License, _ product: Product, site: String) async throws -> String {
        let response = try await client.fluentCart(
            "activate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        return try #require(response.string("activation_hash"), "\(response)")
    }

    /// Sets keys of the settings' `wp` object (fluentcart.md §8).
    func setWordPress(_ product: Product, _ wp: String) async throws {
        _ = try await database.value(
            """
            UPDATE product_license_settings
            SET settings = settings || jsonb_build_object('wp', coalesce(settings->'wp', '{}'::jsonb) || '\(wp)'::jsonb)
            WHERE product_id = \(product.id) RETURNING product_id
            """
        )
    }

    /// Expects the answer for an invalid license (§4.5): 200, `license_status` and `license_message` in place of
    /// `trunk`, empty `package` and `download_link`; the product's fields are still there.
    func expectInvalid(
        _ response: HTTPResponse,
        _ product: Product,
        version: String = "1.0.0",
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(response.status == 200, "\(response)", sourceLocation: sourceLocation)
        #expect(
            response.header("Content-Type") == "application/json; charset=UTF-8",
            sourceLocation: sourceLocation
        )
        #expect(response.orderedKeys == Self.invalidKeys, "\(response)", sourceLocation: sourceLocation)
        #expect(response.string("license_status") == "invalid", sourceLocation: sourceLocation)
        #expect(response.string("license_message") == "Invalid License Key", sourceLocation: sourceLocation)
        #expect(response.string("package") == "", sourceLocation: sourceLocation)
        #expect(response.string("download_link") == "", sourceLocation: sourceLocation)
        #expect(response.json?["trunk"] == nil, sourceLocation: sourceLocation)
        #expect(response.string("new_version") == version, sourceLocation: sourceLocation)
        #expect(response.string("name") == product.title, sourceLocation: sourceLocation)
        #expect(response.orderedJSON?["success"] == .bool(true), sourceLocation: sourceLocation)
    }

    @Test("answers a valid key alone, without site or activation: 200, the settings version and the package URL")
    func validByKey() async throws {
        let product = try await cli.fluentCartProduct(version: "2.7.0")
        let license = try await cli.createLicense(for: product, ["--limit", "1"])
        let response = try await versionCheck(["license_key": license.licenseKey, "item_id": "\(product.id)"])
        #expect(response.status == 200, "\(response)")
        #expect(response.header("Content-Type") == "application/json; charset=UTF-8")
        #expect(response.orderedKeys == Self.validKeys, "\(response)")
        #expect(response.string("new_version") == "2.7.0")
        #expect(response.string("stable_version") == "2.7.0")
        #expect(response.string("name") == product.title)
        #expect(response.string("slug") == product.slug)
        #expect(response.string("license_status") == "valid")
        #expect(response.json?["license_message"] == nil)
        #expect(response.orderedJSON?["success"] == .bool(true))
        let package = try #require(response.string("package"))
        #expect(package.hasPrefix(Stack.baseURL + Self.packagePrefix), "\(package)")
        #expect(response.string("download_link") == package)
        #expect(response.string("trunk") == package)
        // Every value has the type clients expect.
        let json = try #require(response.orderedJSON)
        for key in Self.validKeys.filter({ !["sections", "banners", "icons", "success"].contains($0) }) {
            #expect(json[key]?.stringValue != nil, "\(key) is a string in \(response)")
        }
        for key in ["sections", "banners", "icons"] {
            guard case .object? = json[key] else {
                Issue.record("\(key) is an object in \(response)")
                continue
            }
        }
        // Nothing was activated by the check.
        #expect(
            try await database.integer("SELECT count(*) FROM license_activations WHERE license_id = \(license.id)") == 0
        )
    }

    @Test("gives sections, banners and icons FluentCart's shapes, empty strings when unset, and no requires keys")
    func defaultShapes() async throws {
        let description = "Tools for \(UUID().uuidString)."
        let product = try await cli.fluentCartProduct(version: "1.0.0", limit: 3, ["--description", description])
        let license = try await cli.createLicense(for: product)
        let response = try await versionCheck(["license_key": license.licenseKey, "item_id": "\(product.id)"])
        let json = try #require(response.orderedJSON, "\(response)")
        #expect(response.orderedKeys(of: "sections") == ["description", "changelog"])
        #expect(json["sections"]?["description"] == .string(description))
        #expect(json["sections"]?["changelog"] == .string(""))
        #expect(response.orderedKeys(of: "banners") == ["low", "high"])
        #expect(json["banners"]?["low"] == .string("") && json["banners"]?["high"] == .string(""))
        #expect(response.orderedKeys(of: "icons") == ["2x", "1x"])
        #expect(json["icons"]?["2x"] == .string("") && json["icons"]?["1x"] == .string(""))
        #expect(json["requires"] == nil && json["requires_php"] == nil, "\(response)")
        let homepage = "\(Stack.baseURL)/item/\(product.slug)/"
        #expect(response.string("homepage") == homepage)
        #expect(response.string("url") == homepage, "url falls back to the permalink")
        let updated = try await database.value(
            """
            SELECT to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM products
            WHERE id = \(product.id)
            """
        )
        #expect(response.string("last_updated") == updated)
    }

    @Test("takes url, banners, icons, requires and requires_php from the settings' wp object, in the spec's order")
    func wordPressSettings() async throws {
        let product = try await cli.fluentCartProduct(version: "3.1.0")
        let license = try await cli.createLicense(for: product)
        try await setWordPress(
            product,
            """
            {"readme_url":"https://acme.example/readme.txt","banner_url":"https://acme.example/b.png",
             "icon_url":"https://acme.example/i.png","required_php":"7.4","required_wp":"6.0"}
            """
        )
        let response = try await versionCheck(["license_key": license.licenseKey, "item_id": "\(product.id)"])
        #expect(
            response.orderedKeys
                == Array(Self.validKeys.dropLast()) + ["requires", "requires_php", "success"],
            "\(response)"
        )
        let json = try #require(response.orderedJSON)
        #expect(response.string("url") == "https://acme.example/readme.txt")
        #expect(response.string("homepage") == "\(Stack.baseURL)/item/\(product.slug)/")
        #expect(
            json["banners"] == .object(["low": "https://acme.example/b.png", "high": "https://acme.example/b.png"])
        )
        #expect(json["icons"] == .object(["2x": "https://acme.example/i.png", "1x": "https://acme.example/i.png"]))
        #expect(response.string("requires") == "6.0")
        #expect(response.string("requires_php") == "7.4")

        // Each is present only when set.
        try await setWordPress(product, #"{"required_wp":""}"#)
        let phpOnly = try await versionCheck(["license_key": license.licenseKey, "item_id": "\(product.id)"])
        #expect(phpOnly.orderedKeys == Array(Self.validKeys.dropLast()) + ["requires_php", "success"], "\(phpOnly)")
        try await setWordPress(product, #"{"required_wp":"6.5","required_php":""}"#)
        let wpOnly = try await versionCheck(["license_key": license.licenseKey, "item_id": "\(product.id)"])
        #expect(wpOnly.orderedKeys == Array(Self.validKeys.dropLast()) + ["requires", "success"], "\(wpOnly)")
        #expect(wpOnly.string("requires") == "6.5")

        // An invalid license gets the same product fields, license_status and license_message in their place.
        let invalid = try await versionCheck([
            "license_key": "unknown-\(UUID().uuidString)", "item_id": "\(product.id)",
        ])
        #expect(
            invalid.orderedKeys == Array(Self.invalidKeys.dropLast()) + ["requires", "success"],
            "\(invalid)"
        )
    }

    @Test("uses the product's own permalink for homepage and url when it has one")
    func permalink() async throws {
        let product = try await cli.fluentCartProduct()
        let license = try await cli.createLicense(for: product)
        let permalink = "https://acme.example/products/\(product.slug)"
        _ = try await database.value(
            "UPDATE products SET permalink = \(Database.literal(permalink)) WHERE id = \(product.id) RETURNING id"
        )
        let response = try await versionCheck(["license_key": license.licenseKey, "item_id": "\(product.id)"])
        #expect(response.string("homepage") == permalink)
        #expect(response.string("url") == permalink)
    }

    @Test("signs a package token for the license, its activation (or 0) and the product, valid for 48 hours")
    func packageToken() async throws {
        let product = try await cli.fluentCartProduct()
        let license = try await cli.createLicense(for: product, ["--limit", "3"])
        let hash = try await activate(license, product, site: uniqueSite())
        let activationID = try await database.integer(
            "SELECT id FROM license_activations WHERE activation_hash = \(Database.literal(hash))"
        )

        let cases: [(KeyValuePairs<String, String>, Int64)] = [
            (["license_key": license.licenseKey, "item_id": "\(product.id)"], 0),
            (["activation_hash": hash, "item_id": "\(product.id)"], Int64(activationID)),
        ]
        for (fields, expectedActivation) in cases {
            let response = try await versionCheck(fields)
            let package = try #require(response.string("package"), "\(response)")
            #expect(
                !package.contains(license.licenseKey) && !package.lowercased().contains(license.licenseKey.lowercased())
            )
            #expect(!package.contains(hash), "the URL names no activation hash either")
            let path = try pathOnMainStack(package)
            let (_, token) = try #require(SpecToken.split(path, after: "fct_package="))
            #expect(path == Self.packagePrefix + token, "nothing follows the token in \(path)")
            let fields = try #require(SpecToken.fields(of: token), "token \(token)")
            #expect(fields.prefix == "v1")
            #expect(fields.licenseID == license.id)
            #expect(fields.activationID == expectedActivation)
            #expect(fields.productID == product.id)
            let lifetime = fields.expires - Date().timeIntervalSince1970
            #expect(lifetime > 48 * 3600 - 120 && lifetime <= 48 * 3600, "lifetime \(lifetime) s")
            if let secret = SpecToken.secret {
                #expect(SpecToken.isSigned(token, secret: secret), "HMAC-SHA256(DOWNLOAD_SECRET, payload)")
            }
        }
    }

    @Test("keeps a lapsed license valid for the 15-day grace period")
    func grace() async throws {
        let product = try await cli.fluentCartProduct()
        let license = try await cli.createLicense(for: product, ["--expires", expiryTimestamp(daysFromNow: -14)])
        let response = try await versionCheck(["license_key": license.licenseKey, "item_id": "\(product.id)"])
        #expect(response.string("license_status") == "valid", "\(response)")
        #expect(response.string("package")?.isEmpty == false)
    }

    /// Licenses the update check must call invalid (§4.5).
    enum InvalidCase: String, CaseIterable, Sendable {
        case noKey = "no key or hash"
        case unknownKey = "an unknown key"
        case unknownHash = "an unknown activation hash"
        case otherProduct = "another product's key"
        case otherProductHash = "another product's activation hash"
        case pastGrace = "a key 16 days past its expiry"
        case markedExpired = "a key whose status is expired"
        case disabled = "a disabled key"
        case arrayKey = "a key sent as license_key[]"
    }

    @Test(
        "answers 200 license_status invalid, Invalid License Key, empty package and download_link, no trunk for",
        arguments: InvalidCase.allCases
    )
    func invalid(_ invalidCase: InvalidCase) async throws {
        let product = try await cli.fluentCartProduct(version: "4.0.1")
        let item = "\(product.id)"
        let fields: KeyValuePairs<String, String>
        switch invalidCase {
        case .noKey:
            fields = ["item_id": item, "site_url": uniqueSite(), "current_version": "1.0"]
        case .unknownKey:
            fields = ["license_key": "fct-\(UUID().uuidString.lowercased())", "item_id": item]
        case .unknownHash:
            fields = ["activation_hash": String(repeating: "0f", count: 16), "item_id": item]
        case .otherProduct:
            let (_, other) = try await cli.fluentCartLicense()
            fields = ["license_key": other.licenseKey, "item_id": item]
        case .otherProductHash:
            let (otherProduct, other) = try await cli.fluentCartLicense()
            let hash = try await activate(other, otherProduct, site: uniqueSite())
            fields = ["activation_hash": hash, "item_id": item]
        case .pastGrace:
            let license = try await cli.createLicense(for: product, ["--expires", expiryTimestamp(daysFromNow: -16)])
            fields = ["license_key": license.licenseKey, "item_id": item]
        case .markedExpired:
            let license = try await cli.createLicense(for: product, ["--status", "expired"])
            fields = ["license_key": license.licenseKey, "item_id": item]
        case .disabled:
            let license = try await cli.createLicense(for: product, ["--status", "disabled"])
            fields = ["license_key": license.licenseKey, "item_id": item]
        case .arrayKey:
            let license = try await cli.createLicense(for: product)
            fields = ["license_key[]": license.licenseKey, "item_id": item]
        }
        expectInvalid(try await versionCheck(fields), product, version: "4.0.1")
    }

    @Test("an expired or disabled license's activation hash is invalid too, and its version is not recorded")
    func invalidHashRecordsNothing() async throws {
        let product = try await cli.fluentCartProduct()
        let license = try await cli.createLicense(for: product, ["--limit", "3"])
        let hash = try await activate(license, product, site: uniqueSite())
        _ = try await cli.setLicense(license, ["--status", "disabled"])
        let response = try await versionCheck(
            ["activation_hash": hash, "item_id": "\(product.id)", "current_version": "9.9.9"])
        expectInvalid(response, product)
        #expect(
            try await database.integer(
                """
                SELECT length(last_update_version) FROM license_activations
                WHERE activation_hash = \(Database.literal(hash))
                """
            ) == 0
        )
    }

    @Test(
        "refuses an unknown product or an empty item_id with 422 product_not_found",
        arguments: ["missing", "", "   ", "999999999999", "abc", "%dabc", "%d[]"]
    )
    func productNotFound(item: String) async throws {
        let (product, license) = try await cli.fluentCartLicense()
        let fields: KeyValuePairs<String, String>
        if item == "missing" {
            fields = ["license_key": license.licenseKey]
        } else if item == "%d[]" {
            fields = ["license_key": license.licenseKey, "item_id[]": "\(product.id)"]
        } else {
            fields = [
                "license_key": license.licenseKey,
                "item_id": item.replacingOccurrences(of: "%d", with: "\(product.id)"),
            ]
        }
        expectPublicError(try await versionCheck(fields), "product_not_found", "Product not found")
    }

    @Test("refuses a product that has no license settings with 422 license_settings_not_found")
    func noSettings() async throws {
        let product = try await cli.createProduct(["--no-license-settings"])
        let license = try await cli.createLicense(for: product)
        expectPublicError(
            try await versionCheck(["license_key": license.licenseKey, "item_id": "\(product.id)"]),
            "license_settings_not_found",
            "License settings not found for this product"
        )
        expectPublicError(
            try await versionCheck(["item_id": "\(product.id)"]),
            "license_settings_not_found",
            "License settings not found for this product"
        )
    }

    @Test("refuses a product whose licensing is off with 422 license_not_enabled, whatever the license")
    func licensingOff() async throws {
        let product = try await cli.createProduct(["--licensing", "off", "--version", "1.0.0"])
        let license = try await cli.createLicense(for: product)
        expectPublicError(
            try await versionCheck(["license_key": license.licenseKey, "item_id": "\(product.id)"]),
            "license_not_enabled",
            "License is not enabled for this product"
        )
        expectPublicError(
            try await versionCheck(["item_id": "\(product.id)"]),
            "license_not_enabled",
            "License is not enabled for this product"
        )
    }

    @Test("records current_version as the activation's last_update_version, and the site's versions, by hash")
    func recordsVersionByHash() async throws {
        let product = try await cli.fluentCartProduct(version: "5.0.0")
        let license = try await cli.createLicense(for: product, ["--limit", "3"])
        let site = uniqueSite()
        let hash = try await activate(license, product, site: site)
        let activation = "activation_hash = \(Database.literal(hash))"
        #expect(
            try await database.integer(
                "SELECT length(last_update_version) FROM license_activations WHERE \(activation)"
            )
                == 0
        )
        _ = try await database.value(
            "UPDATE license_activations SET last_update_date = '2001-01-01' WHERE \(activation) RETURNING id"
        )

        let response = try await versionCheck(
            [
                "activation_hash": hash, "item_id": "\(product.id)", "current_version": "4.2.0",
                "server_version": "8.3.0", "platform_version": "6.6",
                "site_url": "https://somewhere-else.example",
            ]
        )
        #expect(response.string("license_status") == "valid", "\(response)")
        let rows = try await database.rows(
            """
            SELECT a.last_update_version, a.last_update_date > now() - interval '5 minutes', s.server_version,
                   s.platform_version
            FROM license_activations a JOIN license_sites s ON s.id = a.site_id WHERE a.\(activation)
            """
        )
        #expect(rows == [["4.2.0", "t", "8.3.0", "6.6"]])
        // No new activation or site for the site_url that came with the hash.
        #expect(
            try await database.integer("SELECT count(*) FROM license_activations WHERE license_id = \(license.id)") == 1
        )
    }

    @Test("records the version for a key with the site it is activated on, and nothing for a key alone")
    func recordsVersionByKeyAndSite() async throws {
        let product = try await cli.fluentCartProduct()
        let license = try await cli.createLicense(for: product, ["--limit", "3"])
        let site = uniqueSite()
        let hash = try await activate(license, product, site: site)
        let query =
            "SELECT last_update_version FROM license_activations WHERE activation_hash = \(Database.literal(hash))"

        let withSite = try await versionCheck(
            [
                "license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site + "/",
                "current_version": "1.1.0",
            ])
        #expect(withSite.string("license_status") == "valid")
        #expect(try await database.value(query) == "1.1.0")

        let keyAlone = try await versionCheck(
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "current_version": "1.2.0"])
        #expect(keyAlone.string("license_status") == "valid")
        let otherSite = try await versionCheck(
            [
                "license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": uniqueSite(),
                "current_version": "1.3.0",
            ])
        #expect(otherSite.string("license_status") == "valid", "a key needs no activation")
        #expect(try await database.value(query) == "1.1.0")
        #expect(
            try await database.integer("SELECT count(*) FROM license_activations WHERE license_id = \(license.id)") == 1
        )
    }

    @Test("the key wins over the activation hash, as in check_license")
    func keyWinsOverHash() async throws {
        let product = try await cli.fluentCartProduct()
        let license = try await cli.createLicense(for: product, ["--limit", "3"])
        let hash = try await activate(license, product, site: uniqueSite())
        let unknownKey = try await versionCheck(
            [
                "license_key": "fct-\(UUID().uuidString.lowercased())", "activation_hash": hash,
                "item_id": "\(product.id)",
            ])
        expectInvalid(unknownKey, product)
        let validKey = try await versionCheck(
            [
                "license_key": license.licenseKey, "activation_hash": String(repeating: "0e", count: 16),
                "item_id": "\(product.id)",
            ])
        #expect(validKey.string("license_status") == "valid", "\(validKey)")
    }

    @Test(
        "builds homepage and the package URL on PUBLIC_BASE_URL when the server has one",
        .enabled(if: Stack.hasV1Stack, "needs the V1 stack, started with PUBLIC_BASE_URL")
    )
    func publicBaseURL() async throws {
        let product = try await cli.fluentCartProduct()
        let license = try await cli.createLicense(for: product)
        let response = try await HTTPSClient.v1.fluentCart(
            "get_license_version",
            ["license_key": license.licenseKey, "item_id": "\(product.id)"]
        )
        #expect(response.string("homepage") == "\(Stack.v1PublicBaseURL)/item/\(product.slug)/")
        let package = try #require(response.string("package"), "\(response)")
        #expect(package.hasPrefix(Stack.v1PublicBaseURL + Self.packagePrefix), "\(package)")
        #expect(response.string("trunk") == package)
    }

    @Test("is logged in the check log with its outcome")
    func logged() async throws {
        let product = try await cli.fluentCartProduct()
        let license = try await cli.createLicense(for: product)
        _ = try await versionCheck(["license_key": license.licenseKey, "item_id": "\(product.id)"])
        _ = try await cli.setLicense(license, ["--status", "disabled"])
        _ = try await versionCheck(["license_key": license.licenseKey, "item_id": "\(product.id)"])
        let rows = try await database.rows(
            """
            SELECT result, product_id FROM license_checks
            WHERE license_id = \(license.id) AND api = 'get_license_version' ORDER BY id
            """
        )
        #expect(rows == [["valid", "\(product.id)"], ["invalid", "\(product.id)"]])
    }
}
