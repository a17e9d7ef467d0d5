import Foundation

/// The stack of `scripts/test-faults.sh`, described by its `E2E_*` variables on top of `Stack`'s: the fault suites
/// restart its PostgreSQL and signal its supervisor, so they never run against `scripts/test.sh`'s stacks (which
/// leaves `E2E_FAULTS` unset, and every fault suite skipped).
enum FaultStack {
    private static let environment = ProcessInfo.processInfo.environment

    /// True when `scripts/test-faults.sh` started the stack and asked for the fault suites.
    static let isConfigured: Bool =
        environment["E2E_FAULTS"] == "1" && Stack.hasSupervisor
        && ["E2E_PG_DIR", "E2E_PG_PORT", "E2E_SCRIPTS", "E2E_READ_ONLY_BASE_URL"].allSatisfy {
            !(environment[$0] ?? "").isEmpty
        }

    /// Threads of each worker of the main supervisor.
    static var threads: Int { Int(environment["E2E_THREADS"] ?? "") ?? 4 }

    /// `STATEMENT_TIMEOUT_MS` both supervisors run with.
    static var statementTimeout: Duration { .milliseconds(Int(environment["E2E_STATEMENT_TIMEOUT_MS"] ?? "") ?? 2000) }

    /// `REQUEST_DEADLINE_MS` of the main supervisor: how long a request waits out a lost database before its 503.
    /// The read-only supervisor keeps the default, `readOnlyRequestDeadline`.
    static var requestDeadline: Duration { .milliseconds(Int(environment["E2E_REQUEST_DEADLINE_MS"] ?? "") ?? 1000) }
    static let readOnlyRequestDeadline: Duration = .seconds(5)

    /// The supervisor's drain timeout: how long SIGTERM may take before it kills what is left.
    static let drainTimeout: Duration = .seconds(10)

    /// The cluster's data directory and port, for `scripts/pg.sh stop|start`.
    static var clusterDirectory: String { environment["E2E_PG_DIR"] ?? "" }
    static var clusterPort: String { environment["E2E_PG_PORT"] ?? "" }
    static var scripts: String { environment["E2E_SCRIPTS"] ?? "" }

    /// nginx of the second supervisor, which connects as a role that may only read.
    static var readOnlyBaseURL: String { environment["E2E_READ_ONLY_BASE_URL"] ?? "" }
    static var readOnlySupervisorPID: Int32 { Int32(environment["E2E_READ_ONLY_SUPERVISOR_PID"] ?? "") ?? 0 }
    /// The role the read-only supervisor connects as.
    static var readOnlyRole: String { environment["E2E_READ_ONLY_ROLE"] ?? "license_readonly" }
}
