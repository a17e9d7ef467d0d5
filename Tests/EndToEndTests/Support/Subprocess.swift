import Foundation

/// What a finished child process left behind.
struct ProcessOutput: Sendable {
    var exitStatus: Int32
    var stdout: Data
    var stderr: Data

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

struct SubprocessError: Error, CustomStringConvertible {
    var description: String
}

/// Runs a program without blocking a thread of the cooperative pool, so that many can run in parallel.
///
/// Standard input, output and error go through files in a private temporary folder rather than pipes: a child that
/// writes more than a pipe holds can never deadlock against a parent that waits for it to exit.
enum Subprocess {
    static func run(
        _ executable: String,
        _ arguments: [String],
        stdin: Data? = nil,
        environment: [String: String]? = nil
    ) async throws -> ProcessOutput {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let inputURL = folder.appendingPathComponent("stdin")
        let outputURL = folder.appendingPathComponent("stdout")
        let errorURL = folder.appendingPathComponent("stderr")
        try (stdin ?? Data()).write(to: inputURL)
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)

        let input = try FileHandle(forReadingFrom: inputURL)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        defer {
            try? input.close()
            try? output.close()
            try? error.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error

        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                continuation.resume(returning: finished.terminationStatus)
            }
            do {
                try process.runWithoutBlockedSignals()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: SubprocessError(description: "cannot start \(executable): \(error)"))
            }
        }
        return ProcessOutput(
            exitStatus: status,
            stdout: try Data(contentsOf: outputURL),
            stderr: try Data(contentsOf: errorURL)
        )
    }
}
