import Domain
import Testing

@Suite("Replication state")
struct ReplicationStateTests {
    @Test(
        "calls writes replicated while the primary names a synchronous standby",
        arguments: ["pg2", "*", "ANY 1 (pg2, pg3)"]
    )
    func replicated(names: String) {
        #expect(ReplicationState(synchronousStandbyNames: names).writesAreReplicated)
    }

    @Test("calls writes unreplicated once Patroni has emptied synchronous_standby_names")
    func unreplicated() {
        #expect(!ReplicationState(synchronousStandbyNames: "").writesAreReplicated)
    }
}
