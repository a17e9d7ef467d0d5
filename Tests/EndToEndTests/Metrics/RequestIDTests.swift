import Foundation
import Testing

/// nginx's `$request_id` reaches the client as `X-Request-Id` and the worker's log lines as `request.id`.
@Suite(
    "Request ids",
    .enabled(if: Stack.isConfigured && Stack.runDirectory != nil, "set by scripts/test.sh")
)
struct RequestIDTests {
    let client = HTTPSClient.main

    @Test("returns X-Request-Id on worker answers and on nginx's own errors")
    func header() async throws {
        let worker = try await client.send("GET", "/healthz")
        #expect(worker.header("X-Request-Id")?.count == 32)
        let nginx = try await client.send("GET", "/protected-downloads/nothing.zip")
        #expect(nginx.header("X-Request-Id")?.count == 32)
        #expect(worker.header("X-Request-Id") != nginx.header("X-Request-Id"))
    }

    @Test("logs the worker's lines for a request with the id the client got")
    func loggedID() async throws {
        // A store event without X-Timestamp is refused and logged ("store event refused") with the request logger.
        let response = try await client.send("POST", "/api/events", body: .json(#"{"event_id":"x"}"#))
        let id = try #require(response.header("X-Request-Id"))
        let log = URL(fileURLWithPath: try #require(Stack.runDirectory)).appendingPathComponent("server-a.log")
        var found = false
        for _ in 0..<20 where !found {
            let text = String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self)
            found = text.split(separator: "\n").contains { $0.contains(#""request.id":"\#(id)""#) }
            if !found { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(found, "no line of server-a.log has request.id \(id)")
    }
}
