import Testing

@testable import LicenseFCGI

typealias Machine = SupervisorStateMachine
typealias Instant = ContinuousClock.Instant

/// A base instant for the supervisor tests; every event happens at `t0` plus a duration.
let t0 = ContinuousClock.now

/// The pid the harness gives to the first worker of `slot` (101, 102, …).
func pid(slot: Int) -> Int32 { Int32(101 + slot) }

/// A machine that has started at `t0` and spawned one worker per slot, pids 101, 102, ….
func runningMachine(
    workers: Int = 2,
    settings: (inout Machine.Settings) -> Void = { _ in },
    sourceLocation: SourceLocation = #_sourceLocation
) -> Machine {
    var configured = Machine.Settings(workerCount: workers)
    settings(&configured)
    var machine = Machine(settings: configured)
    let actions = machine.handle(.started(t0))
    #expect(actions == (0..<workers).map { .spawn(slot: $0) }, sourceLocation: sourceLocation)
    for slot in 0..<workers { machine.spawned(slot: slot, pid: pid(slot: slot), at: t0) }
    return machine
}

extension SupervisorStateMachine {
    /// Carries out the spawns in `actions` with the given pids, as `Supervisor.execute` would.
    mutating func perform(_ actions: [Action], pids: [Int32], at now: Instant) {
        var remaining = pids[...]
        for case .spawn(let slot) in actions {
            spawned(slot: slot, pid: remaining.popFirst(), at: now)
        }
    }
}
