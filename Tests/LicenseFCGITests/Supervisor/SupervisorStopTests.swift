import Testing

@testable import LicenseFCGI

@Suite("Supervisor stop")
struct SupervisorStopTests {
    @Test("drains every live worker")
    func drainsAll() {
        var machine = runningMachine(workers: 3)
        let stop = t0 + .seconds(5)
        #expect(machine.handle(.signal(.stop, at: stop)) == [.send(.drain, pids: [101, 102, 103])])
        #expect(machine.phase == .stopping(killAt: stop + .seconds(10)))
    }

    @Test("ignores a repeated stop and a reload while stopping", arguments: [Machine.Signal.stop, .reload])
    func repeatedSignalIgnored(signal: Machine.Signal) {
        var machine = runningMachine()
        let stop = t0 + .seconds(5)
        _ = machine.handle(.signal(.stop, at: stop))
        #expect(machine.handle(.signal(signal, at: stop + .seconds(1))).isEmpty)
        #expect(machine.phase == .stopping(killAt: stop + .seconds(10)))
    }

    @Test("exits with 0 when the last worker has exited, restarting none")
    func exitsWhenDrained() {
        var machine = runningMachine()
        let stop = t0 + .seconds(5)
        _ = machine.handle(.signal(.stop, at: stop))
        #expect(machine.handle(.workerExited(pid: 101, at: stop + .milliseconds(10))).isEmpty)
        #expect(machine.livePIDs == [102])
        #expect(machine.handle(.workerExited(pid: 102, at: stop + .seconds(2))) == [.exit(code: 0)])
        #expect(machine.phase == .exited)
    }

    @Test("exits at once when no worker is alive")
    func nothingToDrain() {
        var machine = runningMachine(workers: 1)
        _ = machine.handle(.workerExited(pid: 101, at: t0 + .milliseconds(10)))
        #expect(machine.livePIDs.isEmpty)
        #expect(machine.handle(.signal(.stop, at: t0 + .milliseconds(20))) == [.exit(code: 0)])
        #expect(machine.phase == .exited)
    }

    @Test("cancels pending restarts")
    func cancelsRestarts() {
        var machine = runningMachine()
        let exit = t0 + .milliseconds(10)
        _ = machine.handle(.workerExited(pid: 101, at: exit))
        let stop = exit + .milliseconds(20)
        #expect(machine.handle(.signal(.stop, at: stop)) == [.send(.drain, pids: [102])])
        #expect(machine.nextDeadline == stop + .seconds(10))
        #expect(machine.handle(.timer(exit + .milliseconds(100))).isEmpty)
    }
}
