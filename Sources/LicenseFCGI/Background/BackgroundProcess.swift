import Domain
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The supervisor's one non-worker child (`license-fcgi serve --background`): the webhook dispatcher and the expiry
/// sweeper. A separate process rather than threads of the supervisor, so a crash, a hung HTTP call or a slow sweep
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

    func run() throws -> Never {
        let supervisor = getppid()
        let handled = [SIGTERM, SIGINT, SIGQUIT, SIGHUP]
        let signals = try SignalPipe(signals: handled)
        // A parent may start us with these blocked (Foundation's Process passes on its thread's mask): unblock them,
        // or a drain would only end in SIGKILL.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signalNumber in handled { sigaddset(&unblocked, signalNumber) }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        let database = Database(
            url: configuration.databaseURL,
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
            retentionDays: configuration.checkLogRetentionDays,
            webhooks: configuration.webhooks
        )
        let interval = Self.sweepInterval(environment: environment)
        var nextSweep = ContinuousClock.now + (resumed ? interval : .zero)
        var replication = ReplicationWatch(logger: logger)
        logger.info("background started", metadata: ["sweep.interval": "\(interval)"])
        while true {
            replication.observe(on: database)
            if ContinuousClock.now >= nextSweep {
                nextSweep = .now + interval
                sweep(sweeper)
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
            logger.info(
                "sweep finished",
                metadata: ["licenses.expired": "\(report.expired)", "checks.pruned": "\(report.pruned)"]
            )
        } catch {
            logger.warning("sweep failed", metadata: ["error": "\(error)"])
        }
    }
}
