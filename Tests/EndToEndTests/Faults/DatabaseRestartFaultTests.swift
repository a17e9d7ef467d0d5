import Foundation
import Testing

@Suite(
    "Fault: PostgreSQL restarted under load",
    .serialized,
    .enabled(if: FaultStack.isConfigured, "set by scripts/test-faults.sh")
)
struct DatabaseRestartFaultTests {
    let client = HTTPSClient.main

    /// Worker threads hold one connection each and the background child one; the CLI runs of other suites may
    /// add one while they run.
    var connectionLimit: Int { Stack.workers * FaultStack.threads + 1 + 1 }

    @Test(
        "answers 503 JSON once its deadline has passed while PostgreSQL is down, and serves again within 2 s of it coming back, leaking nothing"
    )
    func restartUnderLoad() async throws {
        let targets = try await LoadTargets.make()
        let manager = try await RoleUsers.shared.user("manager")
        let load = SteadyLoad(clients: 16, targets: targets)
        try await Task.sleep(for: .seconds(1))
        let socketsBefore = databaseSockets()

        try await Cluster.stop()
        let downAt = ContinuousClock.now
        // Every request then in flight waits out its deadline; those started after it give up in turn.
        try await Task.sleep(for: FaultStack.requestDeadline * 2)
        let health = try await client.send("GET", "/healthz")
        let restSent = ContinuousClock.now
        let rest = try await client.rest("GET", "licensing/licenses?per_page=1", as: manager)
        let restAnswered = ContinuousClock.now - restSent
        try await Task.sleep(for: .seconds(0.5))
        let startingAt = ContinuousClock.now
        try await Cluster.start()
        let backAt = ContinuousClock.now
        try await Task.sleep(for: .seconds(3))
        let connectionsAfterFirst = try await Cluster.serverConnections()
        let socketsAfterFirst = databaseSockets()

        try await Cluster.stop()
        try await Task.sleep(for: .seconds(0.5))
        try await Cluster.start()
        try await Task.sleep(for: .seconds(2.5))
        let connectionsAfterSecond = try await Cluster.serverConnections()
        let socketsAfterSecond = databaseSockets()
        let outcomes = await load.stop()

        #expect(outcomes.allSatisfy { $0.verdict == .correct || $0.verdict == .unavailable }, "\(outcomes.summary)")
        let whileDown = outcomes.filter { $0.started > downAt && $0.finished < startingAt }
        #expect(whileDown.count >= 10, "requests while down: \(whileDown.summary)")
        #expect(whileDown.allSatisfy { $0.verdict == .unavailable }, "while down: \(whileDown.summary)")
        #expect(health.status == 503 && health.json?["status"] as? String == "unavailable", "\(health)")
        #expect(restAnswered >= FaultStack.requestDeadline * 0.9, "the REST read waited its deadline: \(restAnswered)")
        #expect(rest.status == 503 && rest.header("Retry-After") != nil, "\(rest)")
        #expect(rest.string("code") == "service_unavailable", "REST's envelope: \(rest)")

        let firstCorrect = outcomes.first { $0.started > backAt && $0.verdict == .correct }
        #expect(firstCorrect.map { $0.finished - backAt < .seconds(2) } == true, "first success after restart")
        let settled = outcomes.filter { $0.started > backAt + .seconds(2) && $0.finished < backAt + .seconds(3) }
        #expect(!settled.isEmpty && settled.allSatisfy { $0.verdict == .correct }, "2 s after: \(settled.summary)")

        #expect(connectionsAfterFirst <= connectionLimit, "connections after the first restart")
        #expect(connectionsAfterSecond <= connectionLimit, "connections after the second restart")
        // One socket per worker thread at most, whatever the number of failed connects while the cluster was down.
        let threads = Stack.workers * FaultStack.threads
        #expect((1...threads).contains(socketsBefore), "workers' sockets to PostgreSQL before: \(socketsBefore)")
        #expect((1...threads).contains(socketsAfterFirst), "after the first restart: \(socketsAfterFirst)")
        #expect((1...threads).contains(socketsAfterSecond), "after the second restart: \(socketsAfterSecond)")
        #expect(try await client.send("GET", "/healthz").status == 200)
    }

    @Test("holds a check through a PostgreSQL restart shorter than its deadline and answers it correctly")
    func restartWithinDeadline() async throws {
        let targets = try await LoadTargets.make()
        let readOnly = HTTPSClient(baseURL: FaultStack.readOnlyBaseURL)
        try await Cluster.stop()
        let downAt = ContinuousClock.now
        // Sent while the cluster is down: the read-only supervisor (5 s deadline) holds them, then looks them up.
        async let faxStore = readOnly.check(targets.faxStoreProduct, key: targets.faxStoreLicense.licenseKey)
        async let fluentCart = readOnly.fluentCart(
            "check_license",
            [
                "license_key": targets.fluentCartLicense.licenseKey, "item_id": "\(targets.fluentCartProduct.id)",
                "site_url": targets.site,
            ]
        )
        try await Task.sleep(for: .seconds(0.5))
        try await Cluster.start()
        let (check, status) = try await (faxStore, fluentCart)
        let answeredAfter = ContinuousClock.now - downAt

        #expect(check.string("status") == "AUTHORISED", "\(check)")
        #expect(status.status == 200 && status.string("status") == "valid", "\(status)")
        #expect(answeredAfter < FaultStack.readOnlyRequestDeadline, "answered after \(answeredAfter)")
    }

    /// The workers' open sockets to the cluster's port, in any TCP state: a connection that was given up without
    /// being closed would stay here (in CLOSE_WAIT once the server is gone).
    private func databaseSockets() -> Int {
        let port = Int(FaultStack.clusterPort) ?? 0
        return WorkerProcesses.pids().map { WorkerProcesses.tcpSockets(of: $0, toPort: port) }.reduce(0, +)
    }
}
