import Foundation
import Testing

/// nginx's per-address rate limit (`operations.md` §1, §2): 429 with a body in the shape of the API the client
/// talks to, `Retry-After` and no caching; the stacks the scripts render exempt 127.0.0.1 and ::1.
///
/// Stack C (`E2E_RATE_LIMITED_BASE_URL`) has no exemption and 5 requests a second, burst 5, and its limiter state is
/// shared by every test here. So each test sends its own concurrent burst, well over that, and looks only at the
/// 429 answers it got itself: the tests pass in any order and in parallel. Whatever the workers answer to the
/// requests that get through is not the subject here. The main stack has the same low limit as stack C, so only
/// its exemption keeps a burst there from 429.
@Suite("Rate limits", .enabled(if: Stack.hasRateLimitedStack, "set by scripts/test.sh"))
struct RateLimitTests {
    @Test(
        "a burst over the limit gets 429 with the body of the API it talks to, Retry-After and no-store",
        arguments: Burst.all
    )
    func rejected(burst: Burst) async throws {
        let rejected = try await rejectedAnswers(burst)
        #expect(!rejected.isEmpty, "no 429 in \(Self.rounds) bursts of \(burst.count) requests")
        #expect(Set(rejected.map(\.text)) == [burst.expectedBody])
        #expect(Set(rejected.map { $0.header("Retry-After") }) == ["1"])
        #expect(Set(rejected.map { $0.header("Cache-Control") }) == ["no-store"])
        #expect(Set(rejected.map { $0.header("Content-Type") }) == ["application/json; charset=utf-8"])
    }

    @Test("the same burst from 127.0.0.1 against the main stack is never limited", arguments: Burst.all)
    func exempt(burst: Burst) async throws {
        let responses = try await send(burst, to: HTTPSClient.main)
        #expect(responses.count == burst.count)
        #expect(!responses.contains { $0.status == 429 }, "statuses: \(responses.map(\.status))")
    }

    @Test(
        "a rejected request's query string reaches none of nginx's logs",
        .enabled(if: Stack.runDirectory != nil, "set by scripts/test.sh")
    )
    func rejectionNotLogged() async throws {
        let key = randomKey()
        let burst = Burst("/?fluent-cart=check_license&license_key=\(key)", expectedBody: Burst.fluentCartBody)
        #expect(!(try await rejectedAnswers(burst)).isEmpty)
        // nginx flushes its buffered access log every second.
        try await Task.sleep(for: .milliseconds(1_500))
        let folder = URL(fileURLWithPath: try #require(Stack.runDirectory)).appendingPathComponent("nginx-c")
        let logs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".log") }
        #expect(logs.contains("nginx-access.log"), "logs in \(folder.path): \(logs)")
        for log in logs {
            let data = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(log).path))
            #expect(!String(decoding: data, as: UTF8.self).contains(key), "\(log) contains the key")
        }
    }

    @Test(
        "a burst of wrong keys from one address is limited while another address's valid checks all pass meanwhile",
        .enabled(if: Stack.hasRateLimitedStack, "set by scripts/test.sh")
    )
    func keyGuessing() async throws {
        let (product, license) = try await CLI.stack.licensedProduct()
        // Loopback addresses of their own: other tests' bursts from 127.0.0.1 neither help nor hinder either side.
        let guesser = HTTPSClient(baseURL: Stack.rateLimitedBaseURL, sourceAddress: "127.0.0.3")
        let owner = HTTPSClient(baseURL: Stack.rateLimitedBaseURL, sourceAddress: "127.0.0.2")
        let noLog = RequestBody.json(#"{"log":false}"#)
        async let guesses = withThrowingTaskGroup(of: HTTPResponse.self) { group in
            for _ in 1...40 {
                group.addTask { try await guesser.check(product, key: randomKey(), body: noLog) }
            }
            return try await group.reduce(into: [HTTPResponse]()) { $0.append($1) }
        }
        // The owner checks about three times a second, under the limit, while the guesses are under way.
        var checks: [HTTPResponse] = []
        for _ in 1...5 {
            checks.append(try await owner.check(product, key: license.licenseKey, body: noLog))
            try await Task.sleep(for: .milliseconds(300))
        }
        let rejected = try await guesses.filter { $0.status == 429 }
        #expect(!rejected.isEmpty, "40 wrong keys at once from one address were never limited")
        #expect(Set(rejected.map(\.text)) == [Burst.faxStoreBody])
        #expect(Set(rejected.map { $0.header("Retry-After") }) == ["1"])
        for check in checks {
            expectAnswer(check, .authorised(base: Stack.rateLimitedBaseURL))
        }
    }

    /// A burst that normally yields 429 in its first round; more rounds only if this machine is too slow to start
    /// the requests faster than 5 a second plus the burst.
    private static let rounds = 3

    private func rejectedAnswers(_ burst: Burst) async throws -> [HTTPResponse] {
        let client = HTTPSClient(baseURL: Stack.rateLimitedBaseURL)
        for _ in 1...Self.rounds {
            let rejected = try await send(burst, to: client).filter { $0.status == 429 }
            if !rejected.isEmpty { return rejected }
        }
        return []
    }

    /// Sends the burst's requests all at once (each one curl process and one connection).
    private func send(_ burst: Burst, to client: HTTPSClient) async throws -> [HTTPResponse] {
        try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
            for _ in 1...burst.count {
                group.addTask { try await client.send(burst.method, burst.path, key: burst.key, body: burst.body) }
            }
            var responses: [HTTPResponse] = []
            for try await response in group {
                responses.append(response)
            }
            return responses
        }
    }

    /// One kind of request, sent many times at once, and the 429 body its API expects.
    struct Burst: Sendable, CustomTestStringConvertible {
        static let fluentCartBody = #"{"message":"Too many requests.","error_type":"rate_limited","success":false}"#
        static let faxStoreBody = #"{"status":"RATE LIMITED","pass":false,"details":"Too many requests"}"#
        static let wordPressBody =
            #"{"code":"rest_too_many_requests","message":"Too many requests.","data":{"status":429}}"#

        static let all = [
            Burst("/?fluent-cart=check_license&license_key=\(randomKey())", expectedBody: fluentCartBody),
            Burst("/healthz", expectedBody: fluentCartBody),
            // `log: false`: the requests that get through leave no rows in the check log.
            Burst(
                "/api/check/1",
                method: "POST",
                key: randomKey(),
                body: .json(#"{"log":false}"#),
                expectedBody: faxStoreBody
            ),
            Burst("/wp-json/fluent-cart/v2/licensing/licenses", expectedBody: wordPressBody),
            Burst("/?rest_route=/fluent-cart/v2/licensing/licenses", expectedBody: wordPressBody),
        ]

        let path: String
        let method: String
        let key: String?
        let body: RequestBody
        let expectedBody: String
        /// Six times what stack C lets through at once.
        let count = 30

        init(
            _ path: String,
            method: String = "GET",
            key: String? = nil,
            body: RequestBody = .none,
            expectedBody: String
        ) {
            self.path = path
            self.method = method
            self.key = key
            self.body = body
            self.expectedBody = expectedBody
        }

        var testDescription: String { "\(method) \(path.split(separator: "&").first ?? "")" }
    }
}
