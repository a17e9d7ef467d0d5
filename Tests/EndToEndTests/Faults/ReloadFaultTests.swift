import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite(
    "Fault: SIGHUP under load",
    .serialized,
    .enabled(if: FaultStack.isConfigured, "set by scripts/test-faults.sh")
)
struct ReloadFaultTests {
    @Test("replaces every worker on SIGHUP under load without a single failed request")
    func reloadUnderLoad() async throws {
        let targets = try await LoadTargets.make()
        let load = SteadyLoad(clients: 16, targets: targets)
        try await Task.sleep(for: .seconds(1))

        let before = WorkerProcesses.pids()
        #expect(kill(Stack.supervisorPID, SIGHUP) == 0)
        // Under the supervisor's 10 s graceful timeout, so an old worker that leaves only when killed fails here.
        let (after, replacedIn) = try await WorkerProcesses.waitForReplacement(
            of: before,
            count: Stack.workers,
            limit: .seconds(8)
        )
        try await Task.sleep(for: .seconds(1))
        let outcomes = await load.stop()

        #expect(Set(after).isDisjoint(with: before) && after.count == before.count, "workers \(before) → \(after)")
        #expect(replacedIn < .seconds(8), "replaced after \(replacedIn)")
        #expect(outcomes.count >= 50, "a real load: \(outcomes.summary)")
        #expect(outcomes.failures.isEmpty, "no failed request: \(outcomes.summary)")
    }
}
