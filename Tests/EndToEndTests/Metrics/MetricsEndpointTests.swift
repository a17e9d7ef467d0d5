import Foundation
import Testing

/// `GET /metrics` through nginx: Prometheus text summed over every worker, only for the allowed addresses.
@Suite("Metrics endpoint", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct MetricsEndpointTests {
    let client = HTTPSClient.main

    @Test("answers Prometheus text from 127.0.0.1, and its counters move after requests")
    func countersMove() async throws {
        let product = try await CLI.stack.createProduct()
        let before = try await scrape()
        let requests = 12
        for _ in 0..<requests { _ = try await client.check(product, key: randomKey()) }
        let after = try await scrape()
        let series = #"license_fcgi_requests_total{group="faxstore",status="200"}"#
        #expect((after[series] ?? 0) - (before[series] ?? 0) >= Double(requests))
        let outcome = #"license_fcgi_checks_total{api="faxstore",outcome="NOT FOUND"}"#
        #expect((after[outcome] ?? 0) - (before[outcome] ?? 0) >= Double(requests))
        let count = #"license_fcgi_request_duration_seconds_count{group="faxstore"}"#
        #expect((after[count] ?? 0) - (before[count] ?? 0) >= Double(requests))
        #expect(after["license_fcgi_worker_restarts_total"] != nil)
    }

    @Test("sums the counters of every worker, whichever worker answers")
    func summedAcrossWorkers() async throws {
        guard Stack.hasSupervisor else { return }
        // Enough requests that both workers serve some; every worker keeps its own file in the folder.
        for _ in 0..<20 { _ = try await client.send("GET", "/healthz") }
        let folder = "/dev/shm/license-fcgi-metrics-\(Stack.supervisorPID)"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        #expect(files.filter { $0.hasPrefix("worker-") }.count >= Stack.workers, "\(files)")
        #expect(files.contains("supervisor"))
        // Two scrapes answered by any workers agree up to the requests in between: the totals are the sum.
        let first = try await scrape()
        let second = try await scrape()
        let health = #"license_fcgi_requests_total{group="health",status="200"}"#
        #expect((second[health] ?? 0) >= (first[health] ?? 0))
        #expect((first[health] ?? 0) >= 20)
    }

    @Test("answers other addresses with the 404 of an unknown path")
    func refusedElsewhere() async throws {
        guard Stack.hasRateLimitedStack else { return }
        // Stack C's nginx is rendered with METRICS_ALLOW=192.0.2.1, so 127.0.0.1 is not allowed there.
        let response = try await HTTPSClient(baseURL: Stack.rateLimitedBaseURL).send("GET", "/metrics")
        #expect(response.status == 404)
        #expect(!response.text.contains("license_fcgi_"))
    }

    /// The samples of one scrape, by series (name and labels).
    private func scrape(sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Double] {
        let response = try await client.send("GET", "/metrics")
        #expect(response.status == 200, sourceLocation: sourceLocation)
        #expect(response.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        var samples: [String: Double] = [:]
        for line in response.text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            samples[String(line[..<space])] = value
        }
        return samples
    }
}
