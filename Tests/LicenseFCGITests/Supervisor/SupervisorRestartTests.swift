import Testing

@testable import LicenseFCGI

@Suite("Supervisor restarts")
struct SupervisorRestartTests {
    @Test("replaces a worker that ran a while at once")
    func longRunnerReplaced() {
        var machine = runningMachine()
        #expect(machine.handle(.workerExited(pid: 102, at: t0 + .seconds(30))) == [.spawn(slot: 1)])
        #expect(machine.nextDeadline == nil)
    }

    @Test("restarts a worker that died within a second only after a backoff")
    func quickExitWaits() {
        var machine = runningMachine()
        let exit = t0 + .milliseconds(500)
        #expect(machine.handle(.workerExited(pid: 101, at: exit)).isEmpty)
        #expect(machine.nextDeadline == exit + .milliseconds(100))
        #expect(machine.handle(.timer(exit + .milliseconds(99))).isEmpty)
        #expect(machine.handle(.timer(exit + .milliseconds(100))) == [.spawn(slot: 0)])
        #expect(machine.nextDeadline == nil)
    }

    @Test("doubles the backoff on each quick failure and caps it")
    func backoffDoublesAndCaps() {
        var machine = runningMachine(workers: 1)
        var now = t0
        var delays: [Duration] = []
        var nextPID: Int32 = 200
        for _ in 0..<9 {
            now = now + .milliseconds(10)
            _ = machine.handle(.workerExited(pid: machine.livePIDs[0], at: now))
            guard let deadline = machine.nextDeadline else {
                Issue.record("no restart scheduled")
                return
            }
            delays.append(deadline - now)
            now = deadline
            machine.perform(machine.handle(.timer(now)), pids: [nextPID], at: now)
            nextPID += 1
        }
        let expected: [Duration] = [100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000].map { .milliseconds($0) }
        #expect(delays == expected)
    }

    @Test("forgets earlier failures once a worker has run a while")
    func longRunResetsBackoff() {
        var machine = runningMachine(workers: 1)
        let first = t0 + .milliseconds(100)
        _ = machine.handle(.workerExited(pid: 101, at: first))
        machine.perform(machine.handle(.timer(first + .milliseconds(100))), pids: [201], at: first + .milliseconds(100))
        let second = first + .milliseconds(300)
        _ = machine.handle(.workerExited(pid: 201, at: second))
        #expect(machine.nextDeadline == second + .milliseconds(200))
        machine.perform(
            machine.handle(.timer(second + .milliseconds(200))),
            pids: [202],
            at: second + .milliseconds(200)
        )
        let longAfter = second + .seconds(60)
        #expect(machine.handle(.workerExited(pid: 202, at: longAfter)) == [.spawn(slot: 0)])
        machine.spawned(slot: 0, pid: 203, at: longAfter)
        let quick = longAfter + .milliseconds(10)
        _ = machine.handle(.workerExited(pid: 203, at: quick))
        #expect(machine.nextDeadline == quick + .milliseconds(100))
    }

    @Test("retries a failed spawn after a backoff")
    func failedSpawnRetried() {
        var machine = Machine(settings: .init(workerCount: 1))
        _ = machine.handle(.started(t0))
        machine.spawned(slot: 0, pid: nil, at: t0)
        #expect(machine.livePIDs.isEmpty)
        #expect(machine.nextDeadline == t0 + .milliseconds(100))
        #expect(machine.handle(.timer(t0 + .milliseconds(100))) == [.spawn(slot: 0)])
    }

    @Test("ignores the exit of a process it does not know")
    func unknownPID() {
        var machine = runningMachine()
        #expect(machine.handle(.workerExited(pid: 999, at: t0 + .seconds(5))).isEmpty)
        #expect(machine.livePIDs == [101, 102])
    }
}
