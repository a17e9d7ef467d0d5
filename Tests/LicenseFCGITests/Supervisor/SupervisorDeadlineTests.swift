import Testing

@testable import LicenseFCGI

@Suite("Supervisor next deadline")
struct SupervisorDeadlineTests {
    @Test("is nil while every worker runs")
    func noneWhileRunning() {
        #expect(runningMachine().nextDeadline == nil)
    }

    @Test("is the earliest pending restart")
    func earliestRestart() {
        var machine = runningMachine(workers: 3)
        _ = machine.handle(.workerExited(pid: 101, at: t0 + .milliseconds(300)))
        _ = machine.handle(.workerExited(pid: 103, at: t0 + .milliseconds(250)))
        #expect(machine.nextDeadline == t0 + .milliseconds(350))
    }

    @Test("is the kill time while stopping and the give-up time while killing")
    func shutdownDeadlines() {
        var machine = runningMachine()
        _ = machine.handle(.signal(.stop, at: t0 + .seconds(1)))
        #expect(machine.nextDeadline == t0 + .seconds(11))
        _ = machine.handle(.timer(t0 + .seconds(11)))
        #expect(machine.nextDeadline == t0 + .seconds(13))
    }

    @Test("never lies in the past after a timer, so the supervisor never spins")
    func neverInThePast() {
        // Reload at 60 s (old workers due for SIGKILL at 70 s), stop at 65 s (everyone due at 75 s).
        var machine = runningMachine()
        let reload = t0 + .seconds(60)
        machine.perform(machine.handle(.signal(.reload, at: reload)), pids: [201, 202], at: reload)
        _ = machine.handle(.signal(.stop, at: reload + .seconds(5)))
        let now = reload + .seconds(10)
        _ = machine.handle(.timer(now))
        let deadline = machine.nextDeadline
        #expect(deadline == nil || deadline! > now, "next deadline \(String(describing: deadline)) is not after \(now)")
    }
}
