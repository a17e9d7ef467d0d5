import Foundation
import Testing

@testable import LicenseFCGI

@Suite("Metrics")
struct MetricsTests {
    private func temporaryDirectory() -> MetricsDirectory {
        let directory = MetricsDirectory(
            supervisorPID: Int32.random(in: 1_000_000...9_000_000),
            base: NSTemporaryDirectory()
        )
        directory.create()
        return directory
    }

    @Test("sums the counters of every worker's file and the supervisor's")
    func sumsAcrossFiles() throws {
        let directory = temporaryDirectory()
        defer { directory.remove() }
        let first = try #require(directory.workerFile(pid: 101, threads: 2))
        let second = try #require(directory.workerFile(pid: 102, threads: 1))
        let supervisor = try #require(directory.supervisorFile())
        let slot = MetricsLayout.requestSlot(.faxStore, status: 200)
        first.add(2, block: 0, slot: slot)
        first.add(3, block: 1, slot: slot)
        second.add(5, block: 0, slot: slot)
        supervisor.add(1, block: 0, slot: MetricsLayout.workerRestarts)
        let totals = directory.totals()
        #expect(totals[slot] == 10)
        #expect(totals[MetricsLayout.workerRestarts] == 1)
        let text = PrometheusText.render(totals)
        #expect(text.contains("license_fcgi_requests_total{group=\"faxstore\",status=\"200\"} 10\n"))
        #expect(text.contains("license_fcgi_worker_restarts_total 1\n"))
    }

    @Test("records a FaxStore check: request, latency bucket, sum and outcome")
    func recordsCheck() throws {
        let directory = temporaryDirectory()
        defer { directory.remove() }
        let recorder = MetricsRecorder(file: directory.workerFile(pid: 7, threads: 1), block: 0)
        let body = Array(#"{"status":"KEY EXPIRED","pass":false,"details":"x"}"#.utf8)
        recorder.record(group: .faxStore, response: HTTPResponse(status: 200, body: body), micros: 3_000)
        recorder.record(group: .faxStore, response: HTTPResponse(status: 503, body: []), micros: 7_000_000)
        let text = PrometheusText.render(directory.totals())
        #expect(text.contains("license_fcgi_checks_total{api=\"faxstore\",outcome=\"KEY EXPIRED\"} 1\n"))
        #expect(text.contains("license_fcgi_request_duration_seconds_bucket{group=\"faxstore\",le=\"0.0025\"} 0\n"))
        #expect(text.contains("license_fcgi_request_duration_seconds_bucket{group=\"faxstore\",le=\"0.005\"} 1\n"))
        #expect(text.contains("license_fcgi_request_duration_seconds_bucket{group=\"faxstore\",le=\"5\"} 1\n"))
        #expect(text.contains("license_fcgi_request_duration_seconds_bucket{group=\"faxstore\",le=\"+Inf\"} 2\n"))
        #expect(text.contains("license_fcgi_request_duration_seconds_sum{group=\"faxstore\"} 7.003\n"))
        #expect(text.contains("license_fcgi_request_duration_seconds_count{group=\"faxstore\"} 2\n"))
        #expect(text.contains("license_fcgi_database_errors_total 1\n"))
    }

    @Test("renders every line as a comment or `name{labels} value`")
    func textFormat() {
        let text = PrometheusText.render([UInt64](repeating: 1, count: MetricsLayout.slotCount))
        #expect(text.hasSuffix("\n"))
        for line in text.split(separator: "\n") where !line.hasPrefix("# HELP ") && !line.hasPrefix("# TYPE ") {
            // Label values may hold spaces ("NOT FOUND"); the value follows the last one.
            let space = line.lastIndex(of: " ") ?? line.startIndex
            let series = line[..<space]
            let value = line[line.index(after: space)...]
            #expect(series.hasPrefix("license_fcgi_"), "\(line)")
            #expect(!series.contains("{") || series.hasSuffix("}"), "\(line)")
            #expect(UInt64(value) != nil || Double(value) != nil, "\(line)")
        }
    }

    @Test("writes seconds without trailing zeros", arguments: [(1_000, "0.001"), (2_500, "0.0025"), (1_000_000, "1")])
    func seconds(micros: UInt64, text: String) {
        #expect(PrometheusText.seconds(micros) == text)
    }

    @Test("finds the outcome word of a FluentCart answer")
    func fluentCartOutcome() {
        let success = Array(#"{"success":true,"status":"valid","expiration_date":"lifetime"}"#.utf8)
        let failure = Array(#"{"message":"x","error_type":"license_not_found","success":false}"#.utf8)
        #expect(MetricsRecorder.stringValue(of: "status", in: success) == "valid")
        #expect(MetricsRecorder.stringValue(of: "status", in: failure) == nil)
        #expect(MetricsRecorder.stringValue(of: "error_type", in: failure) == "license_not_found")
    }

    @Test(
        "answers /metrics only for allowed addresses",
        arguments: [
            ("127.0.0.1", true), ("::1", true), ("::ffff:127.0.0.1", true), ("10.1.2.3", true), ("10.2.0.1", false),
            ("192.168.1.1", false), ("", false), ("2001:db8::1", true),
        ]
    )
    func allowList(address: String, allowed: Bool) {
        let list = MetricsAllowList(["127.0.0.1", "::1", "10.1.0.0/16", "2001:db8::/32"])
        #expect(list.contains(address) == allowed)
        let handler = MetricsHandler(directory: nil, allowed: list)
        var metricsRequest = request(method: "GET", path: "/metrics")
        metricsRequest.remoteAddress = address
        #expect(handler.respond(to: metricsRequest).status == (allowed ? 200 : 404))
    }

    @Test("counts requests under the route group the router dispatches to")
    func routeGroups() {
        let router = makeRouter()
        #expect(router.routeGroup(request(path: "/api/check/5")) == .faxStore)
        #expect(router.routeGroup(request(path: "/healthz")) == .health)
        #expect(router.routeGroup(request(path: "/metrics")) == .metrics)
        #expect(router.routeGroup(request(path: "/", query: "fluent-cart=check_license")) == .publicProtocol)
        #expect(router.routeGroup(request(path: "/wp-json/fluent-cart/v2/licensing/licenses")) == .rest)
        #expect(router.routeGroup(request(path: "/nothing")) == .other)
    }
}
