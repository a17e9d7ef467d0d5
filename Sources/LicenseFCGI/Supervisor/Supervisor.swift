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
    private let pidFile: String?
    private let logger: Logger

    /// - Parameter workerArguments: the `serve` options to hand every worker (after `serve --worker N`).
    init(
        settings: SupervisorStateMachine.Settings,
        socket: ListeningSocket,
        workerArguments: [String],
        pidFile: String?,
        logger: Logger
    ) {
        machine = SupervisorStateMachine(settings: settings)
        self.socket = socket
        self.workerArguments = workerArguments
        self.pidFile = pidFile
        self.logger = logger
    }

    func run() throws -> Never {
        let signals = try SignalPipe(signals: [SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGCHLD])
        if let pidFile { writePIDFile(pidFile) }
        logger.info(
            "supervisor started",
            metadata: [
                "socket": "\(socket.path)", "workers": "\(machine.slots.count)",
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
            logger.log(
                level: signalled == 0 && (status >> 8) & 0xff == 0 ? .info : .warning,
                "worker exited",
                metadata: [
                    "worker.pid": "\(pid)", "exit.status": "\((status >> 8) & 0xff)",
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
                let pid = spawnWorker(number: slot + 1)
                machine.spawned(slot: slot, pid: pid, at: .now)
            case .send(let workerSignal, let pids):
                for pid in pids { kill(pid, workerSignal == .drain ? SIGTERM : SIGKILL) }
            case .exit(let code):
                // exit() runs no deinit: remove what we created by hand.
                unlink(socket.path)
                if let pidFile { unlink(pidFile) }
                logger.info("supervisor stopped", metadata: ["exit.code": "\(code)"])
                exit(code)
            }
        }
    }

    /// Re-executes this binary (safer than fork in a Swift process) with the socket as fd 0.
    private func spawnWorker(number: Int) -> Int32? {
        let executable = ExecutablePath.current
        let arguments = [executable, "serve", "--worker", String(number)] + workerArguments
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_adddup2(&fileActions, socket.descriptor, 0)
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let result = posix_spawn(&pid, executable, &fileActions, nil, argv, environ)
        guard result == 0 else {
            logger.error(
                "worker spawn failed",
                metadata: ["error": "\(SystemError(call: "posix_spawn", errorNumber: result))"]
            )
            return nil
        }
        logger.info("worker started", metadata: ["worker.number": "\(number)", "worker.pid": "\(pid)"])
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
