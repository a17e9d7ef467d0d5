import Foundation
import Testing

/// The run-wide version of `LogSecrecyTests` (operations.md §1, issue 8): after every suite of the run, no log the
/// stack wrote holds any license key or password the run used.
///
/// It runs last, alone (`E2E_FINAL_PHASE=1` in `scripts/test.sh`). The keys are every license in the database plus
/// every key and password the CLI fixtures recorded (`RunSecrets`), so deleted licenses count too.
@Suite(
    "No key or password of the whole run is in any log",
    .enabled(if: Stack.isFinalPhase && Stack.runDirectory != nil, "the final phase of scripts/test.sh")
)
struct RunLogSecrecyTests {
    /// Logs every run writes: if one were missing, the search would prove nothing about it.
    static let expectedLogs = [
        "server-a.log", "server-b.log", "postgresql.log", "receiver.log", "nginx-a/nginx-access.log",
        "nginx-b/nginx-access.log", "nginx-c/nginx-access.log",
    ]

    @Test("no log of the run contains a license key or password that the run's tests used")
    func noSecretInAnyLog() async throws {
        let root = URL(fileURLWithPath: try #require(Stack.runDirectory))
        let keys = try await Database.stack.rows("select license_key from licenses").compactMap { $0.first ?? nil }
        let recorded = RunSecrets.recorded()
        #expect(!recorded.isEmpty, "the CLI fixtures recorded no secret in \(RunSecrets.fileName)")
        let secrets = Set((keys + recorded).map { $0.lowercased() }.filter { $0.count >= 16 })

        // nginx flushes its buffered access log every second.
        try await Task.sleep(for: .milliseconds(1_500))
        let logs =
            (FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
            .filter { $0.pathExtension == "log" }
            .map { String($0.path.dropFirst(root.path.count + 1)) }
        for expected in Self.expectedLogs {
            #expect(logs.contains(expected), "no \(expected) among the logs: \(logs.sorted())")
        }

        let hits = try await search(logs, under: root, for: secrets)
        #expect(
            hits.isEmpty,
            "\(hits.count) secrets found in the logs (file, masked secret): \(hits.prefix(20).joined(separator: "; "))"
        )
        print("searched \(logs.count) logs for \(secrets.count) keys and passwords: \(hits.count) found")
    }

    /// `grep -F` for all secrets at once (a few thousand, in logs of many megabytes); the answer names each file
    /// and the first 4 characters of what it found, never a whole secret.
    private func search(_ logs: [String], under root: URL, for secrets: Set<String>) async throws -> [String] {
        guard !logs.isEmpty, !secrets.isEmpty else { return [] }
        let patterns = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-secrets-\(UUID().uuidString)")
        FileManager.default.createFile(
            atPath: patterns.path,
            contents: Data(secrets.sorted().joined(separator: "\n").utf8),
            attributes: [.posixPermissions: 0o600]
        )
        defer { try? FileManager.default.removeItem(at: patterns) }
        let output = try await Subprocess.run(
            "/usr/bin/grep",
            ["-F", "-i", "-o", "-H", "-a", "-f", patterns.path] + logs.map { root.appendingPathComponent($0).path }
        )
        guard output.exitStatus <= 1 else { throw SubprocessError(description: "grep failed: \(output.stderrText)") }
        return output.stdoutText.split(separator: "\n").map { line in
            let colon = line.lastIndex(of: ":") ?? line.startIndex
            let file = String(line[..<colon].dropFirst(root.path.count + 1))
            return "\(file), \(line[line.index(after: colon)...].prefix(4))…"
        }
    }
}
