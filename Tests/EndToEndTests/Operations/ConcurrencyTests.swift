import Testing

@Suite("Concurrent checks", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct ConcurrencyTests {
    @Test("authorises 50 parallel checks of one key and counts each of them exactly once")
    func parallelChecks() async throws {
        let (product, license) = try await CLI.stack.licensedProduct()
        let decisions = try await withThrowingTaskGroup(of: Decision?.self) { group in
            for _ in 1...50 {
                group.addTask { try await HTTPSClient.main.check(product, key: license.licenseKey).decision }
            }
            var decisions: [Decision?] = []
            for try await decision in group {
                decisions.append(decision)
            }
            return decisions
        }
        #expect(decisions.count == 50)
        let answers = Set(decisions.map { $0?.description ?? "no FaxStore answer" })
        #expect(decisions.allSatisfy { $0 == .authorised() }, "answers: \(answers)")
        #expect(try await Database.stack.counters(of: license).totalRequests == 50)
        #expect(try await Database.stack.checks(of: license).count == 50)
    }
}
