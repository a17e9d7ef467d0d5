import Testing

@testable import LicenseFCGI

@Suite("Supervisor start")
struct SupervisorStartTests {
    @Test("spawns one worker per slot", arguments: [1, 2, 4])
    func spawnsEverySlot(workers: Int) {
        var machine = Machine(settings: .init(workerCount: workers))
        #expect(machine.handle(.started(t0)) == (0..<workers).map { .spawn(slot: $0) })
        #expect(machine.phase == .running)
    }

    @Test("keeps at least one slot")
    func atLeastOneSlot() {
        var machine = Machine(settings: .init(workerCount: 0))
        #expect(machine.handle(.started(t0)) == [.spawn(slot: 0)])
    }

    @Test("counts spawned workers as live")
    func spawnedAreLive() {
        let machine = runningMachine(workers: 3)
        #expect(machine.livePIDs == [101, 102, 103])
        #expect(machine.nextDeadline == nil)
    }

    @Test("ignores a second start")
    func secondStart() {
        var machine = runningMachine()
        #expect(machine.handle(.started(t0 + .seconds(1))).isEmpty)
    }
}
