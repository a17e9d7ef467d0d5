import Foundation
import Testing

/// Thousands of malformed or unauthorised requests across every route (issue 8, "Hostile input"): each is answered
/// with a JSON 4xx (never a 5xx, an HTML page or silence), and the database is exactly as it was.
///
/// It runs only in the quiet phase of `scripts/test.sh` (`E2E_QUIET_PHASE=1`), after every other suite, because the
/// checksum needs a database nobody else writes to. The seed is printed; `E2E_FUZZ_SEED=<seed>` replays a run.
@Suite(
    "Hostile input fuzzing",
    .enabled(if: Stack.hasV1Stack && Stack.isQuietPhase, "the quiet phase of scripts/test.sh")
)
struct HostileInputFuzzTests {
    static let requestCount = 10_240

    /// Tables the checksum must cover, from sql/: if the catalog query missed them, the checksum would prove nothing.
    static let businessTables = [
        "products", "product_variations", "product_license_settings", "product_releases", "users",
        "application_passwords", "customers", "orders", "subscriptions", "licenses", "license_sites",
        "license_activations", "license_meta", "event_inbox", "webhook_outbox", "settings", "audit_log",
    ]

    @Test("10,240 malformed requests across every route get JSON 4xx answers and change nothing in the database")
    func fuzz() async throws {
        let seed =
            ProcessInfo.processInfo.environment["E2E_FUZZ_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 1...UInt64.max)
        print("fuzz seed: \(seed) (replay with E2E_FUZZ_SEED=\(seed))")
        let setUp = Date()
        async let newAdministrator = CLI.stack.createUser(role: "administrator")
        async let newCustomer = CLI.stack.customerUser()
        let (administrator, (_, customer)) = try await (newAdministrator, newCustomer)
        // The users exist before the first checksum; generating the requests overlaps taking it.
        async let checksum = DatabaseChecksum.take()
        var generator = FuzzCaseGenerator(seed: seed, administrator: administrator, customer: customer)
        let cases = generator.cases(Self.requestCount)
        let before = try await checksum
        print(
            "fuzz: users, \(cases.count) requests and a checksum in \(String(format: "%.1f", Date().timeIntervalSince(setUp))) s"
        )
        #expect(Set(Self.businessTables).isSubset(of: before.tables.keys), "tables: \(before)")
        let started = Date()
        let answers = try await RawRequestBatch.send(cases.map(\.request), parallel: 16, timeout: 15)
        let seconds = Date().timeIntervalSince(started)
        let after = try await DatabaseChecksum.take()

        var statuses: [Int: Int] = [:]
        for answer in answers { statuses[answer.status, default: 0] += 1 }
        print(
            "fuzz: \(cases.count) requests in \(String(format: "%.1f", seconds)) s, statuses \(statuses.sorted { $0.key < $1.key })"
        )
        let violations = zip(cases, answers).compactMap { fuzzCase, answer in
            fuzzCase.violation(of: answer).map {
                "\($0): \(fuzzCase.summary) → \(String(decoding: answer.body.prefix(160), as: UTF8.self))"
            }
        }
        #expect(
            violations.isEmpty,
            "seed \(seed): \(violations.count) of \(cases.count) answers broke the rules, e.g.\n\(violations.prefix(25).joined(separator: "\n"))"
        )
        #expect(
            before == after,
            "seed \(seed): the requests changed \(after.changedTables(since: before).joined(separator: ", "))"
        )
    }
}
