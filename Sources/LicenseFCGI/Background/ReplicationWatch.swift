import Domain
import Logging

/// Says in the log when acknowledged writes stop being replicated, and when they are again.
///
/// Only a change is logged, and only after this process has seen writes replicated once: a single-node database
/// (`make run`) never has a synchronous standby, and saying so every second would drown the log.
struct ReplicationWatch {
    let logger: Logger
    private var last: ReplicationState?
    private var hasSeenReplication = false

    init(logger: Logger) {
        self.logger = logger
    }

    mutating func observe(on database: Database) {
        guard let state = try? database.run({ try ReplicationState.read(on: $0) }) else { return }
        defer { last = state }
        hasSeenReplication = hasSeenReplication || state.writesAreReplicated
        guard let last, last.writesAreReplicated != state.writesAreReplicated, hasSeenReplication else { return }
        if state.writesAreReplicated {
            logger.notice(
                "writes are replicated again: the primary has a synchronous standby",
                metadata: ["database.synchronous_standby_names": "\(state.synchronousStandbyNames)"]
            )
        } else {
            logger.warning(
                "writes are not replicated: the primary has no synchronous standby, so an acknowledged write exists on one machine only"
            )
        }
    }
}
