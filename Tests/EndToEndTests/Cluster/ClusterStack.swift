import Foundation

/// The stack of `make cluster` (operations.md §7), as `scripts/cluster-test.sh` describes it to the tests: three
/// PostgreSQL members under Patroni, HAProxy, two app nodes and the front on `https://127.0.0.1:9443`.
enum ClusterStack {
    private static let environment = ProcessInfo.processInfo.environment

    /// True when `scripts/cluster-test.sh` started the cluster and asked for its suites.
    static let isConfigured: Bool =
        environment["E2E_CLUSTER"] == "1" && Stack.isConfigured
        && !(environment["E2E_CLUSTER_DIR"] ?? "").isEmpty && !(environment["E2E_CLUSTER_SCRIPT"] ?? "").isEmpty

    /// The `.cluster/` folder of the checkout.
    static var directory: String { environment["E2E_CLUSTER_DIR"] ?? "" }
    /// `scripts/cluster.sh`.
    static var script: String { environment["E2E_CLUSTER_SCRIPT"] ?? "" }

    /// The front load balancer; `node(1)` and `node(2)` reach one app node each, past the front.
    static var front: HTTPSClient { HTTPSClient(baseURL: "https://127.0.0.1:9443") }
    static func node(_ number: Int) -> HTTPSClient { HTTPSClient(baseURL: "https://127.0.0.1:\(9443 + number)") }

    static let memberNames = ["pg1", "pg2", "pg3"]

    /// `scripts/cluster.sh up` (`make cluster`): brings back whatever is not running and returns once every member
    /// runs, a synchronous standby is set and both app nodes answer.
    static func up() async throws {
        try await script(["up"])
    }

    /// `scripts/cluster.sh patronictl ARGS…`, as the owner of the data directories.
    static func patronictl(_ arguments: [String]) async throws -> ProcessOutput {
        try await script(["patronictl"] + arguments)
    }

    /// `scripts/cluster.sh restart-app N`: the front drains the node, it stops, migrates and starts again.
    /// Returns the script's warnings (a node that kept sessions past the drain timeout, say).
    static func restartApp(_ number: Int, migrations: String? = nil) async throws -> [String] {
        var environment = ProcessInfo.processInfo.environment
        if let migrations { environment["CLUSTER_MIGRATIONS"] = migrations }
        let output = try await script(["restart-app", "\(number)"], environment: environment)
        return output.stderrText.split(separator: "\n").filter { $0.hasPrefix("warning:") }.map(String.init)
    }

    @discardableResult
    private static func script(
        _ arguments: [String],
        environment: [String: String]? = nil
    ) async throws -> ProcessOutput {
        let output = try await Subprocess.run(
            "/bin/bash",
            ["-c", withoutInheritedDescriptors, "bash", script] + arguments,
            environment: environment
        )
        guard output.exitStatus == 0 else {
            throw SubprocessError(
                description: "cluster.sh \(arguments.joined(separator: " ")) exited \(output.exitStatus): "
                    + output.stderrText.suffix(2000)
            )
        }
        return output
    }

    /// Daemons the script starts must not inherit Foundation's descriptors, or `Process` would wait for them.
    private static let withoutInheritedDescriptors = """
        ( for fd in /proc/self/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done
          exec bash "$@" ) & wait $!
        """
}
