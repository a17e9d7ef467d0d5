import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SIGHUP replaces the workers without failing a request: new workers start on the same socket while the old ones
/// finish what they serve. Runs against the V1 stack, so the main stack's worker counts stay untouched.
@Suite(
    "Graceful reload",
    .enabled(if: Stack.hasV1Stack && Stack.v1SupervisorPID > 0, "set by scripts/test.sh")
)
struct GracefulReloadTests {
    let cli = CLI.stack
    let client = HTTPSClient.v1

    @Test("replaces every worker on SIGHUP while checks keep passing")
    func reloadKeepsServing() async throws {
        let supervisor = Stack.v1SupervisorPID
        let (product, license) = try await cli.licensedProduct()
        let before = WorkerProcesses.pids(of: supervisor)
        #expect(!before.isEmpty, "workers of the V1 supervisor")

        async let answers = checks(product, license, count: 40)
        try await Task.sleep(for: .milliseconds(100))
        #expect(kill(supervisor, SIGHUP) == 0)
        let statuses = try await answers

        #expect(statuses.allSatisfy { $0 == "OK" }, "answers during the reload: \(statuses)")
        let after = try await waitForReplacement(of: before, supervisor: supervisor)
        #expect(Set(after).isDisjoint(with: before), "new workers \(after) replaced \(before)")
        #expect(after.count == before.count)
        let final = try await client.checkItem(product, key: license.licenseKey)
        #expect(final.decision == .v1Authorised, "after the reload: \(final)")
    }

    /// Sends `count` checks, four at a time, and returns each answer's status word (or the HTTP status).
    private func checks(_ product: Product, _ license: License, count: Int) async throws -> [String] {
        try await withThrowingTaskGroup(of: String.self) { group in
            for lane in 0..<4 {
                group.addTask {
                    var statuses: [String] = []
                    for _ in stride(from: lane, to: count, by: 4) {
                        let response = try await client.checkItem(product, key: license.licenseKey)
                        statuses.append(response.decision?.status ?? "HTTP \(response.status)")
                    }
                    return statuses.joined(separator: ",")
                }
            }
            var all: [String] = []
            for try await lane in group { all += lane.split(separator: ",").map(String.init) }
            return all
        }
    }

    /// Polls for at most 8 s until none of the old workers is left and the full set runs again: under the
    /// supervisor's 10 s graceful timeout, so an old worker that only leaves when SIGKILLed fails the test.
    private func waitForReplacement(of old: [Int32], supervisor: Int32) async throws -> [Int32] {
        let start = ContinuousClock.now
        var pids = WorkerProcesses.pids(of: supervisor)
        while !Set(pids).isDisjoint(with: old) || pids.count < old.count, ContinuousClock.now - start < .seconds(8) {
            try await Task.sleep(for: .milliseconds(50))
            pids = WorkerProcesses.pids(of: supervisor)
        }
        return pids
    }
}
