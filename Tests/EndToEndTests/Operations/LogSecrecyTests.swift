import Foundation
import Testing

/// `operations.md` §1: no log of the stack (server, nginx, PostgreSQL) contains a full license key or password.
@Suite(
    "Secrets stay out of the logs",
    .enabled(if: Stack.isConfigured && Stack.runDirectory != nil, "set by scripts/test.sh")
)
struct LogSecrecyTests {
    let cli = CLI.stack
    let client = HTTPSClient.main

    @Test("no log of the stack contains a key presented to the check API, known or unknown")
    func presentedKeys() async throws {
        let (product, license) = try await cli.licensedProduct()
        let unknown = randomKey()
        let impossible = "not a key \(randomKey())"
        _ = try await client.check(product, key: "Bearer \(license.licenseKey.uppercased())")
        _ = try await client.check(product, key: unknown, body: .json(#"{"info": "#))
        _ = try await client.check(product, key: impossible)
        _ = try await client.checkMultiple(key: license.licenseKey, body: .json(#"{"proIds": ["x"]}"#))
        if Stack.hasV1Stack {
            _ = try await HTTPSClient.v1.checkItem(product, key: license.licenseKey)
        }
        try await expectNotLogged([license.licenseKey, unknown, impossible])
    }

    @Test("no log of the stack contains an imported key that collided with another")
    func collidingImport() async throws {
        let product = try await cli.createProduct()
        let key = faxStoreKey()
        _ = try await cli.createLicense(for: product, ["--key", key])
        try await cli.expectFailure(["license", "create", "--product", "\(product.id)", "--key", key.uppercased()])
        try await expectNotLogged([key])
    }

    @Test("no log of the stack contains an application password")
    func passwords() async throws {
        let login = "e2e-\(UUID().uuidString.lowercased())"
        let user = try await cli.run([
            "user", "create", "--login", login, "--email", "\(login)@example.test", "--role", "administrator",
        ]).decode(User.self)
        try await expectNotLogged([user.applicationPassword.replacingOccurrences(of: " ", with: "")])
    }

    @Test("no log of the stack contains REST Basic credentials, accepted or refused")
    func restCredentials() async throws {
        let user = try await cli.createUser(role: "administrator")
        let wrong = "Wrong \(UUID().uuidString.prefix(8)) Pass"
        _ = try await client.rest("GET", "licensing/licenses?per_page=1", as: user)
        _ = try await client.rest("GET", "licensing/licenses?per_page=1", as: user, password: wrong)
        let secrets = [user.applicationPassword, wrong].flatMap { password in
            [
                password.replacingOccurrences(of: " ", with: ""),
                Data("\(user.login):\(password)".utf8).base64EncodedString(),
            ]
        }
        try await expectNotLogged(secrets)
    }

    @Test("no log of the stack contains a key sent on the public protocol, in the query or the body")
    func publicProtocolKeys() async throws {
        let (_, license) = try await cli.fluentCartLicense()
        let unknown = randomKey()
        _ = try await client.fluentCart("check_license", ["license_key": license.licenseKey, "site_url": uniqueSite()])
        _ = try await client.send(
            "GET",
            "/?fluent-cart=check_license&license_key=\(unknown)&site_url=\(formEscaped(uniqueSite()))"
        )
        _ = try await client.fluentCart("activate_license", ["license_key": unknown, "site_url": uniqueSite()])
        try await expectNotLogged([license.licenseKey, unknown])
    }

    /// Waits for nginx's buffered access log (flushed every second), then searches every `*.log` file under the
    /// run directory, ignoring case and the spaces of a grouped password.
    private func expectNotLogged(
        _ secrets: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        try await Task.sleep(for: .milliseconds(1_500))
        let root = URL(fileURLWithPath: try #require(Stack.runDirectory))
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "log" } ?? []
        #expect(!files.isEmpty, "log files under \(root.path)", sourceLocation: sourceLocation)
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            let text = String(decoding: data, as: UTF8.self).lowercased()
            for secret in secrets {
                #expect(
                    !text.contains(secret.lowercased()),
                    "\(file.lastPathComponent) contains the secret ending \(secret.suffix(4))",
                    sourceLocation: sourceLocation
                )
            }
        }
    }
}
