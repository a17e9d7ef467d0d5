/// `GET /metrics`: every worker's and the supervisor's counters, summed, in Prometheus text. nginx already limits
/// the location to `METRICS_ALLOW`; the worker checks `REMOTE_ADDR` again, so a misrendered nginx configuration
/// does not expose it. Anyone else gets the same 404 as an unknown path.
struct MetricsHandler: Sendable {
    let directory: MetricsDirectory?
    let allowed: MetricsAllowList

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
            body: Array(PrometheusText.render(totals).utf8)
        )
    }

    func isAllowed(_ address: String) -> Bool { allowed.contains(address) }
}
