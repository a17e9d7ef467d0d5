import Foundation
import Testing

@testable import LicenseFCGI

@Suite("Statement timeout setting")
struct StatementTimeoutTests {
    @Test("defaults to 5000 ms")
    func defaultValue() {
        #expect(ServerConfiguration(environment: [:]).statementTimeoutMilliseconds == 5000)
    }

    @Test("reads statement_timeout_ms from the file and STATEMENT_TIMEOUT_MS from the environment, which wins")
    func fileAndEnvironment() throws {
        let file = try ConfigurationFile(json: Array(#"{"statement_timeout_ms": 1500}"#.utf8), source: "test.json")
        #expect(ServerConfiguration(environment: try file.merged(with: [:])).statementTimeoutMilliseconds == 1500)
        let environment = try file.merged(with: ["STATEMENT_TIMEOUT_MS": "250"])
        #expect(ServerConfiguration(environment: environment).statementTimeoutMilliseconds == 250)
    }

    @Test("refuses a negative, fractional or huge value, naming the key", arguments: ["-1", "1.5", "3600001", "soon"])
    func refusesBadValues(_ value: String) {
        #expect(throws: ConfigurationFileError.self) {
            _ = try ConfigurationFile().merged(with: ["STATEMENT_TIMEOUT_MS": value])
        }
    }
}
