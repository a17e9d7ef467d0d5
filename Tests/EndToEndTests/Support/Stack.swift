import Foundation

/// The throwaway stack that `scripts/test.sh` starts before `swift test`, described by its `E2E_*` variables.
///
/// Without them (a plain `swift test`) every end-to-end suite is skipped, never failed.
enum Stack {
    private static let environment = ProcessInfo.processInfo.environment

    /// True when `scripts/test.sh` described a running stack.
    static let isConfigured: Bool = ["E2E_BASE_URL", "E2E_DATABASE_URL", "E2E_CLI"].allSatisfy {
        !(environment[$0] ?? "").isEmpty
    }

    /// True when the second stack, with the legacy V1 endpoint and `PUBLIC_BASE_URL`, is running too.
    static let hasV1Stack: Bool = isConfigured && !(environment["E2E_V1_BASE_URL"] ?? "").isEmpty

    /// True when the third nginx, without the loopback exemption and with a low rate limit, is running too.
    static let hasRateLimitedStack: Bool = isConfigured && !(environment["E2E_RATE_LIMITED_BASE_URL"] ?? "").isEmpty

    /// True in the second `swift test` run of `scripts/test.sh` (`E2E_QUIET_PHASE=1`): every other suite has
    /// finished, so nothing else writes to the database while the fuzz test compares checksums.
    static let isQuietPhase: Bool = isConfigured && environment["E2E_QUIET_PHASE"] == "1"

    /// True in the last `swift test` run of `scripts/test.sh` (`E2E_FINAL_PHASE=1`), after every request of the run.
    static let isFinalPhase: Bool = isConfigured && environment["E2E_FINAL_PHASE"] == "1"

    /// True when the tests may look at and signal the main stack's worker processes.
    static let hasSupervisor: Bool = isConfigured && Int32(environment["E2E_SUPERVISOR_PID"] ?? "") != nil

    /// nginx of the main stack, e.g. `https://127.0.0.1:18443`, without a trailing slash.
    static var baseURL: String { trimmed(variable("E2E_BASE_URL")) }

    /// nginx of the V1 stack (started with `--faxstore-v1` and `PUBLIC_BASE_URL=https://licenses.example.test`).
    static var v1BaseURL: String { trimmed(variable("E2E_V1_BASE_URL")) }

    /// nginx rendered without any rate-limit exemption and with 5 requests a second, burst 5, in front of the main
    /// stack's workers.
    static var rateLimitedBaseURL: String { trimmed(variable("E2E_RATE_LIMITED_BASE_URL")) }

    /// The `PUBLIC_BASE_URL` the V1 stack was started with.
    static let v1PublicBaseURL = "https://licenses.example.test"

    /// The self-signed certificate nginx presents; when unset, curl runs with `-k`.
    static var caCertificate: String? { environment["E2E_CA_CERT"].flatMap { $0.isEmpty ? nil : $0 } }

    static var databaseURL: String { variable("E2E_DATABASE_URL") }

    /// PgBouncer's admin console, in front of the same database: stack B's workers connect through its transaction
    /// pool and stack A's reads through its session pool (`scripts/test.sh`); "" when the harness started none.
    static var pgBouncerAdminURL: String { variable("E2E_PGBOUNCER_ADMIN_URL") }

    static let hasPgBouncer: Bool = hasV1Stack && !(environment["E2E_PGBOUNCER_ADMIN_URL"] ?? "").isEmpty

    /// The `license-fcgi` binary the stack runs.
    static var cli: String { variable("E2E_CLI") }

    static var supervisorPID: Int32 { Int32(variable("E2E_SUPERVISOR_PID")) ?? 0 }

    /// The supervisor of the V1 stack (one worker), which the reload test may signal without disturbing the main
    /// stack's tests; 0 when the harness did not export it.
    static var v1SupervisorPID: Int32 { Int32(environment["E2E_V1_SUPERVISOR_PID"] ?? "") ?? 0 }

    /// Workers the main supervisor was started with. Defaults to 2, as `scripts/test.sh` starts it.
    static var workers: Int { Int(environment["E2E_WORKERS"] ?? "") ?? 2 }

    static var runDirectory: String? { environment["E2E_RUN_DIR"] }

    /// The success text on the main stack: no `PUBLIC_BASE_URL`, so the base is the scheme and the `Host`
    /// nginx passes, port included (`faxstore.md` §3).
    static var successDetails: String { "Authorisation completed - \(baseURL)" }

    private static func variable(_ name: String) -> String {
        environment[name] ?? ""
    }

    private static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
