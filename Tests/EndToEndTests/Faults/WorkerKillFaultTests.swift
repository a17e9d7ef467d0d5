import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite(
    "Fault: a worker killed under load",
    .serialized,
    .enabled(if: FaultStack.isConfigured, "set by scripts/test-faults.sh")
)
struct WorkerKillFaultTests {
    @Test("replaces a worker SIGKILLed under load within a second; only requests in flight on it fail")
    func killedWorkerUnderLoad() async throws {
        let targets = try await LoadTargets.make()
        let load = SteadyLoad(clients: 16, targets: targets)
        try await Task.sleep(for: .seconds(1))

        let before = WorkerProcesses.pids()
        let victim = try #require(before.first, "a worker to kill")
        let killedAt = ContinuousClock.now
        #expect(kill(victim, SIGKILL) == 0)
        let (after, replacedIn) = try await WorkerProcesses.waitForReplacement(
            of: [victim],
            count: Stack.workers,
            limit: .seconds(5)
        )
        try await Task.sleep(for: .seconds(1.5))
        let outcomes = await load.stop()

        #expect(replacedIn < .seconds(1), "replaced after \(replacedIn); workers \(before) → \(after)")
        #expect(after.count == Stack.workers && !after.contains(victim), "workers \(before) → \(after)")
        #expect(outcomes.count >= 50, "a real load: \(outcomes.summary)")
        let failures = outcomes.failures
        #expect(failures.count <= FaultStack.threads, "at most the victim's threads fail: \(outcomes.summary)")
        for failure in failures {
            #expect(failure.verdict == .unavailable, "a failure is nginx's 503 JSON: \(failure)")
            #expect(failure.spans(killedAt), "only a request in flight at the kill fails: \(failure)")
        }
        #expect(outcomes.filter { $0.started > killedAt + replacedIn }.allSatisfy { $0.verdict == .correct })
        #expect(try await HTTPSClient.main.send("GET", "/healthz").status == 200)
    }
}
