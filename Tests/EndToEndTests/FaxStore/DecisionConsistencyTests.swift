import Testing

/// A logged check goes through the group-committed check log, an unlogged one does not; both are decided by
/// `Domain.CheckDecision`. These tests hold the two equal for every state a license can be in.
@Suite("Logged and unlogged checks agree", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct DecisionConsistencyTests {
    let cli = CLI.stack
    let client = HTTPSClient.main

    /// License states, as CLI options for `license create` and then `license set`.
    static let states: [(name: String, create: [String], set: [String])] = [
        ("inactive", [], []),
        ("active", ["--status", "active"], []),
        ("disabled", ["--status", "disabled"], []),
        ("switched off", [], ["--owner-enabled", "off"]),
        ("expired by status", ["--status", "expired"], []),
        ("lapsed past grace", ["--expires", expiryTimestamp(daysFromNow: -16)], []),
        ("lapsed within grace", ["--expires", expiryTimestamp(daysFromNow: -14)], []),
        ("locked to another IP", ["--ip", "10.9.8.7"], []),
        ("locked to this IP", ["--ip", "127.0.0.1"], []),
        ("locked without IP", [], ["--ip-lock", "on"]),
        (
            "disabled, switched off and lapsed",
            ["--status", "disabled", "--expires", expiryTimestamp(daysFromNow: -30)],
            ["--owner-enabled", "off"]
        ),
        ("switched off and locked elsewhere", ["--ip", "10.9.8.7"], ["--owner-enabled", "off"]),
    ]

    @Test("gives the same answer with log=false as with logging", arguments: states.indices)
    func sameAnswer(stateIndex: Int) async throws {
        let state = Self.states[stateIndex]
        let (product, license) = try await cli.licensedProduct(state.create)
        if !state.set.isEmpty { _ = try await cli.setLicense(license, state.set) }
        let logged = try await client.check(product, key: license.licenseKey, body: .json(#"{"info":"consistency"}"#))
        let unlogged = try await client.check(product, key: license.licenseKey, body: .json(#"{"log":false}"#))
        #expect(logged.status == 200 && unlogged.status == 200, "\(state.name)")
        #expect(logged.decision != nil, "\(state.name): \(logged)")
        #expect(logged.decision == unlogged.decision, "\(state.name): logged \(logged) vs unlogged \(unlogged)")
    }

    @Test("gives the same answer for unknown keys and products with and without logging")
    func sameRefusals() async throws {
        let (product, _) = try await cli.licensedProduct()
        let unknownKey = "unknown0000000000000000000000000"
        let logged = try await client.check(product, key: unknownKey)
        let unlogged = try await client.check(product, key: unknownKey, body: .json(#"{"log":false}"#))
        #expect(logged.decision == unlogged.decision)
        #expect(logged.decision == .keyNotFound)
        let missing = Product(id: Int64.max, title: "", slug: "", variationId: 0)
        let loggedMissing = try await client.check(missing, key: unknownKey)
        let unloggedMissing = try await client.check(missing, key: unknownKey, body: .json(#"{"log":false}"#))
        #expect(loggedMissing.decision == unloggedMissing.decision)
        #expect(loggedMissing.decision == .productNotFound)
    }
}
