import Foundation
import Testing

/// `.serialized`: the tests count and kill the same worker processes, so one test's kill must not show up in the
/// other's count. Other suites' requests are kept away from the kill by `WorkerGate`.
@Suite(
    "Worker supervision",
    .serialized,
    .enabled(if: Stack.hasSupervisor, "set by scripts/test.sh")
)
struct WorkerSupervisionTests {
    let cli = CLI.stack
    let client = HTTPSClient.main

    @Test("runs the configured number of workers, each with the FastCGI socket as fd 0")
    func workersRun() async throws {
        let pids = WorkerProcesses.pids()
        #expect(pids.count == Stack.workers, "workers \(pids)")
        for pid in pids {
            let input = WorkerProcesses.standardInput(of: pid)
            #expect(input?.hasPrefix("socket:") == true, "fd 0 of worker \(pid) is \(input ?? "unreadable")")
        }
    }

    @Test("replaces a worker killed with SIGKILL within 2 seconds, and checks keep passing throughout")
    func replacesKilledWorker() async throws {
        let (product, license) = try await cli.licensedProduct()
        try await expectChecksPass(product, license, count: 4, "before the kill")

        let before = WorkerProcesses.pids()
        let victim = try #require(before.first, "a worker to kill")
        try await WorkerProcesses.kill(victim)
        let killedAt = ContinuousClock.now

        async let replacement = waitForReplacement(of: victim, since: killedAt)
        try await expectChecksPass(product, license, count: 4, "while the worker is being replaced")
        let (after, replacedIn) = try await replacement

        #expect(!after.contains(victim), "the killed worker \(victim) is gone")
        #expect(after.count == Stack.workers, "workers after the kill: \(after), before: \(before)")
        #expect(replacedIn < .seconds(2), "replaced after \(replacedIn)")
        for pid in Set(after).subtracting(before) {
            #expect(WorkerProcesses.commandLine(of: pid).contains("worker"))
            #expect(WorkerProcesses.standardInput(of: pid)?.hasPrefix("socket:") == true)
        }

        try await expectChecksPass(product, license, count: 4, "after the replacement")
        #expect(try await client.send("GET", "/healthz").status == 200)
        #expect(try await Database.stack.counters(of: license).totalRequests == 12)
    }

    @Test("keeps every worker alive through bad input")
    func survivesBadInput() async throws {
        let (product, license) = try await cli.licensedProduct()
        let before = WorkerProcesses.pids()
        let bodies: [RequestBody] = [
            .json(#"{"info": "#), .json("[1, 2]"), .json(paddedJSON(bytes: 70_000)),
            .raw(Data([0xFF, 0xFE, 0x00, 0x7B]), contentType: nil), .json(#"{"info": "\udc00"}"#),
            .json(#"{"log": {"nested": [[[[[[[[[[]]]]]]]]]]}, "proIds": "x"}"#),
            .form("info=%ZZ&log=%"), .raw(Data(repeating: 0x7B, count: 10_000), contentType: nil),
        ]
        for body in bodies {
            let response = try await client.check(product, key: license.licenseKey, body: body)
            #expect(response.status < 500, "\(body.testDescription): \(response)")
            expectJSONBody(response)
        }
        for path in ["/api/check/%00", "/api/check/multiple?proIds[]=%FF", "/api/check/1?%%%", "/api/check/1%2F2"] {
            let response = try await client.send("POST", path, key: license.licenseKey)
            #expect(response.status < 500, "\(path): \(response)")
        }
        let after = WorkerProcesses.pids()
        #expect(after == before, "no worker died: before \(before), after \(after)")
    }

    /// Polls every 20 ms, for at most 5 s, until the victim is gone and the supervisor runs its full set again.
    private func waitForReplacement(
        of victim: Int32,
        since killedAt: ContinuousClock.Instant
    ) async throws -> (pids: [Int32], after: Duration) {
        var pids = WorkerProcesses.pids()
        while pids.contains(victim) || pids.count < Stack.workers, ContinuousClock.now - killedAt < .seconds(5) {
            try await Task.sleep(for: .milliseconds(20))
            pids = WorkerProcesses.pids()
        }
        return (pids, ContinuousClock.now - killedAt)
    }

    private func expectChecksPass(
        _ product: Product,
        _ license: License,
        count: Int,
        _ moment: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        for _ in 1...count {
            let response = try await client.check(product, key: license.licenseKey)
            #expect(response.decision == .authorised(), "\(moment): \(response)", sourceLocation: sourceLocation)
        }
    }
}
