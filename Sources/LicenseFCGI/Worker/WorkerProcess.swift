import CFastCGI
import Domain
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A worker process: T accept threads on the inherited socket (fd 0), drained on SIGTERM, SIGINT or SIGQUIT.
struct WorkerProcess {
    let number: Int
    let configuration: ServerConfiguration
    let logger: Logger

    /// Signal used to knock an idle thread out of `accept`; its handler does nothing.
    static let wakeSignal = SIGUSR2

    func run() throws -> Never {
        let supervisor = getppid()
        // A client that hangs up mid-response must not kill the process.
        signal(SIGPIPE, SIG_IGN)
        signal(SIGHUP, SIG_IGN)
        let signals = try SignalPipe(signals: [SIGTERM, SIGINT, SIGQUIT])
        try SignalPipe.install(Self.wakeSignal, restart: false) { _ in }
        FCGX_Init()

        let draining = DrainFlag()
        let checkLog = CheckLogBatcher()
        let credentials = CredentialCache()
        let slots = (0..<configuration.threadsPerWorker).map { _ in ThreadSlot() }
        // This process's counters for /metrics, in the supervisor's metrics folder; one block per thread.
        let metricsDirectory = MetricsDirectory(supervisorPID: supervisor)
        let metricsFile = metricsDirectory.workerFile(pid: getpid(), threads: slots.count)
        for (index, slot) in slots.enumerated() {
            var threadLogger = logger
            threadLogger[metadataKey: "worker.thread"] = "\(index)"
            let thread = WorkerThread(
                configuration: configuration,
                slot: slot,
                draining: draining,
                checkLog: checkLog,
                credentials: credentials,
                logger: threadLogger,
                metrics: MetricsRecorder(file: metricsFile, block: index),
                metricsDirectory: metricsDirectory
            )
            let handle = Thread { thread.run() }
            handle.stackSize = 1 << 20
            handle.start()
        }
        logger.info("worker ready", metadata: ["worker.number": "\(number)", "threads": "\(slots.count)"])

        // Drain on a signal, or when the supervisor is gone (even SIGKILLed): no orphan keeps serving.
        while signals.wait(timeout: .seconds(1)).isEmpty, getppid() == supervisor {}
        // Not FCGX_ShutdownPending(): libfcgi then fails every read, also the body of a request being served.
        // FCGI_FAIL_ACCEPT_ON_INTR alone makes an interrupted accept return.
        draining.set()
        logger.info("worker draining", metadata: ["worker.number": "\(number)"])
        // A thread waiting in accept is woken by the signal; a serving thread finishes its request first.
        while slots.contains(where: { $0.current != .finished }) {
            for slot in slots { slot.interruptIfWaiting(with: Self.wakeSignal) }
            usleep(20_000)
        }
        logger.info("worker drained", metadata: ["worker.number": "\(number)"])
        exit(0)
    }
}
