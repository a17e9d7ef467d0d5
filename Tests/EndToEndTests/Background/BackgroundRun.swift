import Foundation

/// A `license-fcgi serve --background` of the test's own, on the stack's database: the sweepers of the stacks run
/// hourly with the normal grace period, so sweeper tests start one with a very long grace and retention that only
/// touch rows these tests made decades in the past, and no other test's lapsed license.
final class BackgroundRun: @unchecked Sendable {
    /// Days of grace and of check-log retention of the test's sweeper: only dates before late 2016 are swept.
    static let days = 3650

    private let process = Process()

    init(webhookTarget: String) throws {
        process.executableURL = URL(fileURLWithPath: Stack.cli)
        process.arguments = ["serve", "--background", "--database-url", Stack.databaseURL]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "GRACE_DAYS": String(Self.days),
            "CHECK_LOG_RETENTION_DAYS": String(Self.days),
            "SWEEP_INTERVAL_SECONDS": "1",
            "CHECK_LOG_ROLLUP_INTERVAL_SECONDS": "1",
            "WEBHOOK_URLS": webhookTarget,
        ]) { $1 }
        process.standardInput = FileHandle.nullDevice
        let log = (Stack.runDirectory ?? NSTemporaryDirectory()) + "/background-test.log"
        if !FileManager.default.fileExists(atPath: log) { FileManager.default.createFile(atPath: log, contents: nil) }
        let output = FileHandle(forWritingAtPath: log) ?? FileHandle.nullDevice
        output.seekToEndOfFile()
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// SIGTERM, as the supervisor drains it; returns its exit status.
    func stop() async throws -> Int32 {
        process.terminate()
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        return process.isRunning ? -1 : process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }
}
