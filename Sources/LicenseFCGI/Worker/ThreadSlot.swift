import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// What the worker's main thread knows about one accept thread, so that a drain interrupts only threads that
/// wait for a connection and never one that is serving.
final class ThreadSlot: Sendable {
    enum State: Int {
        case starting = 0
        case waiting, serving, finished
    }

    private let state = Atomic<Int>(State.starting.rawValue)
    private let thread = Mutex<pthread_t?>(nil)

    var current: State { State(rawValue: state.load(ordering: .acquiring)) ?? .finished }

    func set(_ newState: State) {
        state.store(newState.rawValue, ordering: .releasing)
    }

    func recordCurrentThread() {
        let current = pthread_self()
        thread.withLock { $0 = current }
    }

    /// Sends `signal` to the thread if it is still waiting in accept.
    func interruptIfWaiting(with signal: Int32) {
        guard current == .waiting else { return }
        thread.withLock { handle in
            if let handle { _ = pthread_kill(handle, signal) }
        }
    }
}
