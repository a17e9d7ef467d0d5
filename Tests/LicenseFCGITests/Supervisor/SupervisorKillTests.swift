import Testing

@testable import LicenseFCGI

@Suite("Supervisor kill escalation")
struct SupervisorKillTests {
    static let stop = t0 + .seconds(5)

    /// A two-worker machine that was told to stop at `stop`.
    func stoppingMachine() -> Machine {
        var machine = runningMachine()
        _ = machine.handle(.signal(.stop, at: Self.stop))
        return machine
    }

    @Test("does nothing before the graceful timeout")
    func waitsForDrain() {
        var machine = stoppingMachine()
        #expect(machine.handle(.timer(Self.stop + .seconds(9))).isEmpty)
    }

    @Test("kills the remaining workers when the graceful timeout passes")
    func killsAfterTimeout() {
        var machine = stoppingMachine()
        _ = machine.handle(.workerExited(pid: 101, at: Self.stop + .seconds(1)))
        let deadline = Self.stop + .seconds(10)
        #expect(machine.handle(.timer(deadline)) == [.send(.kill, pids: [102])])
        #expect(machine.phase == .killing(giveUpAt: deadline + .seconds(2)))
        #expect(machine.nextDeadline == deadline + .seconds(2))
    }

    @Test("exits with 1 when killed workers outlive the kill timeout")
    func givesUp() {
        var machine = stoppingMachine()
        let deadline = Self.stop + .seconds(10)
        _ = machine.handle(.timer(deadline))
        #expect(machine.handle(.timer(deadline + .seconds(1))).isEmpty)
        #expect(machine.handle(.timer(deadline + .seconds(2))) == [.exit(code: 1)])
        #expect(machine.phase == .exited)
    }

    @Test("exits with 0 when the killed workers go in time")
    func killedWorkersExit() {
        var machine = stoppingMachine()
        let deadline = Self.stop + .seconds(10)
        _ = machine.handle(.timer(deadline))
        #expect(machine.handle(.workerExited(pid: 101, at: deadline + .milliseconds(5))).isEmpty)
        #expect(machine.handle(.workerExited(pid: 102, at: deadline + .milliseconds(6))) == [.exit(code: 0)])
    }

    @Test("uses the configured graceful timeout")
    func customTimeout() {
        var machine = runningMachine(workers: 1) { $0.gracefulTimeout = .seconds(3) }
        _ = machine.handle(.signal(.stop, at: Self.stop))
        #expect(machine.nextDeadline == Self.stop + .seconds(3))
        #expect(machine.handle(.timer(Self.stop + .seconds(3))) == [.send(.kill, pids: [101])])
    }
}
