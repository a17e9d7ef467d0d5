import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Background child without its supervisor", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct BackgroundOrphanTests {
    @Test("exits within 3 s once its supervisor is SIGKILLed, so no orphan keeps sweeping or sending")
    func exitsWhenOrphaned() async throws {
        let pidFile = NSTemporaryDirectory() + "background-orphan-\(UUID()).pid"
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        // A stand-in supervisor: a shell that starts the child and waits for it.
        let parent = Process()
        parent.executableURL = URL(fileURLWithPath: "/bin/bash")
        parent.arguments = [
            "-c", #""$0" serve --background --database-url "$1" >/dev/null 2>&1 </dev/null & echo $! >"$2"; wait"#,
            Stack.cli, Stack.databaseURL, pidFile,
        ]
        try parent.run()
        var child: Int32?
        for _ in 0..<50 where child == nil {
            try await Task.sleep(for: .milliseconds(100))
            child = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap {
                Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        let pid = try #require(child)
        try await Task.sleep(for: .seconds(1))
        #expect(Self.isAlive(pid), "the child runs while its parent does")

        kill(parent.processIdentifier, SIGKILL)
        let killedAt = ContinuousClock.now
        while Self.isAlive(pid), ContinuousClock.now - killedAt < .seconds(5) {
            try await Task.sleep(for: .milliseconds(100))
        }
        let took = ContinuousClock.now - killedAt
        if Self.isAlive(pid) { kill(pid, SIGKILL) }
        #expect(took < .seconds(3), "exited \(took) after its parent")
    }

    /// Running, not a zombie waiting to be reaped.
    private static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }
}
