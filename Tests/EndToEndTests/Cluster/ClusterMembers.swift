import Foundation

/// The PostgreSQL members as Patroni reports them (`GET /cluster` on any member's REST API), and the processes
/// behind each.
struct ClusterMember: Sendable, Equatable {
    var name: String
    /// `leader`, `sync_standby` or `replica`.
    var role: String
    var state: String

    var isPrimary: Bool { role == "leader" }
    var isSynchronousStandby: Bool { role == "sync_standby" }

    /// The member's number: `pg2` is 2 (PostgreSQL on 15432, Patroni's REST API on 18009).
    var number: Int { Int(name.dropFirst(2)) ?? 0 }

    /// The postmaster: the first line of `postmaster.pid` in the data directory.
    var postmasterPID: Int32? {
        ClusterMember.firstLine(of: "\(ClusterStack.directory)/\(name)/data/postmaster.pid").flatMap { Int32($0) }
    }

    /// Patroni: the pid `make cluster` recorded for it.
    var patroniPID: Int32? {
        ClusterMember.firstLine(of: "\(ClusterStack.directory)/\(name)/patroni.pid").flatMap { Int32($0) }
    }

    private static func firstLine(of path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The members, asked of the first Patroni that answers; empty when none does.
    static func all() async -> [ClusterMember] {
        for number in 1...3 {
            guard
                let output = try? await Subprocess.run(
                    "/usr/bin/curl",
                    ["-sS", "--max-time", "2", "http://127.0.0.1:\(18007 + number)/cluster"]
                ), output.exitStatus == 0,
                let object = try? JSONSerialization.jsonObject(with: output.stdout) as? [String: Any],
                let members = object["members"] as? [[String: Any]]
            else { continue }
            return members.compactMap { member in
                guard let name = member["name"] as? String, let role = member["role"] as? String else { return nil }
                return ClusterMember(name: name, role: role, state: member["state"] as? String ?? "")
            }
        }
        return []
    }

    /// The current primary, waiting up to `timeout` for the members to agree on one.
    static func primary(timeout: Duration = .seconds(60)) async throws -> ClusterMember {
        try await waitFor("a primary", timeout: timeout) { await all().first { $0.isPrimary && $0.state == "running" } }
    }

    /// The synchronous standby, waiting up to `timeout` for Patroni to name one.
    static func synchronousStandby(timeout: Duration = .seconds(60)) async throws -> ClusterMember {
        try await waitFor("a synchronous standby", timeout: timeout) {
            await all().first { $0.isSynchronousStandby && ["streaming", "running"].contains($0.state) }
        }
    }

    private static func waitFor<T>(
        _ what: String,
        timeout: Duration,
        _ probe: () async -> T?
    ) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let value = await probe() { return value }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw SubprocessError(description: "no \(what) within \(timeout): \(await all())")
    }
}
