import Foundation
import Testing

/// FluentCart's official updater SDK, unmodified (`../shared/fluentcart-sdk`, which passes against a real FluentCart
/// store), driven against our stack: activate, status, remote check, update check, plugin info, deactivate, and
/// the error paths.
@Suite(
    "FluentCart's official client SDK",
    .enabled(if: Stack.isConfigured && FluentCartSDK.runner != nil, "needs the stack and ../shared/fluentcart-sdk")
)
struct OfficialSDKTests {
    let cli = CLI.stack
    let client = HTTPSClient.main

    @Test("its whole request sequence passes against our server, as it does against FluentCart")
    func sequencePasses() async throws {
        let runner = try #require(FluentCartSDK.runner)
        let product = try await cli.fluentCartProduct(version: "2.3.4", limit: 1)
        let license = try await cli.createLicense(for: product, ["--limit", "2"])
        let full = try await cli.createLicense(for: product, ["--limit", "1"])
        let other = try await cli.fluentCartProduct()
        let taken = try await client.fluentCart(
            "activate_license",
            ["license_key": full.licenseKey, "item_id": "\(product.id)", "site_url": uniqueSite()]
        )
        #expect(taken.status == 200)

        var environment = ProcessInfo.processInfo.environment
        environment["EXPECT_VERSION"] = "2.3.4"
        let output = try await Subprocess.run(
            "/bin/bash",
            [runner, Stack.baseURL, "\(product.id)", license.licenseKey, "\(other.id)", full.licenseKey],
            environment: environment
        )
        let lines = output.stdoutText.split(separator: "\n")
        let summary = lines.last.map(String.init) ?? ""
        #expect(output.exitStatus == 0, "\(output.stdoutText)\n\(output.stderrText)")
        // "sdk: N passed, 0 failed", and every step ran: the harness has ten against a full server.
        let passed = summary.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        #expect(summary.hasSuffix(" passed, 0 failed") && passed >= 10, "\(summary)")
        let failed = lines.filter { $0.contains(#""ok":false"#) }
        #expect(failed.isEmpty, "\(failed.joined(separator: "\n"))")
    }
}

/// Where the SDK harness is.
enum FluentCartSDK {
    /// `run.sh` of the SDK harness: `E2E_FLUENTCART_SDK`, else the workplace's copy next to this checkout.
    static let runner: String? = {
        let environment = ProcessInfo.processInfo.environment["E2E_FLUENTCART_SDK"].map { $0 + "/run.sh" }
        let beside = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../../shared/fluentcart-sdk/run.sh").standardizedFileURL.path
        return [environment, beside].compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0) }
    }()
}
