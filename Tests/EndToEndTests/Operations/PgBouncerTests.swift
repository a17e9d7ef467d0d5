import Foundation
import Testing

/// Stack B's workers reach PostgreSQL through PgBouncer's transaction pool, with unnamed statements, its background
/// child (which holds session state) through the session pool, and stack A's reads through the session pool, with named ones (`scripts/test.sh`): every test that
/// talks to stack B runs through a transaction pooler. These tests show that the connections really go there by
/// matching each process's TCP connections with the clients PgBouncer's admin console lists, pool by pool.
@Suite("PgBouncer in front of the stacks", .enabled(if: Stack.hasPgBouncer))
struct PgBouncerTests {
    /// Where a set of processes' database connections go.
    struct Observation: CustomStringConvertible {
        /// Connections to PgBouncer that it lists as clients of the expected pool.
        var pooled: [TCPConnections.Connection] = []
        /// Connections to PgBouncer that it lists in another pool, under another application name, or not at all.
        var elsewhere: [TCPConnections.Connection] = []
        /// Connections straight to PostgreSQL.
        var direct: [TCPConnections.Connection] = []

        var description: String { "pooled \(pooled), elsewhere \(elsewhere), direct \(direct)" }
    }

    @Test(
        "stack B's workers reach PostgreSQL only through PgBouncer's transaction pool, its background child through the session pool"
    )
    func transactionPool() async throws {
        let (product, license) = try await CLI.stack.licensedProduct()
        var workers = Observation()
        var background = Observation()
        // A worker that another test just replaced may not have connected yet: ask again for a few seconds.
        for _ in 0..<20 {
            let check = try await HTTPSClient.v1.check(product, key: license.licenseKey)
            #expect(check.string("status") == "AUTHORISED", "\(check)")
            workers = try await observe(WorkerProcesses.pids(of: Stack.v1SupervisorPID), pool: "transaction")
            background = try await observe(WorkerProcesses.backgroundPIDs(of: Stack.v1SupervisorPID), pool: "session")
            let settled = [workers, background].allSatisfy {
                !$0.pooled.isEmpty && $0.elsewhere.isEmpty && $0.direct.isEmpty
            }
            if settled { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(!workers.pooled.isEmpty, "a worker is a client of the transaction pool: \(workers)")
        #expect(workers.elsewhere.isEmpty && workers.direct.isEmpty, "no worker bypasses it: \(workers)")
        #expect(!background.pooled.isEmpty, "the background child is a client of the session pool: \(background)")
        #expect(background.elsewhere.isEmpty && background.direct.isEmpty, "\(background)")
    }

    @Test("stack A reads through PgBouncer's session pool with named statements, and writes directly")
    func sessionPool() async throws {
        let manager = try await RoleUsers.shared.user("manager")
        let (_, license) = try await CLI.stack.licensedProduct()
        var observation = Observation()
        for _ in 0..<20 {
            let response = try await HTTPSClient.main.rest("GET", "licensing/licenses/\(license.id)", as: manager)
            #expect(response.status == 200, "\(response)")
            observation = try await observe(
                WorkerProcesses.pids(of: Stack.supervisorPID),
                pool: "session",
                applicationName: "license-fcgi-read"
            )
            if !observation.pooled.isEmpty, observation.elsewhere.isEmpty, !observation.direct.isEmpty { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(!observation.pooled.isEmpty, "a read connection is a client of the session pool: \(observation)")
        #expect(observation.elsewhere.isEmpty, "\(observation)")
        #expect(!observation.direct.isEmpty, "the primary connections go straight to PostgreSQL: \(observation)")
    }

    /// Sorts the processes' connections by where they go: PostgreSQL's port, or PgBouncer's and then into which
    /// pool (`<database>_<pool>`) and under which application name its `SHOW CLIENTS` puts them.
    private func observe(
        _ processes: [Int32],
        pool: String,
        applicationName: String? = nil
    ) async throws
        -> Observation
    {
        let database = URLComponents(string: Stack.databaseURL)
        let postgresPort = try #require(database?.port)
        let pgBouncerPort = try #require(URLComponents(string: Stack.pgBouncerAdminURL)?.port)
        let poolName = "\(database?.path.dropFirst() ?? "")_\(pool)"
        // type, user, database, state, addr, port, local_addr, local_port, ..., application_name (the last column).
        let clients = try await Database.pgBouncerAdmin.rows("SHOW CLIENTS")
        let expected = Set(
            clients.filter { row in
                row.count > 5 && row[2] == poolName && (applicationName == nil || row.last == applicationName)
            }.compactMap { $0[5].flatMap { Int($0) } }
        )
        var observation = Observation()
        for connection in processes.flatMap(TCPConnections.established(of:)) {
            if connection.remotePort == postgresPort {
                observation.direct.append(connection)
            } else if connection.remotePort == pgBouncerPort {
                if expected.contains(connection.localPort) {
                    observation.pooled.append(connection)
                } else {
                    observation.elsewhere.append(connection)
                }
            }
        }
        return observation
    }
}
