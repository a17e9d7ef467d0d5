/// Bounds how many child processes of one kind run at once.
///
/// Swift Testing may start every test case at the same moment, and each CLI or psql process opens its own
/// PostgreSQL connection; without a bound, a large run could exceed the test cluster's `max_connections`.
actor AsyncSemaphore {
    /// CLI and psql processes: each holds one database connection while it runs.
    static let databaseClients = AsyncSemaphore(limit: 24)

    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        available = limit
    }

    /// Runs `body` holding one slot.
    nonisolated func withSlot<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        do {
            let value = try await body()
            await release()
            return value
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if available > 0 {
            available -= 1
        } else {
            await withCheckedContinuation { waiting.append($0) }
        }
    }

    private func release() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
