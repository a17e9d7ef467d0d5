import Foundation

/// A psql session that holds `LOCK TABLE … IN ACCESS EXCLUSIVE MODE` in an open transaction, as a DBA's long
/// migration or a stuck batch job would: every statement touching the table waits until `release()`.
final class TableLock {
    private let process: Process
    private let input: Pipe

    /// Returns once the lock is granted.
    init(_ table: String) async throws {
        process = Process()
        input = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [Stack.databaseURL, "-X", "-q", "-v", "ON_ERROR_STOP=1"]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.runWithoutBlockedSignals()
        input.fileHandleForWriting.write(Data("BEGIN;\nLOCK TABLE \(table) IN ACCESS EXCLUSIVE MODE;\n".utf8))
        let start = ContinuousClock.now
        while try await !Self.isGranted(table) {
            guard process.isRunning, ContinuousClock.now - start < .seconds(10) else {
                process.terminate()
                throw SubprocessError(description: "psql did not get the lock on \(table)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Commits (nothing was changed) and ends the session.
    func release() async {
        input.fileHandleForWriting.write(Data("COMMIT;\n".utf8))
        try? input.fileHandleForWriting.close()
        let start = ContinuousClock.now
        while process.isRunning, ContinuousClock.now - start < .seconds(5) {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if process.isRunning { process.terminate() }
    }

    private static func isGranted(_ table: String) async throws -> Bool {
        try await Database.stack.integer(
            """
            select count(*) from pg_locks
            where relation = \(Database.literal(table))::regclass and mode = 'AccessExclusiveLock' and granted
            """
        ) > 0
    }
}
