import Foundation

extension Array where Element == ClusterLoad.Outcome {
    /// Outcomes that are neither correct nor a 503 JSON.
    var wrong: [ClusterLoad.Outcome] {
        filter {
            if case .wrong = $0.verdict { return true }
            return false
        }
    }

    var unavailable: [ClusterLoad.Outcome] { filter { $0.verdict == .unavailable } }

    /// How long after `event` a write sent after it was first acknowledged: the outage writes saw, held requests
    /// included. Writes sent within 200 ms of the event may still have met the old primary, so they do not count.
    func writesBack(after event: ContinuousClock.Instant) -> Duration? {
        filter { $0.kind.writes && $0.verdict == .correct && $0.started > event + .milliseconds(200) }
            .map(\.finished).min().map { $0 - event }
    }

    /// The longest time after `event` during which no write was acknowledged: from `event` to the first
    /// acknowledged write, then between consecutive ones, up to the last. A write held through a failover ends such
    /// a gap when it is answered.
    func longestWriteGap(after event: ContinuousClock.Instant) -> Duration {
        let acknowledged = filter { $0.kind.writes && $0.verdict == .correct && $0.finished > event }
            .map(\.finished).sorted()
        return zip([event] + acknowledged, acknowledged).map { $1 - $0 }.max() ?? .zero
    }

    /// The latest moment a request of `kinds` failed, relative to `event`.
    func lastFailure(after event: ContinuousClock.Instant, of kinds: Set<ClusterLoad.Kind>? = nil) -> Duration? {
        filter { $0.verdict != .correct && $0.finished > event && (kinds?.contains($0.kind) ?? true) }
            .map(\.finished).max().map { $0 - event }
    }

    /// Sites whose activation was answered `valid`.
    var acknowledgedSites: [String] { compactMap(\.acknowledgedSite) }

    /// Counts by kind and verdict, and the first few wrong answers.
    var summary: String {
        let correct = filter { $0.verdict == .correct }.count
        return "\(count) answers: \(correct) correct, \(unavailable.count) unavailable, \(wrong.count) wrong "
            + wrong.prefix(3).map(\.description).joined(separator: "; ")
    }
}

extension Duration {
    /// Seconds with two decimals, for the figures the cluster tests print.
    var secondsText: String {
        let (seconds, attoseconds) = components
        return String(format: "%.2f s", Double(seconds) + Double(attoseconds) / 1e18)
    }
}

/// A figure for docs/scaling.md, printed so that `make cluster-test`'s output is the record.
func reportFigure(_ name: String, _ value: String) {
    print("cluster figure: \(name): \(value)")
}
