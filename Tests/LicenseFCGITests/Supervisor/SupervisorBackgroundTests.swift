import Testing

@testable import LicenseFCGI

/// The background child (webhook dispatcher and sweeper) lives in the slot after the workers' and is kept alive
/// and stopped exactly like a worker.
@Suite("Supervisor background child")
struct SupervisorBackgroundTests {
    typealias Machine = SupervisorStateMachine

    /// Two workers (pids 101, 102) and the background child (pid 103), all started at `t0`.
    func machineWithBackground() -> Machine {
        var machine = Machine(settings: Machine.Settings(workerCount: 2, backgroundCount: 1))
        #expect(machine.handle(.started(t0)) == [.spawn(slot: 0), .spawn(slot: 1), .spawn(slot: 2)])
        for slot in 0..<3 { machine.spawned(slot: slot, pid: pid(slot: slot), at: t0) }
        return machine
    }

    @Test("starts the background child after the workers, in a slot of its own")
    func startsBackground() {
        let machine = machineWithBackground()
        #expect(!machine.isBackground(slot: 0))
        #expect(!machine.isBackground(slot: 1))
        #expect(machine.isBackground(slot: 2))
        #expect(machine.livePIDs == [101, 102, 103])
    }

    @Test("starts no background child unless asked")
    func noBackgroundByDefault() {
        var machine = Machine(settings: Machine.Settings(workerCount: 2))
        #expect(machine.handle(.started(t0)) == [.spawn(slot: 0), .spawn(slot: 1)])
        #expect(machine.slots.count == 2)
    }

    @Test("restarts a background child that died")
    func restartsBackground() {
        var machine = machineWithBackground()
        #expect(machine.handle(.workerExited(pid: 103, at: t0 + .seconds(30))) == [.spawn(slot: 2)])
    }

    @Test("restarts a background child that keeps dying only after a backoff")
    func backgroundBackoff() {
        var machine = machineWithBackground()
        let exit = t0 + .milliseconds(200)
        #expect(machine.handle(.workerExited(pid: 103, at: exit)).isEmpty)
        #expect(machine.handle(.timer(exit + .milliseconds(100))) == [.spawn(slot: 2)])
    }

    @Test("drains the background child with the workers on stop and exits once all are gone")
    func stopsBackground() {
        var machine = machineWithBackground()
        #expect(machine.handle(.signal(.stop, at: t0 + .seconds(5))) == [.send(.drain, pids: [101, 102, 103])])
        #expect(machine.handle(.workerExited(pid: 101, at: t0 + .seconds(6))).isEmpty)
        #expect(machine.handle(.workerExited(pid: 102, at: t0 + .seconds(6))).isEmpty)
        #expect(machine.handle(.workerExited(pid: 103, at: t0 + .seconds(6))) == [.exit(code: 0)])
    }

    @Test("kills a background child that ignores the drain")
    func killsStuckBackground() {
        var machine = machineWithBackground()
        _ = machine.handle(.signal(.stop, at: t0))
        _ = machine.handle(.workerExited(pid: 101, at: t0 + .seconds(1)))
        _ = machine.handle(.workerExited(pid: 102, at: t0 + .seconds(1)))
        #expect(machine.handle(.timer(t0 + .seconds(10))) == [.send(.kill, pids: [103])])
    }

    @Test("replaces the background child on reload like a worker")
    func reloadReplacesBackground() {
        var machine = machineWithBackground()
        let actions = machine.handle(.signal(.reload, at: t0 + .seconds(5)))
        #expect(actions == [.send(.drain, pids: [101, 102, 103]), .spawn(slot: 0), .spawn(slot: 1), .spawn(slot: 2)])
    }
}
