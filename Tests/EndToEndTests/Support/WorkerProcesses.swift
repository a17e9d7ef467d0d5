import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The main stack's worker processes, as the operating system shows them (`operations.md` §1: direct children of
/// the supervisor with `worker` in their command line and the FastCGI socket as fd 0).
enum WorkerProcesses {
    /// The pids of the supervisor's live children whose command line contains `worker`, sorted.
    ///
    /// This reads `/proc` (what `pgrep -P` does) rather than running pgrep, so that timing a replacement does not
    /// depend on how fast a loaded machine starts a process.
    static func pids(of supervisor: Int32 = Stack.supervisorPID) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }
            .filter { parent(of: $0) == supervisor && commandLine(of: $0).contains("worker") }
            .sorted()
    }

    /// The supervisor's live children running `serve --background` (the webhook dispatcher and sweeper), sorted.
    static func backgroundPIDs(of supervisor: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }
            .filter { parent(of: $0) == supervisor && commandLine(of: $0).contains("--background") }
            .sorted()
    }

    /// The parent pid from `/proc/PID/stat`: the second field after the command name, which is in parentheses and
    /// may itself hold spaces.
    static func parent(of pid: Int32) -> Int32? {
        guard
            let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat"),
            let stat = String(data: data, encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? Int32(fields[1]) : nil
    }

    /// The command line of a process, arguments joined by spaces; empty for a zombie or a process that is gone.
    static func commandLine(of pid: Int32) -> String {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return "" }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
    }

    /// What fd 0 of a process points at, e.g. `socket:[123456]`.
    static func standardInput(of pid: Int32) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/0")
    }

    /// Sends SIGKILL once no other test's request is in flight (see `WorkerGate`).
    static func kill(_ pid: Int32) async throws {
        let result = try await WorkerGate.shared.exclusively { Glibc.kill(pid, SIGKILL) }
        if result != 0 {
            throw SubprocessError(description: "kill(\(pid), SIGKILL) failed with errno \(errno)")
        }
    }
}
