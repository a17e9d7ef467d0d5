import Foundation
import Logging
import Synchronization
import Testing

@testable import Domain

/// Batches from several worker threads count the same popular licenses at once: they must lock the license rows in
/// one order, or two of them deadlock and both checks stall for `deadlock_timeout` before one batch is refused.
@Suite("Check log batches under contention", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct CheckLogLockOrderTests {
    let cli = CLI.stack
    let database = Database.stack

    @Test("batches counting the same licenses in opposite orders, written at once from four threads, never deadlock")
    func noDeadlock() async throws {
        let product = try await cli.createProduct()
        var created: [License] = []
        for _ in 0..<4 { created.append(try await cli.createLicense(for: product)) }
        let licenses = created
        let marker = "e2e-lock-order-" + UUID().uuidString
        let threads = 4
        let rounds = 60
        let failures = Mutex<[String]>([])
        // The plan a small shop's database gets (`licenses` read sequentially, so in the order its row versions
        // lie, which every update changes): the test database holds too many licenses to choose it by itself.
        let url =
            Stack.databaseURL + (Stack.databaseURL.contains("?") ? "&" : "?")
            + "options=-c%20enable_indexscan%3Doff%20-c%20enable_bitmapscan%3Doff"
        await onOwnThreads(threads) { thread in
            let connection = Domain.Database(url: url, logger: Logger(label: "e2e"))
            for round in 0..<rounds {
                let order = (thread + round) % 2 == 0 ? licenses : licenses.reversed()
                let entries = order.flatMap { license in
                    (0..<2).map { _ in CheckLogEntry.check(license: license, product: product, info: marker) }
                }
                do {
                    try CheckLogBatcher.insert(entries, on: connection)
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 } == [])
        var counted = 0
        for license in licenses { counted += try await database.counters(of: license).totalRequests }
        #expect(counted == threads * rounds * licenses.count * 2)
    }
}

/// Runs `body(index)` on `count` threads of their own, at once, and returns when all are done: database calls
/// block, and the cooperative pool has only as many threads as the machine has cores.
private func onOwnThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread {
                body(index)
                group.leave()
            }.start()
        }
        group.notify(queue: .global()) { continuation.resume() }
    }
}
