import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension ClusterTests {
    @Test(
        "pauses writes briefly when standbys are lost, and says in /metrics and the log when writes are not replicated"
    )
    func synchronousStandbyLost() async throws {
        try await ClusterStack.up()
        let first = try await ClusterMember.synchronousStandby()
        #expect(try await replicatedGauge() == 1)
        let load = ClusterLoad(targets: try await .make(cycleLanes: 2))
        try await Task.sleep(for: .seconds(2))

        let firstLostAt = ContinuousClock.now
        try Self.killMachine(first)
        try await Task.sleep(for: .seconds(8))
        let second = try await ClusterMember.synchronousStandby(timeout: .seconds(20))
        let lastLostAt = ContinuousClock.now
        try Self.killMachine(second)
        try await Task.sleep(for: .seconds(8))
        let gaugeAlone = try await replicatedGauge()
        let outcomes = await load.stop()
        let logged = Self.appLogs().contains("writes are not replicated")
        try await ClusterStack.up()
        let gaugeAgain = try await waitForGauge(1, timeout: .seconds(30))

        #expect(second.name != first.name, "Patroni named the other replica")
        #expect(outcomes.wrong.isEmpty, "\(outcomes.summary)")
        let backFirst = outcomes.writesBack(after: firstLostAt)
        let backLast = outcomes.writesBack(after: lastLostAt)
        #expect(backFirst.map { $0 <= .seconds(10) } == true, "after the first: \(backFirst?.secondsText ?? "never")")
        #expect(backLast.map { $0 <= .seconds(10) } == true, "after the last: \(backLast?.secondsText ?? "never")")
        #expect(gaugeAlone == 0, "/metrics says writes are not replicated")
        #expect(logged, "the log says writes are not replicated")
        #expect(gaugeAgain == 1, "and says so again once a standby is back")
        try await expectAcknowledgedSitesExist(outcomes, load.targets)
        reportFigure("sync standby lost: writes back after", backFirst?.secondsText ?? "never")
        reportFigure("last standby lost: writes back after", backLast?.secondsText ?? "never")
        reportFigure(
            "sync standby lost: longest time without an acknowledged write",
            outcomes.longestWriteGap(after: firstLostAt).secondsText
        )
        reportFigure("standbys lost: answers", outcomes.summary)
    }

    /// A lost database machine: SIGKILL of the member's Patroni and PostgreSQL.
    static func killMachine(_ member: ClusterMember) throws {
        guard let patroni = member.patroniPID, let postmaster = member.postmasterPID else {
            throw SubprocessError(description: "no Patroni or postmaster pid for \(member.name)")
        }
        kill(patroni, SIGKILL)
        kill(postmaster, SIGKILL)
    }

    /// `license_fcgi_database_writes_replicated` as app node 1 reports it.
    func replicatedGauge() async throws -> Int? {
        let response = try await ClusterStack.node(1).send("GET", "/metrics")
        let line = response.text.split(separator: "\n").first {
            $0.hasPrefix("license_fcgi_database_writes_replicated ")
        }
        return line.flatMap { Int($0.split(separator: " ").last ?? "") }
    }

    private func waitForGauge(_ value: Int, timeout: Duration) async throws -> Int? {
        let deadline = ContinuousClock.now + timeout
        var last: Int?
        while ContinuousClock.now < deadline {
            last = try await replicatedGauge()
            if last == value { return last }
            try await Task.sleep(for: .milliseconds(500))
        }
        return last
    }

    /// Every log file of both app nodes, concatenated.
    static func appLogs() -> String {
        (1...2).flatMap { node -> [String] in
            let folder = "\(ClusterStack.directory)/app\(node)"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return names.filter { $0.hasSuffix(".log") }.compactMap {
                try? String(contentsOfFile: "\(folder)/\($0)", encoding: .utf8)
            }
        }.joined(separator: "\n")
    }
}
