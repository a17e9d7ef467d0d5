import Domain
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The supervisor's one non-worker child (`license-fcgi serve --background`): the webhook dispatcher, the expiry
/// sweeper, and the check log's upkeep (its day partitions and the rollup of its daily reports). A separate process rather than threads of the supervisor, so a crash, a hung HTTP call or a slow sweep
/// never takes down the process that keeps the workers alive; the supervisor restarts it like a worker and stops it
/// with SIGTERM on drain. Its state lives only in the database, so a restart loses nothing.
struct BackgroundProcess {
    let configuration: ServerConfiguration
    /// The environment with the configuration file applied, for the settings `ServerConfiguration` does not hold.
    let environment: [String: String]
    /// Started by the supervisor to replace an earlier background child: the first sweep waits one interval.
    let resumed: Bool
    let logger: Logger

    /// `WEBHOOK_RETRY_BASE_SECONDS` (default 60): the first retry delay; tests shorten it.
    static func retryBase(environment: [String: String]) -> TimeInterval {
        environment["WEBHOOK_RETRY_BASE_SECONDS"].flatMap(Double.init).map { max($0, 0) } ?? 60
    }

    /// `SWEEP_INTERVAL_SECONDS` (default 3600): time between sweeps; tests shorten it.
    static func sweepInterval(environment: [String: String]) -> Duration {
        .seconds(environment["SWEEP_INTERVAL_SECONDS"].flatMap(Int.init).map { max($0, 1) } ?? 3600)
    }

    /// `CHECK_LOG_ROLLUP_INTERVAL_SECONDS` (default 10): time between rollups of the check log; the daily reports
    /// count the rows after the rollup live, so this bounds their cost, not their accuracy.
    static func rollupInterval(environment: [String: String]) -> Duration {
        .seconds(environment["CHECK_LOG_ROLLUP_INTERVAL_SECONDS"].flatMap(Int.init).map { max($0, 1) } ?? 10)
    }

    func run() throws -> Never {
        let supervisor = getppid()
        let handled = [SIGTERM, SIGINT, SIGQUIT, SIGHUP]
        // Unblocked too, whatever mask the parent passed on (see `SignalPipe.install`).
        let signals = try SignalPipe(signals: handled)
        let database = Database(
            url: configuration.backgroundDatabaseURL,
            logger: logger,
            preparesStatements: configuration.databasePreparedStatements
        )
        let sender = WebhookHTTPSender(secret: configuration.webhookSecret)
        let dispatcher = WebhookDispatcher(
            database: database,
            policy: WebhookDeliveryPolicy(base: Self.retryBase(environment: environment)),
            send: sender.send
        )
        let sweeper = ExpirySweeper(
            database: database,
            graceDays: configuration.graceDays,
            webhooks: configuration.webhooks
        )
        let partitions = CheckLogPartitions(database: database, retentionDays: configuration.checkLogRetentionDays)
        let rollup = CheckLogRollup(database: database)
        let interval = Self.sweepInterval(environment: environment)
        let rollupInterval = Self.rollupInterval(environment: environment)
        var nextSweep = ContinuousClock.now + (resumed ? interval : .zero)
        // Partitions at once even when resumed: cheap when there is nothing to do, and a restarted child must not
        // leave a day without its partition for an interval.
        var nextPartitions = ContinuousClock.now
        var nextRollup = ContinuousClock.now
        var replication = ReplicationWatch(logger: logger)
        logger.info(
            "background started",
            metadata: ["sweep.interval": "\(interval)", "rollup.interval": "\(rollupInterval)"]
        )
        while true {
            replication.observe(on: database)
            if ContinuousClock.now >= nextPartitions {
                nextPartitions = .now + interval
                maintain(partitions)
            }
            if ContinuousClock.now >= nextSweep {
                nextSweep = .now + interval
                sweep(sweeper)
            }
            if ContinuousClock.now >= nextRollup {
                nextRollup = .now + rollupInterval
                roll(rollup)
            }
            do {
                try dispatcher.deliverDue()
            } catch {
                logger.warning("webhook dispatch failed", metadata: ["error": "\(error)"])
            }
            let stop = signals.wait(timeout: .seconds(1)).contains { [SIGTERM, SIGINT, SIGQUIT].contains($0) }
            // A SIGKILLed supervisor cannot stop us; its replacement starts a background child of its own.
            if stop || getppid() != supervisor {
                logger.info("background stopped")
                exit(0)
            }
        }
    }

    private func sweep(_ sweeper: ExpirySweeper) {
        do {
            let report = try sweeper.sweep()
            guard report.ran else { return logger.info("sweep skipped: another server holds the lock") }
            logger.info("sweep finished", metadata: ["licenses.expired": "\(report.expired)"])
        } catch {
            logger.warning("sweep failed", metadata: ["error": "\(error)"])
        }
    }

    private func maintain(_ partitions: CheckLogPartitions) {
        do {
            let report = try partitions.maintain()
            guard report.ran else { return logger.info("check-log partitions skipped: another server holds the lock") }
            let changed = !report.created.isEmpty || !report.dropped.isEmpty || !report.waiting.isEmpty
            logger.log(
                level: changed ? .info : .debug,
                "check-log partitions maintained",
                metadata: [
                    "partitions.created": "\(report.created)", "partitions.dropped": "\(report.dropped)",
                    "partitions.waiting": "\(report.waiting)",
                ]
            )
        } catch {
            logger.warning("check-log partition maintenance failed", metadata: ["error": "\(error)"])
        }
    }

    private func roll(_ rollup: CheckLogRollup) {
        do {
            let report = try rollup.run()
            if report.ids > 0 { logger.debug("check log rolled up", metadata: ["rollup.ids": "\(report.ids)"]) }
        } catch {
            logger.warning("check-log rollup failed", metadata: ["error": "\(error)"])
        }
    }
}
