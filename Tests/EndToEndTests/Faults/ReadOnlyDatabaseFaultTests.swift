import Foundation
import Testing

/// The second supervisor connects as a role that may only SELECT: checks answer without their log row, writes
/// answer 503 JSON, and nothing is written half-way (README, "When the database fails").
@Suite(
    "Fault: a database that refuses writes",
    .serialized,
    .enabled(if: FaultStack.isConfigured && FaultStack.readOnlySupervisorPID > 0, "set by scripts/test-faults.sh")
)
struct ReadOnlyDatabaseFaultTests {
    let client = HTTPSClient(baseURL: FaultStack.readOnlyBaseURL)
    let database = Database.stack

    @Test("answers logged checks under load without their log rows, without a crash or a restart")
    func checksWithoutLogRows() async throws {
        let targets = try await LoadTargets.make()
        let fluentCartRows = try await logRows(of: targets.fluentCartLicense)
        let supervisor = FaultStack.readOnlySupervisorPID
        let workers = WorkerProcesses.pids(of: supervisor)
        let background = WorkerProcesses.backgroundPIDs(of: supervisor)

        let load = SteadyLoad(clients: 8, targets: targets, client: client)
        try await Task.sleep(for: .seconds(2))
        let outcomes = await load.stop()

        #expect(outcomes.count >= 20 && outcomes.failures.isEmpty, "every answer correct: \(outcomes.summary)")
        #expect(try await logRows(of: targets.faxStoreLicense) == 0, "no FaxStore log row")
        #expect(try await database.counters(of: targets.faxStoreLicense).totalRequests == 0, "counters untouched")
        #expect(try await logRows(of: targets.fluentCartLicense) == fluentCartRows, "no FluentCart log row")
        #expect(WorkerProcesses.pids(of: supervisor) == workers, "no worker crashed or was replaced")
        #expect(WorkerProcesses.backgroundPIDs(of: supervisor) == background, "the background child kept running")
        let log = (try? String(contentsOfFile: "\(Stack.runDirectory ?? "")/server-readonly.log", encoding: .utf8))
        #expect(log?.contains("check log write failed") == true, "each lost log row is logged")
    }

    @Test("answers an activation 503 JSON with Retry-After and writes nothing")
    func activationRefused() async throws {
        let (product, license) = try await CLI.stack.fluentCartLicense(limit: 3)
        let response = try await client.fluentCart(
            "activate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": uniqueSite()]
        )
        #expect(FaultAnswer.isFluentCartUnavailable(response), "\(response)")
        let activations = try await database.integer(
            "select count(*) from license_activations where license_id = \(license.id)"
        )
        #expect(activations == 0)
        #expect(try await logRows(of: license) == 0)
    }

    private func logRows(of license: License) async throws -> Int {
        try await database.integer("select count(*) from license_checks where license_id = \(license.id)")
    }
}
