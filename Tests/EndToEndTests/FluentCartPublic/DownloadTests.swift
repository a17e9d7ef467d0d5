import Crypto
import Foundation
import Testing

/// `download_license_package` and `download-by-id` (fluentcart.md §4.6): a release stored with the CLI, offered by the
/// update check, and streamed by nginx from `DOWNLOADS_DIR`; and every refusal on the way.
@Suite("FluentCart package downloads", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct DownloadTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    /// A licensing-on product with one license activated on a fresh site.
    struct Fixture {
        var product: Product
        var license: License
        var site: String
        var hash: String
    }

    func activatedLicense() async throws -> Fixture {
        let (product, license) = try await cli.fluentCartLicense(limit: 3, ["--expires", "lifetime"])
        let site = uniqueSite()
        let response = try await client.fluentCart(
            "activate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        let hash = try #require(response.string("activation_hash"), "\(response)")
        return Fixture(product: product, license: license, site: site, hash: hash)
    }

    /// What `product release` printed, and the bytes it was given.
    struct Release {
        var path: String
        var version: String
        var bytes: Data
        var changelog: String
        var output: CLIOutput
    }

    /// Writes `size` random bytes and a changelog to a fresh temporary folder and releases them as `version`.
    func release(_ product: Product, version: String, size: Int = 300 * 1024) async throws -> Release {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-release-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SystemRandomNumberGenerator()
        let bytes = Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let file = folder.appendingPathComponent("package-\(UUID().uuidString.prefix(8)).zip")
        try bytes.write(to: file)
        let changelog = "<h4>\(version)</h4><ul><li>Release \(UUID().uuidString).</li></ul>"
        let changelogFile = folder.appendingPathComponent("changelog.html")
        try Data(changelog.utf8).write(to: changelogFile)
        let output = try await cli.run([
            "product", "release", "--product", "\(product.id)", "--version", version, "--file", file.path,
            "--changelog", changelogFile.path,
        ])
        let path = try #require(
            output.object["path"] as? String,
            "path in \(String(decoding: output.stdout, as: UTF8.self))"
        )
        return Release(path: path, version: version, bytes: bytes, changelog: changelog, output: output)
    }

    /// The package URL an update check hands out for a valid license, as a path on the main stack.
    func packagePath(_ fields: KeyValuePairs<String, String>) async throws -> String {
        let response = try await client.fluentCart("get_license_version", fields)
        #expect(response.status == 200, "\(response)")
        #expect(response.string("license_status") == "valid", "\(response)")
        return try pathOnMainStack(response.string("package"))
    }

    /// Follows a package URL one step: its 302 to `download-by-id`, as a path on the main stack.
    func downloadPath(fromPackage path: String) async throws -> String {
        let response = try await client.send("GET", path)
        #expect(response.status == 302, "\(response)")
        return try pathOnMainStack(response.header("Location"))
    }

    @Test("a released file is offered by the update check and streamed through nginx byte for byte")
    func fullFlow() async throws {
        let fixture = try await activatedLicense()
        let release = try await release(fixture.product, version: "2.4.1")

        // The CLI's answer and the stored file.
        #expect(release.output.object["product_id"] as? Int == Int(fixture.product.id))
        #expect(release.output.object["version"] as? String == "2.4.1")
        #expect(Set(release.output.object.keys) == ["product_id", "version", "path"])
        #expect(!release.path.hasPrefix("/") && !release.path.split(separator: "/").contains(".."), "\(release.path)")
        let directory = try #require(DownloadTests.downloadsDirectory, "DOWNLOADS_DIR is exported by scripts/test.sh")
        let stored = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(release.path))
        #expect(stored == release.bytes, "the file under DOWNLOADS_DIR at \(release.path) holds the released bytes")

        // The update check offers the new version and its changelog.
        let check = try await client.fluentCart(
            "get_license_version",
            ["activation_hash": fixture.hash, "item_id": "\(fixture.product.id)", "current_version": "1.0.0"]
        )
        #expect(check.status == 200, "\(check)")
        #expect(check.string("new_version") == "2.4.1")
        #expect(check.string("stable_version") == "2.4.1")
        #expect(check.orderedJSON?["sections"]?["changelog"] == .string(release.changelog), "\(check)")
        let packagePath = try pathOnMainStack(check.string("package"))
        #expect(packagePath.hasPrefix("/?fluent-cart=download_license_package&fct_package="), "\(packagePath)")

        // The package URL redirects to download-by-id with a dl1 token for the same license and activation.
        let redirect = try await client.send("GET", packagePath)
        #expect(redirect.status == 302, "\(redirect)")
        let downloadPath = try pathOnMainStack(redirect.header("Location"))
        let prefix = "/?fluent-cart=download-by-id&fct_download="
        #expect(downloadPath.hasPrefix(prefix), "\(downloadPath)")
        let activationID = try await database.integer(
            "SELECT id FROM license_activations WHERE activation_hash = \(Database.literal(fixture.hash))"
        )
        let fields = try #require(SpecToken.fields(of: String(downloadPath.dropFirst(prefix.count))))
        #expect(fields.prefix == "dl1")
        #expect(fields.licenseID == fixture.license.id)
        #expect(fields.activationID == Int64(activationID))
        #expect(fields.productID == fixture.product.id)
        let lifetime = fields.expires - Date().timeIntervalSince1970
        #expect(lifetime > 3600 - 120 && lifetime <= 3600, "a download token lasts 60 minutes, this one \(lifetime) s")
        #expect(!redirect.header("Location")!.contains(fixture.license.licenseKey))

        // nginx streams the file itself.
        let download = try await client.send("GET", downloadPath)
        #expect(download.status == 200, "HTTP \(download.status), headers \(download.headers)")
        #expect(
            download.body == release.bytes,
            "\(download.body.count) bytes received, \(release.bytes.count) released"
        )
        let basename = try #require(release.path.split(separator: "/").last.map(String.init))
        #expect(download.header("Content-Disposition") == "attachment; filename=\"\(basename)\"")
        #expect(download.header("Content-Type") == "application/octet-stream")
        #expect(download.header("X-Accel-Redirect") == nil, "nginx consumes X-Accel-Redirect")
    }

    @Test("a token stays usable: the same package URL can be downloaded twice")
    func packageURLIsReusable() async throws {
        let fixture = try await activatedLicense()
        let release = try await release(fixture.product, version: "3.0.0", size: 4096)
        let path = try await packagePath([
            "license_key": fixture.license.licenseKey, "item_id": "\(fixture.product.id)",
        ])
        for _ in 0..<2 {
            let download = try await client.send("GET", try await downloadPath(fromPackage: path))
            #expect(download.status == 200)
            #expect(download.body == release.bytes)
        }
    }

    @Test(
        "refuses a request without its token with 422 invalid_package_data",
        arguments: [
            "/?fluent-cart=download_license_package", "/?fluent-cart=download_license_package&fct_package=",
            "/?fluent-cart=download-by-id", "/?fluent-cart=download-by-id&fct_download=",
        ]
    )
    func missingToken(path: String) async throws {
        for method in ["GET", "POST"] {
            expectPublicError(
                try await client.send(method, path),
                "invalid_package_data",
                "Invalid package data"
            )
        }
    }

    @Test("refuses a token with one character changed in its payload or in its signature")
    func tamperedToken() async throws {
        let fixture = try await activatedLicense()
        _ = try await release(fixture.product, version: "1.1.0", size: 1024)
        let path = try await packagePath(["activation_hash": fixture.hash, "item_id": "\(fixture.product.id)"])
        let download = try await downloadPath(fromPackage: path)
        for (url, parameter) in [(path, "fct_package="), (download, "fct_download=")] {
            let (head, token) = try #require(SpecToken.split(url, after: parameter))
            let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            try #require(parts.count == 2, "\(token)")
            for tampered in [
                SpecToken.flipFirst(parts[0]) + "." + parts[1], parts[0] + "." + SpecToken.flipFirst(parts[1]),
            ] {
                expectPublicError(
                    try await client.send("GET", head + tampered),
                    "invalid_package_data",
                    "Invalid package data"
                )
            }
            // Junk of every kind: no dot, three parts, not base64url, padding.
            for junk in ["abc", token + ".x", parts[0] + ".%2F%2F", token + "=", "." + parts[1], parts[0] + "."] {
                expectPublicError(
                    try await client.send("GET", head + junk),
                    "invalid_package_data",
                    "Invalid package data"
                )
            }
            // The untouched token still works, so the refusals above are the changes' doing.
            #expect(try await client.send("GET", url).status == (parameter == "fct_package=" ? 302 : 200))
        }
    }

    @Test(
        "refuses a correctly signed token once it has expired, and accepts the same one while it has not",
        .enabled(if: SpecToken.secret != nil, "needs DOWNLOAD_SECRET, exported by scripts/test.sh")
    )
    func expiredToken() async throws {
        let fixture = try await activatedLicense()
        _ = try await release(fixture.product, version: "1.2.0", size: 1024)
        let secret = try #require(SpecToken.secret)
        let activationID = try await database.integer(
            "SELECT id FROM license_activations WHERE activation_hash = \(Database.literal(fixture.hash))"
        )
        let ids = "\(fixture.license.id):\(activationID):\(fixture.product.id)"
        let now = Int64(Date().timeIntervalSince1970)
        let cases = [
            ("/?fluent-cart=download_license_package&fct_package=", "v1", 302),
            ("/?fluent-cart=download-by-id&fct_download=", "dl1", 200),
        ]
        for (head, prefix, success) in cases {
            let fresh = SpecToken.sign("\(prefix):\(ids):\(now + 600)", secret: secret)
            #expect(
                try await client.send("GET", head + fresh).status == success,
                "a token built as fluentcart.md §4.6 says, signed with DOWNLOAD_SECRET, is accepted"
            )
            for expires in [now - 1, now - 3 * 86_400] {
                let expired = SpecToken.sign("\(prefix):\(ids):\(expires)", secret: secret)
                expectPublicError(
                    try await client.send("GET", head + expired),
                    "invalid_package_data",
                    "Invalid package data"
                )
            }
            let wrongSecret = SpecToken.sign("\(prefix):\(ids):\(now + 600)", secret: secret + "x")
            expectPublicError(
                try await client.send("GET", head + wrongSecret),
                "invalid_package_data",
                "Invalid package data"
            )
        }
    }

    @Test(
        "checks what a correctly signed token names: the license, its activation, then the product",
        .enabled(if: SpecToken.secret != nil, "needs DOWNLOAD_SECRET, exported by scripts/test.sh")
    )
    func signedTokenNamesWhatExists() async throws {
        let fixture = try await activatedLicense()
        let other = try await activatedLicense()
        _ = try await release(fixture.product, version: "1.2.5", size: 1024)
        let secret = try #require(SpecToken.secret)
        let activation = try await database.integer(
            "SELECT id FROM license_activations WHERE activation_hash = \(Database.literal(fixture.hash))"
        )
        let otherActivation = try await database.integer(
            "SELECT id FROM license_activations WHERE activation_hash = \(Database.literal(other.hash))"
        )
        // Within 32 bits: ids past 2^31 are the subject of `activationIDBeyond32Bits`.
        let missing: Int64 = 2_000_000_000 + Int64.random(in: 0..<100_000_000)
        let expires = Int64(Date().timeIntervalSince1970) + 600
        let license = fixture.license.id
        let product = fixture.product.id
        let cases: [(String, Int, String?, String?)] = [
            ("\(license):\(activation):\(product)", 302, nil, nil),
            ("\(license):0:\(product)", 302, nil, nil),
            ("\(missing):\(activation):\(product)", 422, "invalid_license", "Invalid License key provided."),
            ("\(license):\(missing):\(product)", 422, "invalid_activation", "License activation could not be found"),
            (
                "\(license):\(otherActivation):\(product)", 422, "invalid_activation",
                "License activation could not be found"
            ),
            ("\(license):\(activation):\(missing)", 422, "product_not_found", "Product not found"),
        ]
        for (ids, status, errorType, message) in cases {
            let token = SpecToken.sign("v1:\(ids):\(expires)", secret: secret)
            let response = try await client.send("GET", "/?fluent-cart=download_license_package&fct_package=\(token)")
            if let errorType, let message {
                expectPublicError(response, status: status, errorType, message)
            } else {
                #expect(response.status == status, "\(ids): \(response)")
            }
        }
    }

    @Test("serves a package for an activation whose id does not fit in 32 bits (ids are bigserial)")
    func activationIDBeyond32Bits() async throws {
        let fixture = try await activatedLicense()
        let release = try await release(fixture.product, version: "1.2.6", size: 2048)
        let bigID = 3_000_000_000 + Int64.random(in: 0..<1_000_000_000)
        _ = try await database.value(
            """
            UPDATE license_activations SET id = \(bigID)
            WHERE activation_hash = \(Database.literal(fixture.hash)) RETURNING id
            """
        )
        let path = try await packagePath(["activation_hash": fixture.hash, "item_id": "\(fixture.product.id)"])
        let (_, token) = try #require(SpecToken.split(path, after: "fct_package="))
        #expect(SpecToken.fields(of: token)?.activationID == bigID)
        let redirect = try await client.send("GET", path)
        #expect(redirect.status == 302, "\(redirect)")
        guard redirect.status == 302 else { return }
        let download = try await client.send("GET", try pathOnMainStack(redirect.header("Location")))
        #expect(download.status == 200)
        #expect(download.body == release.bytes)
    }

    @Test("refuses a package token as fct_download and a download token as fct_package")
    func tokensDoNotCross() async throws {
        let fixture = try await activatedLicense()
        _ = try await release(fixture.product, version: "1.3.0", size: 1024)
        let path = try await packagePath(["activation_hash": fixture.hash, "item_id": "\(fixture.product.id)"])
        let download = try await downloadPath(fromPackage: path)
        let (_, packageToken) = try #require(SpecToken.split(path, after: "fct_package="))
        let (_, downloadToken) = try #require(SpecToken.split(download, after: "fct_download="))
        expectPublicError(
            try await client.send("GET", "/?fluent-cart=download-by-id&fct_download=\(packageToken)"),
            "invalid_package_data",
            "Invalid package data"
        )
        expectPublicError(
            try await client.send("GET", "/?fluent-cart=download_license_package&fct_package=\(downloadToken)"),
            "invalid_package_data",
            "Invalid package data"
        )
        expectPublicError(
            try await client.send("GET", "/?fluent-cart=download-by-id&fct_package=\(downloadToken)"),
            "invalid_package_data",
            "Invalid package data"
        )
    }

    /// Ways a license stops being valid (fluentcart.md §2.2).
    enum LicenseChange: String, CaseIterable, Sendable {
        case disabled
        case markedExpired = "status expired"
        case pastGrace = "expiry 16 days ago"

        var options: [String] {
            switch self {
            case .disabled: ["--status", "disabled"]
            case .markedExpired: ["--status", "expired"]
            case .pastGrace: ["--expires", expiryTimestamp(daysFromNow: -16)]
            }
        }
    }

    @Test(
        "refuses with expired_license once the license stops being valid after the token was issued",
        arguments: LicenseChange.allCases
    )
    func licenseNoLongerValid(change: LicenseChange) async throws {
        let fixture = try await activatedLicense()
        _ = try await release(fixture.product, version: "1.4.0", size: 1024)
        let path = try await packagePath(["activation_hash": fixture.hash, "item_id": "\(fixture.product.id)"])
        let download = try await downloadPath(fromPackage: path)
        _ = try await cli.setLicense(fixture.license, change.options)
        for url in [path, download] {
            expectPublicError(try await client.send("GET", url), "expired_license", "This license key is not valid")
        }
    }

    @Test("stays downloadable within the 15-day grace period after expiry")
    func graceStillDownloads() async throws {
        let fixture = try await activatedLicense()
        let release = try await release(fixture.product, version: "1.4.1", size: 2048)
        let path = try await packagePath([
            "license_key": fixture.license.licenseKey, "item_id": "\(fixture.product.id)",
        ])
        _ = try await cli.setLicense(fixture.license, ["--expires", expiryTimestamp(daysFromNow: -10)])
        let download = try await client.send("GET", try await downloadPath(fromPackage: path))
        #expect(download.status == 200)
        #expect(download.body == release.bytes)
    }

    @Test("refuses with invalid_activation once the activation is deactivated after the token was issued")
    func activationGone() async throws {
        let fixture = try await activatedLicense()
        _ = try await release(fixture.product, version: "1.5.0", size: 1024)
        let path = try await packagePath(["activation_hash": fixture.hash, "item_id": "\(fixture.product.id)"])
        let download = try await downloadPath(fromPackage: path)
        let deactivated = try await client.fluentCart(
            "deactivate_license",
            ["license_key": fixture.license.licenseKey, "item_id": "\(fixture.product.id)", "site_url": fixture.site]
        )
        #expect(deactivated.status == 200, "\(deactivated)")
        for url in [path, download] {
            expectPublicError(
                try await client.send("GET", url),
                "invalid_activation",
                "License activation could not be found"
            )
        }
        // A token issued for the key alone (activation 0) does not depend on any activation.
        let keyOnly = try await packagePath(
            ["license_key": fixture.license.licenseKey, "item_id": "\(fixture.product.id)"])
        #expect(try await client.send("GET", keyOnly).status == 302)
    }

    @Test("refuses with invalid_license once the license is deleted after the token was issued")
    func licenseGone() async throws {
        let fixture = try await activatedLicense()
        _ = try await release(fixture.product, version: "1.6.0", size: 1024)
        let path = try await packagePath(["activation_hash": fixture.hash, "item_id": "\(fixture.product.id)"])
        let download = try await downloadPath(fromPackage: path)
        _ = try await database.value("DELETE FROM licenses WHERE id = \(fixture.license.id) RETURNING id")
        for url in [path, download] {
            expectPublicError(try await client.send("GET", url), "invalid_license", "Invalid License key provided.")
        }
    }

    @Test("refuses with license_not_enabled once licensing is turned off after the token was issued")
    func licensingTurnedOff() async throws {
        let fixture = try await activatedLicense()
        _ = try await release(fixture.product, version: "1.7.0", size: 1024)
        let path = try await packagePath(["activation_hash": fixture.hash, "item_id": "\(fixture.product.id)"])
        let download = try await downloadPath(fromPackage: path)
        _ = try await database.value(
            """
            UPDATE product_license_settings SET settings = settings || '{"enabled":"no"}'::jsonb
            WHERE product_id = \(fixture.product.id) RETURNING product_id
            """
        )
        for url in [path, download] {
            expectPublicError(
                try await client.send("GET", url),
                "license_not_enabled",
                "License is not enabled for this product"
            )
        }
    }

    @Test("refuses with downloadable_file_not_found for a product that was never released")
    func nothingReleased() async throws {
        let fixture = try await activatedLicense()
        let check = try await client.fluentCart(
            "get_license_version",
            ["license_key": fixture.license.licenseKey, "item_id": "\(fixture.product.id)"]
        )
        #expect(check.string("license_status") == "valid", "a valid license gets a package URL even with no file")
        let path = try pathOnMainStack(check.string("package"))
        expectPublicError(
            try await client.send("GET", path),
            "downloadable_file_not_found",
            "No downloadable file found for this product"
        )
    }

    @Test("download-by-id redirects to the url of a remote file")
    func remoteFile() async throws {
        let fixture = try await activatedLicense()
        let url = "https://cdn.example/pkg-\(UUID().uuidString.prefix(8)).zip"
        _ = try await database.value(
            """
            UPDATE product_license_settings
            SET settings = settings || jsonb_build_object('global_update_file',
                jsonb_build_object('driver', 'remote', 'url', \(Database.literal(url))))
            WHERE product_id = \(fixture.product.id) RETURNING product_id
            """
        )
        let path = try await packagePath(["activation_hash": fixture.hash, "item_id": "\(fixture.product.id)"])
        let download = try await downloadPath(fromPackage: path)
        let response = try await client.send("GET", download)
        #expect(response.status == 302, "\(response)")
        #expect(response.header("Location") == url)
    }

    @Test(
        "never serves a file outside DOWNLOADS_DIR or a remote url that is not http(s): downloadable_file_not_found",
        arguments: [
            #"{"driver":"local","path":"../../../../etc/passwd"}"#, #"{"driver":"local","path":"/etc/passwd"}"#,
            #"{"driver":"local","path":"a/../../etc/passwd"}"#, #"{"driver":"local","path":""}"#,
            #"{"driver":"remote","url":"javascript:alert(1)"}"#, #"{"driver":"remote","url":"file:///etc/passwd"}"#,
            #"{"driver":"ftp","url":"https://cdn.example/x.zip"}"#, #""7""#,
        ]
    )
    func unsafeFile(file: String) async throws {
        let fixture = try await activatedLicense()
        _ = try await database.value(
            """
            UPDATE product_license_settings
            SET settings = settings || jsonb_build_object('global_update_file', \(Database.literal(file))::jsonb)
            WHERE product_id = \(fixture.product.id) RETURNING product_id
            """
        )
        let path = try await packagePath(["activation_hash": fixture.hash, "item_id": "\(fixture.product.id)"])
        expectPublicError(
            try await client.send("GET", path),
            "downloadable_file_not_found",
            "No downloadable file found for this product"
        )
    }

    @Test("answers JSON, never nginx's HTML page, when a released file has gone from the disk")
    func fileGoneFromDisk() async throws {
        let fixture = try await activatedLicense()
        _ = try await database.value(
            """
            UPDATE product_license_settings
            SET settings = settings || jsonb_build_object('global_update_file',
                jsonb_build_object('driver', 'local', 'path', 'missing/\(UUID().uuidString).zip'))
            WHERE product_id = \(fixture.product.id) RETURNING product_id
            """
        )
        let path = try await packagePath(["activation_hash": fixture.hash, "item_id": "\(fixture.product.id)"])
        let response = try await client.send("GET", try await downloadPath(fromPackage: path))
        #expect(response.status == 404, "\(response)")
        expectJSONBody(response)
    }

    @Test(
        "builds the download redirect on PUBLIC_BASE_URL, and any stack sharing DOWNLOAD_SECRET accepts the token",
        .enabled(if: Stack.hasV1Stack, "needs the V1 stack, started with PUBLIC_BASE_URL")
    )
    func publicBaseURL() async throws {
        let fixture = try await activatedLicense()
        let release = try await release(fixture.product, version: "1.9.0", size: 2048)
        let check = try await HTTPSClient.v1.fluentCart(
            "get_license_version",
            ["activation_hash": fixture.hash, "item_id": "\(fixture.product.id)"]
        )
        let package = try #require(check.string("package"), "\(check)")
        #expect(package.hasPrefix(Stack.v1PublicBaseURL + "/?fluent-cart=download_license_package&fct_package="))
        let packagePath = String(package.dropFirst(Stack.v1PublicBaseURL.count))
        let redirect = try await HTTPSClient.v1.send("GET", packagePath)
        #expect(redirect.status == 302, "\(redirect)")
        let location = try #require(redirect.header("Location"))
        #expect(location.hasPrefix(Stack.v1PublicBaseURL + "/?fluent-cart=download-by-id&fct_download="), "\(location)")
        // The token is the stack's, not the host's: the main stack serves it too.
        let download = try await client.send("GET", String(location.dropFirst(Stack.v1PublicBaseURL.count)))
        #expect(download.status == 200)
        #expect(download.body == release.bytes)
    }

    @Test("logs both steps in the check log with their action, license, product and activation")
    func logged() async throws {
        let fixture = try await activatedLicense()
        _ = try await release(fixture.product, version: "1.8.0", size: 1024)
        let path = try await packagePath(["activation_hash": fixture.hash, "item_id": "\(fixture.product.id)"])
        let download = try await downloadPath(fromPackage: path)
        #expect(try await client.send("GET", download).status == 200)
        let activationID = try await database.integer(
            "SELECT id FROM license_activations WHERE activation_hash = \(Database.literal(fixture.hash))"
        )
        let rows = try await database.rows(
            """
            SELECT api, result, product_id, activation_id FROM license_checks
            WHERE license_id = \(fixture.license.id) AND api IN ('download_license_package', 'download-by-id')
            ORDER BY id
            """
        )
        let product = "\(fixture.product.id)"
        let activation = "\(activationID)"
        #expect(
            rows == [
                ["download_license_package", "redirect", product, activation],
                ["download-by-id", "download", product, activation],
            ]
        )
        // A refusal is logged with its error_type.
        _ = try await cli.setLicense(fixture.license, ["--status", "disabled"])
        _ = try await client.send("GET", path)
        let refused = try await database.rows(
            """
            SELECT result FROM license_checks
            WHERE license_id = \(fixture.license.id) AND api = 'download_license_package' ORDER BY id
            """
        )
        #expect(refused.map { $0[0] } == ["redirect", "expired_license"])
    }

    static var downloadsDirectory: String? {
        ProcessInfo.processInfo.environment["DOWNLOADS_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    }
}

// MARK: - Shared by the update-check, download, renewal and bad-input suites

/// Expects a public-protocol refusal of an action other than `check_license` (fluentcart.md §4.1): the HTTP status,
/// FluentCart's content type, and exactly `{"message","error_type","success":false}` in that order.
func expectPublicError(
    _ response: HTTPResponse,
    status: Int = 422,
    _ errorType: String,
    _ message: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == status, "HTTP status of \(response)", sourceLocation: sourceLocation)
    #expect(
        response.header("Content-Type") == "application/json; charset=UTF-8",
        "Content-Type \(response.header("Content-Type") ?? "missing") of \(response)",
        sourceLocation: sourceLocation
    )
    #expect(
        response.orderedKeys == ["message", "error_type", "success"],
        "keys of \(response)",
        sourceLocation: sourceLocation
    )
    #expect(response.string("error_type") == errorType, "error_type of \(response)", sourceLocation: sourceLocation)
    #expect(response.string("message") == message, "message of \(response)", sourceLocation: sourceLocation)
    #expect(response.orderedJSON?["success"] == .bool(false), "success of \(response)", sourceLocation: sourceLocation)
}

/// The path and query of a URL the main stack built for itself (it must start with `Stack.baseURL`), for `send`.
func pathOnMainStack(_ url: String?, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let url = try #require(url, "no URL", sourceLocation: sourceLocation)
    try #require(
        url.hasPrefix(Stack.baseURL + "/"),
        "\(url) is not on \(Stack.baseURL)",
        sourceLocation: sourceLocation
    )
    return String(url.dropFirst(Stack.baseURL.count))
}

/// Download tokens as fluentcart.md §4.6 defines them, built and read here without the server's code:
/// `base64url(payload) "." base64url(HMAC-SHA256(DOWNLOAD_SECRET, payload))`, unpadded.
enum SpecToken {
    /// The secret `scripts/test.sh` gave the stack, when the tests can see it.
    static var secret: String? {
        ProcessInfo.processInfo.environment["DOWNLOAD_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
    }

    struct Fields: Equatable {
        var prefix: String
        var licenseID: Int64
        var activationID: Int64
        var productID: Int64
        /// Unix seconds.
        var expires: TimeInterval
    }

    static func sign(_ payload: String, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(
            for: Data(payload.utf8),
            using: SymmetricKey(data: Data(secret.utf8))
        )
        return base64URL(Data(payload.utf8)) + "." + base64URL(Data(code))
    }

    /// True when `token` carries the HMAC of its payload under `secret`.
    static func isSigned(_ token: String, secret: String) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = bytes(base64URL: String(parts[0])) else { return false }
        return sign(String(decoding: payload, as: UTF8.self), secret: secret) == token
    }

    /// The payload of a token: `<prefix>:<license id>:<activation id>:<product id>:<expires unix>`.
    static func fields(of token: String) -> Fields? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, let payload = bytes(base64URL: String(parts[0])) else { return nil }
        let fields = String(decoding: payload, as: UTF8.self).split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 5, let license = Int64(fields[1]), let activation = Int64(fields[2]),
            let product = Int64(fields[3]), let expires = Int64(fields[4])
        else { return nil }
        return Fields(
            prefix: String(fields[0]),
            licenseID: license,
            activationID: activation,
            productID: product,
            expires: TimeInterval(expires)
        )
    }

    /// Splits a URL path at `parameter` (e.g. `fct_package=`): everything up to and including it, and the token.
    static func split(_ url: String, after parameter: String) -> (String, String)? {
        guard let range = url.range(of: parameter) else { return nil }
        let token = url[range.upperBound...].prefix { $0 != "&" }
        return (String(url[..<range.upperBound]), String(token))
    }

    /// The same text with its first character replaced by another character of the base64url alphabet.
    static func flipFirst(_ text: String) -> String {
        guard let first = text.first else { return "A" }
        return (first == "A" ? "B" : "A") + text.dropFirst()
    }

    static func base64URL(_ data: Data) -> String {
        var text = data.base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// Unpadded base64url only: no `=`, no `+` or `/`.
    static func bytes(base64URL text: String) -> Data? {
        let alphabet = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        guard !text.isEmpty, text.unicodeScalars.allSatisfy(alphabet.contains) else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard)
    }
}
