import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A blocked signal mask survives `exec`: whoever starts the server from a thread that blocks signals (any Swift
/// program's libdispatch threads; Foundation's `Process` passes the caller's mask on) must still be able to stop
/// it with SIGTERM. Before the fix such a supervisor ignored SIGTERM until its caller's timeout killed it.
@Suite("Signals blocked by the parent", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct InheritedSignalMaskTests {
    @Test("a supervisor started with every signal blocked stops on SIGTERM, and its children with it")
    func stopsOnSIGTERM() async throws {
        let folder = NSTemporaryDirectory() + "signal-mask-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let supervisor = try Self.spawnWithEverySignalBlocked(
            // A short drain: a child busy with the database under the parallel suite may take it all, and then
            // the stop still ends by SIGKILL within 4 s. Without the fix the supervisor never ends at all.
            [
                Stack.cli, "serve", "--socket", folder + "/fcgi.sock", "--workers", "2", "--threads", "1",
                "--graceful-timeout", "2",
            ],
            environment: [
                "DATABASE_URL": Stack.databaseURL,
                // The extra background child may sweep and prune only what no test made.
                "GRACE_DAYS": String(BackgroundRun.days),
                "CHECK_LOG_RETENTION_DAYS": String(BackgroundRun.days),
            ],
            log: folder + "/server.log"
        )
        var exited = false
        defer { if !exited { kill(supervisor, SIGKILL) } }

        var children: [Int32] = []
        let startedAt = ContinuousClock.now
        while children.count < 3, ContinuousClock.now - startedAt < .seconds(10) {
            try await Task.sleep(for: .milliseconds(100))
            children = WorkerProcesses.pids(of: supervisor) + WorkerProcesses.backgroundPIDs(of: supervisor)
        }
        try #require(children.count == 3, "two workers and the background child started: \(children)")
        for pid in [supervisor] + children {
            #expect(!Self.blocks(SIGTERM, pid), "process \(pid) blocks SIGTERM")
        }

        kill(supervisor, SIGTERM)
        let signalledAt = ContinuousClock.now
        var status: Int32 = 0
        while !exited, ContinuousClock.now - signalledAt < .seconds(10) {
            exited = waitpid(supervisor, &status, WNOHANG) == supervisor
            if !exited { try await Task.sleep(for: .milliseconds(50)) }
        }
        let log = (try? String(contentsOfFile: folder + "/server.log", encoding: .utf8)) ?? ""
        #expect(exited, "the supervisor still runs 10 s after SIGTERM; its log ends: \(log.suffix(2000))")
        #expect(exited && status == 0, "exit status \(status)")
        for child in children {
            #expect(WorkerProcesses.commandLine(of: child).isEmpty, "child \(child) outlived its supervisor")
            if !WorkerProcesses.commandLine(of: child).isEmpty { kill(child, SIGKILL) }
        }
    }

    /// Starts `arguments` with every signal blocked and the given variables added to this process's environment.
    private static func spawnWithEverySignalBlocked(
        _ arguments: [String],
        environment: [String: String],
        log: String
    ) throws -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        posix_spawnattr_setsigmask(&attributes, &everySignal)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var files = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&files)
        defer { posix_spawn_file_actions_destroy(&files) }
        posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&files, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&files, 1, 2)
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0)=\($1)" }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments[0], &files, &attributes, argv, envp)
        guard result == 0 else { throw SubprocessError(description: "posix_spawn failed with errno \(result)") }
        return pid
    }

    /// Whether `pid`'s mask (`SigBlk` in `/proc/PID/status`, hexadecimal, bit N-1 for signal N) blocks `signal`.
    private static func blocks(_ signal: Int32, _ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigBlk:") }),
            let mask = UInt64(line.dropFirst("SigBlk:".count).trimmingCharacters(in: .whitespaces), radix: 16)
        else { return false }
        return mask & (1 << UInt64(signal - 1)) != 0
    }
}
