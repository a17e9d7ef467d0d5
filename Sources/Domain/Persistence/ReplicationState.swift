/// Whether the primary waits for a synchronous standby before it acknowledges a commit.
///
/// Patroni (`synchronous_mode: true`, not strict) names the standby in `synchronous_standby_names` and empties it
/// when no standby is left, so that writes go on: from then on an acknowledged write exists on one machine only.
/// The setting is readable by any role, unlike `pg_stat_replication`'s details, so the application role can watch it.
public struct ReplicationState: Equatable, Sendable {
    public var synchronousStandbyNames: String

    public init(synchronousStandbyNames: String) {
        self.synchronousStandbyNames = synchronousStandbyNames
    }

    /// True while a commit is acknowledged only once a synchronous standby has it.
    public var writesAreReplicated: Bool { !synchronousStandbyNames.isEmpty }

    static let query = PreparedStatement(
        "replication_state",
        "SELECT current_setting('synchronous_standby_names')"
    )

    /// Reads the state on the connection's server (the primary, for a worker's or the background child's).
    public static func read(on connection: PostgresConnection) throws -> ReplicationState {
        let result = try connection.query(query)
        return ReplicationState(synchronousStandbyNames: result.string(row: 0, column: 0) ?? "")
    }
}
