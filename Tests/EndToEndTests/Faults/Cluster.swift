import Foundation

/// The fault stack's PostgreSQL cluster, stopped and started the way its owner would (`scripts/pg.sh`, which runs
/// `pg_ctl -m fast` as the cluster's owner), on the same port and data directory.
enum Cluster {
    /// `pg_ctl stop -m fast`: open transactions roll back and every client is disconnected.
    static func stop() async throws {
        try await pgScript(["stop", FaultStack.clusterDirectory])
    }

    /// `pg_ctl start -w`: returns once the cluster accepts connections.
    static func start() async throws {
        try await pgScript(["start", FaultStack.clusterDirectory, FaultStack.clusterPort])
    }

    /// Open connections of the main supervisor's processes: its workers and its background child (the read-only
    /// supervisor connects as another role, psql as another application).
    static func serverConnections() async throws -> Int {
        try await Database.stack.integer(
            """
            select count(*) from pg_stat_activity
            where application_name = 'license-fcgi' and usename <> \(Database.literal(FaultStack.readOnlyRole))
            """
        )
    }

    /// Backends of our server waiting for a lock right now.
    static func serverBackendsWaitingForLocks() async throws -> Int {
        try await Database.stack.integer(
            "select count(*) from pg_stat_activity where application_name = 'license-fcgi' and wait_event_type = 'Lock'"
        )
    }

    /// Runs its arguments with every descriptor above 2 closed, in a child of a shell that waits for it. `pg_ctl
    /// start` leaves PostgreSQL running, and a PostgreSQL that inherited Foundation's socket for noticing a child's
    /// exit would hold it open for good, so `Process` would never report that `pg.sh` finished.
    private static let withoutInheritedDescriptors = """
        ( for fd in /proc/self/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done
          exec bash "$@" ) & wait $!
        """

    private static func pgScript(_ arguments: [String]) async throws {
        let output = try await Subprocess.run(
            "/bin/bash",
            ["-c", withoutInheritedDescriptors, "bash", "\(FaultStack.scripts)/pg.sh"] + arguments
        )
        guard output.exitStatus == 0 else {
            throw SubprocessError(
                description: "pg.sh \(arguments[0]) exited \(output.exitStatus): \(output.stderrText)"
            )
        }
    }
}
