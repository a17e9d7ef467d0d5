import Foundation

extension WorkerProcesses {
    /// True while the process exists and is not a zombie: a supervisor that exited stays a zombie until the script
    /// that started it reaps it, and has stopped all the same.
    static func isRunning(_ pid: Int32) -> Bool {
        guard
            let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat"),
            let stat = String(data: data, encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }

    /// How many of a process's descriptors are TCP sockets (IPv4, as the cluster listens on 127.0.0.1) whose remote
    /// port is `port`: its inodes from `/proc/net/tcp`, matched against the `socket:[inode]` links in its fd folder.
    static func tcpSockets(of pid: Int32, toPort port: Int) -> Int {
        // Read to the end: FileManager stops after the first page of a /proc file.
        let handle = FileHandle(forReadingAtPath: "/proc/net/tcp")
        defer { try? handle?.close() }
        let table = (try? handle?.readToEnd()).flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let remotePort = ":" + String(format: "%04X", port)
        let inodes = Set(
            table.split(separator: "\n").dropFirst().compactMap { line -> String? in
                let fields = line.split(separator: " ")
                guard fields.count > 9, fields[2].hasSuffix(remotePort) else { return nil }
                return "socket:[\(fields[9])]"
            }
        )
        let folder = "/proc/\(pid)/fd"
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return descriptors.filter { descriptor in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "\(folder)/\(descriptor)")).map(inodes.contains)
                ?? false
        }.count
    }

    /// Polls every 20 ms, for at most `limit`, until `old` has no member left among the workers and the full set
    /// runs again; returns the workers then and how long it took.
    static func waitForReplacement(
        of old: [Int32],
        count: Int,
        supervisor: Int32 = Stack.supervisorPID,
        limit: Duration
    ) async throws -> (pids: [Int32], after: Duration) {
        let start = ContinuousClock.now
        var pids = pids(of: supervisor)
        while !Set(pids).isDisjoint(with: old) || pids.count < count, ContinuousClock.now - start < limit {
            try await Task.sleep(for: .milliseconds(20))
            pids = self.pids(of: supervisor)
        }
        return (pids, ContinuousClock.now - start)
    }
}
