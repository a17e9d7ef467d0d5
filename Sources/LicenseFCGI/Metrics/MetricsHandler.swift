import Domain

/// `GET /metrics`: every worker's and the supervisor's counters, summed, in Prometheus text. nginx already limits
/// the location to `METRICS_ALLOW`; the worker checks `REMOTE_ADDR` again, so a misrendered nginx configuration
/// does not expose it. Anyone else gets the same 404 as an unknown path.
struct MetricsHandler {
    let directory: MetricsDirectory?
    let allowed: MetricsAllowList
    /// The worker thread's primary, asked at each scrape whether writes are replicated; nil leaves the gauge out.
    var database: Database? = nil

    func respond(to request: HTTPRequest) -> HTTPResponse {
        guard isAllowed(request.remoteAddress) else {
            return .json(
                .object(["code": "not_found", "message": "Not found.", "data": .object(["status": 404])]),
                status: 404
            )
        }
        let totals =
            directory?.totals() ?? [UInt64](repeating: 0, count: MetricsLayout.slotCount)
        return HTTPResponse(
            status: 200,
            headers: [("Content-Type", PrometheusText.contentType), ("Cache-Control", "no-store")],
            body: Array((PrometheusText.render(totals) + replicationGauge()).utf8)
        )
    }

    /// `license_fcgi_database_writes_replicated`: 1 while the primary has a synchronous standby, 0 while acknowledged
    /// writes exist on one machine only (docs/scaling.md); left out when the database cannot be asked.
    private func replicationGauge() -> String {
        guard let state = try? database?.run({ try ReplicationState.read(on: $0) }) else { return "" }
        return PrometheusText.gauge(
            "license_fcgi_database_writes_replicated",
            help: "1 while the primary waits for a synchronous standby before acknowledging a commit, else 0.",
            value: state.writesAreReplicated ? 1 : 0
        )
    }

    func isAllowed(_ address: String) -> Bool { allowed.contains(address) }
}
