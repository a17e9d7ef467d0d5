import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Stops the main supervisor for good: `scripts/test-faults.sh` runs this suite last.
@Suite(
    "Fault: SIGTERM under load",
    .serialized,
    .enabled(if: FaultStack.isConfigured, "set by scripts/test-faults.sh")
)
struct SupervisorStopFaultTests {
    @Test("finishes requests in flight, answers later ones with nginx's 503 JSON, then every process exits")
    func stopUnderLoad() async throws {
        let targets = try await LoadTargets.make()
        let supervisor = Stack.supervisorPID
        let processes = [supervisor] + WorkerProcesses.pids() + WorkerProcesses.backgroundPIDs(of: supervisor)
        #expect(processes.count == Stack.workers + 2, "supervisor, workers and background child: \(processes)")

        let load = SteadyLoad(clients: 16, targets: targets)
        try await Task.sleep(for: .seconds(1))
        // Requests held in flight: blocked inside the workers behind a lock until after the signal.
        let lock = try await TableLock("licenses")
        var inFlight = 0
        let waitStart = ContinuousClock.now
        while inFlight == 0, ContinuousClock.now - waitStart < .seconds(1) {
            inFlight = try await Cluster.serverBackendsWaitingForLocks()
        }
        let signalledAt = ContinuousClock.now
        let signalResult = kill(supervisor, SIGTERM)
        try await Task.sleep(for: .milliseconds(200))
        // Nothing blocked behind the lock can finish before this instant.
        let releasedAt = ContinuousClock.now
        await lock.release()

        var left = processes
        while !left.isEmpty, ContinuousClock.now - signalledAt < FaultStack.drainTimeout {
            try await Task.sleep(for: .milliseconds(50))
            left = left.filter(WorkerProcesses.isRunning)
        }
        let goneAt = ContinuousClock.now
        try await Task.sleep(for: .seconds(0.5))
        let outcomes = await load.stop()

        #expect(signalResult == 0)
        #expect(left.isEmpty, "still running \(goneAt - signalledAt) after SIGTERM: \(left)")
        #expect(inFlight > 0, "requests were in flight at the signal")
        #expect(outcomes.allSatisfy { $0.verdict == .correct || $0.verdict == .unavailable }, "\(outcomes.summary)")
        let finishedInFlight = outcomes.filter { $0.started < signalledAt && $0.finished > releasedAt }
        #expect(
            finishedInFlight.filter { $0.verdict == .correct }.count >= inFlight,
            "the \(inFlight) requests in flight finish correctly: \(finishedInFlight.summary)"
        )
        let afterStop = outcomes.filter { $0.started > goneAt }
        #expect(!afterStop.isEmpty && afterStop.allSatisfy { $0.verdict == .unavailable }, "\(afterStop.summary)")
    }
}
