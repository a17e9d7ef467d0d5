import Foundation
import Testing

@Suite(
    "Fault: PostgreSQL slow behind a lock",
    .serialized,
    .enabled(if: FaultStack.isConfigured, "set by scripts/test-faults.sh")
)
struct SlowDatabaseFaultTests {
    let client = HTTPSClient.main

    @Test("answers 503 JSON after the statement timeout while a lock blocks checks, and /healthz keeps answering")
    func lockedLicensesUnderLoad() async throws {
        let targets = try await LoadTargets.make()
        let timeout = FaultStack.statementTimeout
        let lock = try await TableLock("licenses")
        let outcomes: [LoadOutcome]
        let health: [(status: Int, took: Duration)]
        do {
            let load = SteadyLoad(clients: 16, targets: targets)
            // Every thread is stuck most of the time: a probe waits for the next one freed, at most one timeout.
            health = try await healthProbes(every: .milliseconds(250), for: .seconds(5))
            outcomes = await load.stop()
        } catch {
            await lock.release()
            throw error
        }
        let waitingBeforeRelease = try await Cluster.serverBackendsWaitingForLocks()
        await lock.release()

        #expect(outcomes.count >= 16, "\(outcomes.summary)")
        #expect(outcomes.allSatisfy { $0.verdict == .unavailable }, "all 503 JSON: \(outcomes.summary)")
        let longest = outcomes.map(\.duration).max() ?? .zero
        // 16 clients on 8 threads: a request waits at most for one timeout in the queue and one of its own.
        #expect(longest < timeout * 2 + .seconds(1.5), "no pile-up: the longest took \(longest)")
        #expect(outcomes.contains { $0.duration >= timeout * 0.9 }, "the statement timeout ended them")
        #expect(health.count >= 2 && health.allSatisfy { $0.status == 200 }, "healthz: \(health)")
        #expect(health.allSatisfy { $0.took < timeout * 2 + .seconds(1) }, "healthz answered in time: \(health)")
        #expect(waitingBeforeRelease <= Stack.workers * FaultStack.threads, "waiting backends \(waitingBeforeRelease)")

        // The lock gone, checks pass at once and nothing of ours is left waiting.
        let after = await SteadyLoad.send(.faxStore, targets, client)
        #expect(after.verdict == .correct, "\(after)")
        #expect(try await Cluster.serverBackendsWaitingForLocks() == 0)
    }

    /// `GET /healthz` one after the other with a pause, for `duration`: each status and how long it took.
    private func healthProbes(every pause: Duration, for duration: Duration) async throws -> [(Int, Duration)] {
        let end = ContinuousClock.now + duration
        var probes: [(Int, Duration)] = []
        while ContinuousClock.now < end {
            let start = ContinuousClock.now
            let response = try await client.send("GET", "/healthz")
            probes.append((response.status, ContinuousClock.now - start))
            try await Task.sleep(for: pause)
        }
        return probes
    }
}
