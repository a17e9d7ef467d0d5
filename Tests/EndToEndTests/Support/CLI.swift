import Foundation
import Testing

/// Runs the admin CLI of the stack (`$E2E_CLI … --database-url $E2E_DATABASE_URL`), which prints exactly one JSON
/// object on stdout (`operations.md` §3).
struct CLI: Sendable {
    static let stack = CLI()

    /// Runs a command that must succeed and returns the JSON object it printed.
    ///
    /// A non-zero exit throws with the command's stderr, which fails the calling test.
    func run(_ arguments: [String]) async throws -> CLIOutput {
        let output = try await execute(arguments)
        guard output.exitStatus == 0 else {
            throw CLIError(arguments: arguments, output: output, problem: "exited \(output.exitStatus)")
        }
        guard
            let object = try? JSONSerialization.jsonObject(with: output.stdout),
            object is [String: Any]
        else {
            throw CLIError(arguments: arguments, output: output, problem: "did not print one JSON object")
        }
        RunSecrets.record(object as? [String: Any] ?? [:])
        return CLIOutput(stdout: output.stdout)
    }

    /// Runs a command and returns what it left, whatever its exit status.
    func execute(_ arguments: [String]) async throws -> ProcessOutput {
        try await AsyncSemaphore.databaseClients.withSlot {
            try await Subprocess.run(Stack.cli, arguments + ["--database-url", Stack.databaseURL])
        }
    }

    /// Runs a command that must fail: non-zero exit, a message on stderr.
    func expectFailure(
        _ arguments: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let output = try await execute(arguments)
        #expect(
            output.exitStatus != 0,
            "\(arguments.joined(separator: " ")) should fail, printed \(output.stdoutText)",
            sourceLocation: sourceLocation
        )
        #expect(
            !output.stderrText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
            "\(arguments.joined(separator: " ")) should say why on stderr",
            sourceLocation: sourceLocation
        )
    }
}

/// The one JSON object a CLI command printed.
struct CLIOutput: Sendable {
    var stdout: Data

    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: stdout)) as? [String: Any] ?? [:]
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: stdout)
        } catch {
            throw CLIError(
                arguments: [],
                output: ProcessOutput(exitStatus: 0, stdout: stdout, stderr: Data()),
                problem: "printed something that is not a \(T.self): \(error)"
            )
        }
    }
}

struct CLIError: Error, CustomStringConvertible {
    var arguments: [String]
    var output: ProcessOutput
    var problem: String

    var description: String {
        "license-fcgi \(arguments.joined(separator: " ")) \(problem)\nstdout: \(output.stdoutText)\n"
            + "stderr: \(output.stderrText)"
    }
}

/// `product create` output.
struct Product: Decodable, Sendable {
    var id: Int64
    var title: String
    var slug: String
    var variationId: Int64
}

/// `customer create` output.
struct Customer: Decodable, Sendable {
    var id: Int64
    var email: String
}

/// `license create` / `license set` output. Only `id` and `license_key` are required here, so that a test about
/// one field fails on that field, not on decoding.
struct License: Decodable, Sendable {
    var id: Int64
    var licenseKey: String
    var status: String?
    var ip: String?
    var ipLock: Bool?
    var ownerEnabled: Bool?
    var expirationDate: String?
    var productId: Int64?
}

/// `user create` output.
struct User: Decodable, Sendable {
    var id: Int64
    var login: String
    var email: String
    var role: String
    var applicationPassword: String
}
