import ArgumentParser
import Foundation
import Logging

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the supervisor and its FastCGI workers (stays in the foreground)."
    )

    @Option(help: "FastCGI Unix socket to bind.")
    var socket = "/run/license-fcgi/fcgi.sock"

    @Option(
        name: .customLong("socket-mode"),
        help: "Octal permissions of the socket (0666 lets any local user's nginx connect)."
    )
    var socketMode = "0660"

    @Option(help: "Worker processes (default: number of cores).")
    var workers: Int?

    @Option(help: "Threads per worker, each with its own database connection.")
    var threads = 8

    @Option(name: .customLong("database-url"), help: "libpq URL of the database (default: $DATABASE_URL).")
    var databaseURL: String?

    @Flag(name: .customLong("faxstore-v1"), help: "Serve the legacy /api/checkitem/{id} endpoint.")
    var faxStoreV1 = false

    @Option(name: .customLong("pid-file"), help: "Write the supervisor's pid here.")
    var pidFile: String?

    @Option(name: .customLong("graceful-timeout"), help: "Seconds draining workers get before SIGKILL.")
    var gracefulTimeout = 10

    @Option(help: .hidden)
    var worker: Int?

    @Option(
        help: "JSON configuration file (default: $LICENSE_FCGI_CONFIG, then /etc/license-fcgi/config.json if present)."
    )
    var config: String?

    /// Run as the supervisor's background child: webhook dispatcher and expiry sweeper (`BackgroundProcess`).
    @Flag(help: .hidden)
    var background = false

    /// A replacement background child: its first sweep waits one interval (only the supervisor's start sweeps).
    @Flag(help: .hidden)
    var resumed = false

    func validate() throws {
        guard mode_t(socketMode, radix: 8) != nil else {
            throw ValidationError("--socket-mode must be octal, e.g. 0660")
        }
        guard threads >= 1, threads <= 256 else { throw ValidationError("--threads must be between 1 and 256") }
        if let workers, workers < 1 || workers > 256 { throw ValidationError("--workers must be between 1 and 256") }
    }

    func run() throws {
        let environment = try ConfigurationFile.loadOrExit(explicitPath: config)
        JSONLogHandler.bootstrap()
        let configuration = ServerConfiguration(
            databaseURL: databaseURL,
            faxStoreV1: faxStoreV1,
            threads: threads,
            environment: environment
        )
        if let worker {
            var logger = Logger(label: "worker")
            logger[metadataKey: "worker.number"] = "\(worker)"
            try WorkerProcess(number: worker, configuration: configuration, logger: logger).run()
        }
        if background {
            try BackgroundProcess(
                configuration: configuration,
                environment: environment,
                resumed: resumed,
                logger: Logger(label: "background")
            )
            .run()
        }
        let logger = Logger(label: "supervisor")
        ServerConfiguration.ensureDownloadSecret(logger: logger)
        DownloadsDirectory.announce(databaseURL: configuration.databaseURL, logger: logger)
        let listening = try ListeningSocket(path: socket, mode: mode_t(socketMode, radix: 8) ?? 0o660)
        let settings = SupervisorStateMachine.Settings(
            workerCount: workers ?? ProcessInfo.processInfo.activeProcessorCount,
            backgroundCount: 1,
            gracefulTimeout: .seconds(gracefulTimeout)
        )
        let serveArguments = Array(CommandLine.arguments.drop { $0 != "serve" }.dropFirst())
        try Supervisor(
            settings: settings,
            socket: listening,
            workerArguments: serveArguments,
            backgroundArguments: (databaseURL.map { ["--database-url", $0] } ?? [])
                + (config.map { ["--config", $0] } ?? []),
            pidFile: pidFile,
            logger: logger
        ).run()
    }
}
