import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Binds the FastCGI socket, keeps N workers alive and stops them gracefully: the I/O half of
/// `SupervisorStateMachine`.
final class Supervisor {
    private var machine: SupervisorStateMachine
    private let socket: ListeningSocket
    private let workerArguments: [String]
    private let backgroundArguments: [String]
    /// Background children started so far: only the first sweeps at once (the sweep "at start-up" is the
    /// supervisor's); a replacement after a crash or a reload waits one interval, so a reload never sweeps early.
    private var backgroundStarts = 0
    private let pidFile: String?
    private let logger: Logger
    /// The workers' metrics files live here (`/metrics` sums them); created at start, removed at exit.
    private let metrics = MetricsDirectory(supervisorPID: getpid())
    /// This supervisor's own counters (worker restarts).
    private var metricsFile: MetricsFile?
    private var workerStarts = 0

    /// - Parameter workerArguments: the `serve` options to hand every worker (after `serve --worker N`).
    init(
        settings: SupervisorStateMachine.Settings,
        socket: ListeningSocket,
        workerArguments: [String],
        backgroundArguments: [String] = [],
        pidFile: String?,
        logger: Logger
    ) {
        machine = SupervisorStateMachine(settings: settings)
        self.socket = socket
        self.workerArguments = workerArguments
        self.backgroundArguments = backgroundArguments
        self.pidFile = pidFile
        self.logger = logger
    }

    func run() throws -> Never {
        let signals = try SignalPipe(signals: [SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGCHLD])
        if let pidFile { writePIDFile(pidFile) }
        metrics.create()
        metricsFile = metrics.supervisorFile()
        logger.info(
            "supervisor started",
            metadata: [
                "socket": "\(socket.path)", "workers": "\(machine.settings.workerCount)",
            ]
        )
        execute(machine.handle(.started(.now)))
        while true {
            let timeout = machine.nextDeadline.map { $0 - .now }
            for signalNumber in signals.wait(timeout: timeout) {
                switch signalNumber {
                case SIGTERM, SIGINT, SIGQUIT:
                    logger.info("stopping", metadata: ["signal": "\(signalNumber)"])
                    execute(machine.handle(.signal(.stop, at: .now)))
                case SIGHUP:
                    logger.info("replacing workers")
                    execute(machine.handle(.signal(.reload, at: .now)))
                default:
                    break
                }
            }
            reapChildren()
            execute(machine.handle(.timer(.now)))
        }
    }

    private func reapChildren() {
        var status: Int32 = 0
        while true {
            let pid = waitpid(-1, &status, WNOHANG)
            guard pid > 0 else { return }
            let signalled = status & 0x7f
            let kind = machine.isBackground(pid: pid) ? "background" : "worker"
            logger.log(
                level: signalled == 0 && (status >> 8) & 0xff == 0 ? .info : .warning,
                "\(kind) exited",
                metadata: [
                    "\(kind).pid": "\(pid)", "exit.status": "\((status >> 8) & 0xff)",
                    "exit.signal": "\(signalled)",
                ]
            )
            execute(machine.handle(.workerExited(pid: pid, at: .now)))
        }
    }

    private func execute(_ actions: [SupervisorStateMachine.Action]) {
        for action in actions {
            switch action {
            case .spawn(let slot):
                let pid = machine.isBackground(slot: slot) ? spawnBackground() : spawnWorker(number: slot + 1)
                machine.spawned(slot: slot, pid: pid, at: .now)
            case .send(let workerSignal, let pids):
                for pid in pids { kill(pid, workerSignal == .drain ? SIGTERM : SIGKILL) }
            case .exit(let code):
                // exit() runs no deinit: remove what we created by hand.
                unlink(socket.path)
                if let pidFile { unlink(pidFile) }
                metrics.remove()
                logger.info("supervisor stopped", metadata: ["exit.code": "\(code)"])
                exit(code)
            }
        }
    }

    /// Re-executes this binary (safer than fork in a Swift process) with the socket as fd 0.
    private func spawnWorker(number: Int) -> Int32? {
        let pid = spawn([ExecutablePath.current, "serve", "--worker", String(number)] + workerArguments, socket: true)
        if let pid {
            logger.info("worker started", metadata: ["worker.number": "\(number)", "worker.pid": "\(pid)"])
            workerStarts += 1
            if workerStarts > machine.settings.workerCount {
                metricsFile?.add(1, block: 0, slot: MetricsLayout.workerRestarts)
            }
        }
        return pid
    }

    /// The webhook dispatcher and sweeper: `serve --background`, without the socket and without the word `worker`
    /// anywhere in its command line (operations.md §1), so only the options it needs are passed.
    private func spawnBackground() -> Int32? {
        let resumed = backgroundStarts > 0 ? ["--resumed"] : []
        let pid = spawn(
            [ExecutablePath.current, "serve", "--background"] + resumed + backgroundArguments,
            socket: false
        )
        if let pid {
            backgroundStarts += 1
            logger.info("background started", metadata: ["background.pid": "\(pid)"])
        }
        return pid
    }

    private func spawn(_ arguments: [String], socket withSocket: Bool) -> Int32? {
        let executable = arguments[0]
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        if withSocket {
            posix_spawn_file_actions_adddup2(&fileActions, socket.descriptor, 0)
        } else {
            posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
        }
        // Children start with no signal blocked, whatever mask this process was given.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let result = posix_spawn(&pid, executable, &fileActions, &attributes, argv, environ)
        guard result == 0 else {
            logger.error(
                "spawn failed",
                metadata: [
                    "command": "\(arguments[1...].prefix(2).joined(separator: " "))",
                    "error": "\(SystemError(call: "posix_spawn", errorNumber: result))",
                ]
            )
            return nil
        }
        return pid
    }

    private func writePIDFile(_ path: String) {
        let text = "\(getpid())\n"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        _ = text.withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
    }
}
