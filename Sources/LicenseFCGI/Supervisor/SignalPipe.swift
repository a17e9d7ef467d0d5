#if canImport(Glibc)
import Glibc
#endif

/// The write end of the self-pipe; written only by the signal handler. Set once before any handler is installed.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Turns signals into bytes on a pipe, so that the only work done in a handler is one `write(2)`.
final class SignalPipe {
    let readEnd: Int32
    private let writeEnd: Int32

    /// Installs handlers for `signals`; each delivery writes the signal number to the pipe.
    init(signals: [Int32]) throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw SystemError(call: "pipe") }
        readEnd = ends[0]
        writeEnd = ends[1]
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        signalPipeWriteEnd = writeEnd
        for signalNumber in signals {
            try Self.install(signalNumber, restart: true) { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(signalPipeWriteEnd, &byte, 1)
            }
        }
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Waits up to `timeout` (nil: forever) and returns the signals that arrived, in order.
    func wait(timeout: Duration?) -> [Int32] {
        var descriptor = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        let milliseconds =
            timeout.map {
                max(
                    0,
                    Int32(
                        clamping: $0.components.seconds * 1000
                            + $0.components.attoseconds / 1_000_000_000_000_000
                    )
                )
            } ?? -1
        _ = poll(&descriptor, 1, milliseconds)
        var received: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            guard count > 0 else { break }
            received += buffer[0..<count].map { Int32($0) }
        }
        return received
    }

    /// Installs `handler`; without `restart`, a blocking call in the interrupted thread returns `EINTR`.
    ///
    /// Also unblocks the signal in the calling thread (threads started later inherit its mask): a blocked mask
    /// survives `exec`, and a parent that starts us from one of libdispatch's threads (Foundation's `Process`, any
    /// Swift program) passes on a mask that blocks nearly everything. A supervisor so started never saw SIGTERM.
    static func install(_ signalNumber: Int32, restart: Bool, handler: @convention(c) (Int32) -> Void) throws {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = restart ? SA_RESTART : 0
        guard sigaction(signalNumber, &action, nil) == 0 else { throw SystemError(call: "sigaction") }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, signalNumber)
        let result = pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        guard result == 0 else { throw SystemError(call: "pthread_sigmask", errorNumber: result) }
    }
}
