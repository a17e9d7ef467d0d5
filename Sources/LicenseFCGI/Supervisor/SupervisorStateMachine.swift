/// The supervisor's decisions as a pure state machine: (state, event) → actions. I/O lives in `Supervisor`,
/// so every shutdown and restart path is tested without forking (see php-fpm's `fpm_process_ctl.c`).
struct SupervisorStateMachine {
    typealias Instant = ContinuousClock.Instant

    struct Settings: Sendable {
        var workerCount: Int
        /// Non-worker children kept alive the same way (0 or 1: the webhook dispatcher and sweeper). They take
        /// the slots after the workers', are restarted when they die and drained on stop and reload.
        var backgroundCount = 0
        /// How long draining workers may finish their requests before SIGKILL. Defaults to 10 s.
        var gracefulTimeout: Duration = .seconds(10)
        /// A worker that dies sooner than this after its start counts as failing and is restarted with a backoff.
        var quickExitThreshold: Duration = .seconds(1)
        /// First restart delay of a failing worker; doubles per failure up to `maximumBackoff`.
        var initialBackoff: Duration = .milliseconds(100)
        var maximumBackoff: Duration = .seconds(5)
        /// How long to wait for killed workers before giving up on them.
        var killTimeout: Duration = .seconds(2)
    }

    enum Signal: Sendable, Equatable {
        /// SIGTERM, SIGINT or SIGQUIT: drain, then exit.
        case stop
        /// SIGHUP: replace every worker gracefully.
        case reload
    }

    enum Event: Sendable, Equatable {
        case started(Instant)
        case workerExited(pid: Int32, at: Instant)
        case signal(Signal, at: Instant)
        case timer(Instant)
    }

    enum WorkerSignal: Sendable, Equatable {
        /// Finish the request in hand, accept no more, exit.
        case drain
        case kill
    }

    enum Action: Sendable, Equatable {
        case spawn(slot: Int)
        case send(WorkerSignal, pids: [Int32])
        case exit(code: Int32)
    }

    enum Phase: Sendable, Equatable {
        case idle
        case running
        case stopping(killAt: Instant)
        case killing(giveUpAt: Instant)
        case exited
    }

    struct Slot: Sendable, Equatable {
        var pid: Int32?
        var startedAt: Instant?
        var consecutiveFailures = 0
        var restartAt: Instant?
    }

    let settings: Settings
    private(set) var phase: Phase = .idle
    private(set) var slots: [Slot]
    /// Workers replaced by a reload, still draining, with the moment they get SIGKILL.
    private(set) var retiring: [Int32: Instant] = [:]

    init(settings: Settings) {
        self.settings = settings
        slots = Array(repeating: Slot(), count: max(settings.workerCount, 1) + max(settings.backgroundCount, 0))
    }

    /// Whether `slot` holds a background child rather than a FastCGI worker.
    func isBackground(slot: Int) -> Bool { slot >= max(settings.workerCount, 1) }

    /// Whether `pid` is the current background child, so logs can name what exited.
    func isBackground(pid: Int32) -> Bool {
        slots.indices.contains { slots[$0].pid == pid && isBackground(slot: $0) }
    }

    var livePIDs: [Int32] { slots.compactMap(\.pid) + retiring.keys.sorted() }

    /// When the supervisor must wake up even if nothing happens.
    var nextDeadline: Instant? {
        var deadlines = slots.compactMap(\.restartAt)
        switch phase {
        case .running: deadlines += retiring.values
        case .stopping(let killAt): deadlines.append(killAt)
        case .killing(let giveUpAt): deadlines.append(giveUpAt)
        default: break
        }
        return deadlines.min()
    }

    /// Records that `spawn(slot:)` produced `pid` (or failed, with nil).
    mutating func spawned(slot: Int, pid: Int32?, at now: Instant) {
        if let pid {
            slots[slot].pid = pid
            slots[slot].startedAt = now
            slots[slot].restartAt = nil
        } else {
            scheduleRestart(slot: slot, quickExit: true, at: now)
        }
    }

    mutating func handle(_ event: Event) -> [Action] {
        switch (phase, event) {
        case (.idle, .started):
            phase = .running
            return slots.indices.map { .spawn(slot: $0) }

        case (_, .workerExited(let pid, let now)):
            return workerExited(pid: pid, at: now)

        case (.running, .signal(.stop, let now)):
            for index in slots.indices { slots[index].restartAt = nil }
            guard !livePIDs.isEmpty else {
                phase = .exited
                return [.exit(code: 0)]
            }
            phase = .stopping(killAt: now + settings.gracefulTimeout)
            return [.send(.drain, pids: livePIDs)]

        case (.running, .signal(.reload, let now)):
            var actions: [Action] = []
            var draining: [Int32] = []
            for index in slots.indices {
                if let pid = slots[index].pid {
                    retiring[pid] = now + settings.gracefulTimeout
                    draining.append(pid)
                }
                slots[index] = Slot()
                actions.append(.spawn(slot: index))
            }
            if !draining.isEmpty { actions.insert(.send(.drain, pids: draining), at: 0) }
            return actions

        case (.running, .timer(let now)):
            var actions: [Action] = []
            for index in slots.indices {
                if let restartAt = slots[index].restartAt, restartAt <= now, slots[index].pid == nil {
                    slots[index].restartAt = nil
                    actions.append(.spawn(slot: index))
                }
            }
            let overdue = retiring.filter { $0.value <= now }.keys.sorted()
            for pid in overdue { retiring[pid] = now + .seconds(3600) }  // killed once; now only its exit matters
            if !overdue.isEmpty { actions.append(.send(.kill, pids: overdue)) }
            return actions

        case (.stopping(let killAt), .timer(let now)) where killAt <= now:
            phase = .killing(giveUpAt: now + settings.killTimeout)
            return [.send(.kill, pids: livePIDs)]

        case (.killing(let giveUpAt), .timer(let now)) where giveUpAt <= now:
            phase = .exited
            return [.exit(code: 1)]

        default:
            // Repeated signals while stopping, and timers with nothing due, change nothing.
            return []
        }
    }

    private mutating func workerExited(pid: Int32, at now: Instant) -> [Action] {
        if retiring.removeValue(forKey: pid) == nil {
            guard let index = slots.firstIndex(where: { $0.pid == pid }) else { return [] }
            let ranFor = slots[index].startedAt.map { now - $0 } ?? .zero
            slots[index].pid = nil
            slots[index].startedAt = nil
            if phase == .running {
                scheduleRestart(slot: index, quickExit: ranFor < settings.quickExitThreshold, at: now)
                if slots[index].restartAt == nil { return [.spawn(slot: index)] }
            }
        }
        switch phase {
        case .stopping, .killing:
            if livePIDs.isEmpty {
                phase = .exited
                return [.exit(code: 0)]
            }
            return []
        default:
            return []
        }
    }

    /// A worker that ran a while is replaced at once; one that keeps dying waits longer each time.
    private mutating func scheduleRestart(slot index: Int, quickExit: Bool, at now: Instant) {
        if quickExit {
            slots[index].consecutiveFailures += 1
            let exponent = min(slots[index].consecutiveFailures - 1, 16)
            let delay = min(settings.initialBackoff * (1 << exponent), settings.maximumBackoff)
            slots[index].restartAt = now + delay
        } else {
            slots[index].consecutiveFailures = 0
            slots[index].restartAt = nil
        }
    }
}
