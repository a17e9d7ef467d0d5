/// Renders summed counters in the Prometheus text exposition format (version 0.0.4). Pure, so a unit test pins
/// the format.
enum PrometheusText {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    static func render(_ totals: [UInt64]) -> String {
        var out = ""
        out += "# HELP license_fcgi_requests_total Requests answered by the workers, by route group and status.\n"
        out += "# TYPE license_fcgi_requests_total counter\n"
        for group in MetricsLayout.RouteGroup.allCases {
            for (column, status) in (MetricsLayout.statuses.map(String.init) + ["other"]).enumerated() {
                let value = totals[MetricsLayout.requestsBase + group.rawValue * MetricsLayout.statusColumns + column]
                guard value > 0 else { continue }
                out += "license_fcgi_requests_total{group=\"\(group.label)\",status=\"\(status)\"} \(value)\n"
            }
        }
        out += "# HELP license_fcgi_request_duration_seconds Time the workers took to answer, by route group.\n"
        out += "# TYPE license_fcgi_request_duration_seconds histogram\n"
        for group in MetricsLayout.RouteGroup.allCases {
            let base = MetricsLayout.bucketsBase + group.rawValue * MetricsLayout.bucketColumns
            var cumulative: UInt64 = 0
            let name = "license_fcgi_request_duration_seconds"
            for (column, bound) in MetricsLayout.bucketBounds.enumerated() {
                cumulative &+= totals[base + column]
                out += "\(name)_bucket{group=\"\(group.label)\",le=\"\(seconds(bound))\"} \(cumulative)\n"
            }
            cumulative &+= totals[base + MetricsLayout.bucketBounds.count]
            out += "\(name)_bucket{group=\"\(group.label)\",le=\"+Inf\"} \(cumulative)\n"
            out += "\(name)_sum{group=\"\(group.label)\"} \(seconds(totals[MetricsLayout.sumSlot(group)]))\n"
            out += "\(name)_count{group=\"\(group.label)\"} \(cumulative)\n"
        }
        out += "# HELP license_fcgi_checks_total License checks by API and outcome (FaxStore status, FluentCart "
        out += "status or error_type).\n"
        out += "# TYPE license_fcgi_checks_total counter\n"
        let checkAPIs = [
            ("faxstore", MetricsLayout.faxStoreOutcomes, MetricsLayout.faxStoreBase),
            ("fluentcart", MetricsLayout.publicOutcomes, MetricsLayout.publicBase),
        ]
        for (api, outcomes, base) in checkAPIs {
            for (column, outcome) in (outcomes + ["other"]).enumerated() {
                out += "license_fcgi_checks_total{api=\"\(api)\",outcome=\"\(outcome)\"} \(totals[base + column])\n"
            }
        }
        out += "# HELP license_fcgi_database_errors_total Answers of 503 because PostgreSQL failed a request.\n"
        out += "# TYPE license_fcgi_database_errors_total counter\n"
        out += "license_fcgi_database_errors_total \(totals[MetricsLayout.databaseErrors])\n"
        out += "# HELP license_fcgi_worker_restarts_total Workers the supervisor started again after one exited "
        out += "(crash or reload).\n"
        out += "# TYPE license_fcgi_worker_restarts_total counter\n"
        out += "license_fcgi_worker_restarts_total \(totals[MetricsLayout.workerRestarts])\n"
        return out
    }

    /// One gauge with its help and type lines.
    static func gauge(_ name: String, help: String, value: Int) -> String {
        "# HELP \(name) \(help)\n# TYPE \(name) gauge\n\(name) \(value)\n"
    }

    /// Microseconds as seconds with six decimals, trailing zeros dropped (`0.0025`, `1`).
    static func seconds(_ micros: UInt64) -> String {
        let whole = micros / 1_000_000
        let fraction = micros % 1_000_000
        guard fraction > 0 else { return "\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}
