import Testing

@testable import LicenseFCGI

@Suite("Supervisor reload")
struct SupervisorReloadTests {
    static let reload = t0 + .seconds(60)

    /// A two-worker machine reloaded at `reload`, whose replacements got pids 201 and 202.
    func reloadedMachine() -> Machine {
        var machine = runningMachine()
        let actions = machine.handle(.signal(.reload, at: Self.reload))
        machine.perform(actions, pids: [201, 202], at: Self.reload)
        return machine
    }

    @Test("drains the old workers and spawns replacements")
    func drainsAndSpawns() {
        var machine = runningMachine()
        #expect(
            machine.handle(.signal(.reload, at: Self.reload)) == [
                .send(.drain, pids: [101, 102]), .spawn(slot: 0), .spawn(slot: 1),
            ]
        )
    }

    @Test("keeps the old workers live until they exit")
    func oldAndNewLive() {
        let machine = reloadedMachine()
        #expect(machine.livePIDs == [201, 202, 101, 102])
        #expect(machine.nextDeadline == Self.reload + .seconds(10))
    }

    @Test("replaces nothing when an old worker exits")
    func oldExitSpawnsNothing() {
        var machine = reloadedMachine()
        #expect(machine.handle(.workerExited(pid: 101, at: Self.reload + .seconds(1))).isEmpty)
        #expect(machine.livePIDs == [201, 202, 102])
    }

    @Test("kills old workers once the graceful timeout passes, and only once")
    func killsOverdueOldWorkers() {
        var machine = reloadedMachine()
        _ = machine.handle(.workerExited(pid: 101, at: Self.reload + .seconds(1)))
        #expect(machine.handle(.timer(Self.reload + .seconds(9))).isEmpty)
        #expect(machine.handle(.timer(Self.reload + .seconds(10))) == [.send(.kill, pids: [102])])
        #expect(machine.handle(.timer(Self.reload + .seconds(11))).isEmpty)
        #expect(machine.livePIDs == [201, 202, 102])
    }

    @Test("drains old and new workers when stopped during a reload")
    func stopDuringReload() {
        var machine = reloadedMachine()
        let stop = Self.reload + .seconds(1)
        #expect(machine.handle(.signal(.stop, at: stop)) == [.send(.drain, pids: [201, 202, 101, 102])])
        for pid: Int32 in [201, 101, 102] { _ = machine.handle(.workerExited(pid: pid, at: stop + .seconds(1))) }
        #expect(machine.handle(.workerExited(pid: 202, at: stop + .seconds(2))) == [.exit(code: 0)])
    }

    @Test("restarts a quick failure of a fresh slot with a backoff from the start")
    func replacementsStartFresh() {
        var machine = runningMachine(workers: 1)
        _ = machine.handle(.workerExited(pid: 101, at: t0 + .milliseconds(10)))
        machine.perform(machine.handle(.timer(t0 + .milliseconds(110))), pids: [150], at: t0 + .milliseconds(110))
        machine.perform(machine.handle(.signal(.reload, at: Self.reload)), pids: [201], at: Self.reload)
        let crash = Self.reload + .milliseconds(10)
        _ = machine.handle(.workerExited(pid: 201, at: crash))
        #expect(machine.slots[0].restartAt == crash + .milliseconds(100))
    }
}
