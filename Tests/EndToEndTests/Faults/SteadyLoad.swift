import Foundation

/// A bounded steady load: `clients` concurrent loops, each sending one request after the other (FaxStore checks and
/// FluentCart `check_license` in turn) until `stop()`, recording every answer with its timing and verdict. A
/// failed request is recorded, never thrown, so that a fault shows up as a count the test can bound.
struct SteadyLoad: Sendable {
    private let recorder = LoadRecorder()
    private let task: Task<Void, Never>

    init(clients: Int, targets: LoadTargets, client: HTTPSClient = .main) {
        let recorder = recorder
        task = Task {
            await withTaskGroup(of: Void.self) { group in
                for lane in 0..<clients {
                    group.addTask {
                        var turn = lane
                        while await !recorder.isStopped {
                            let api: LoadAPI = turn % 2 == 0 ? .faxStore : .fluentCart
                            await recorder.record(await Self.send(api, targets, client))
                            turn += 1
                        }
                    }
                }
            }
        }
    }

    /// Lets every loop finish its request in flight, then returns all outcomes, oldest first.
    func stop() async -> [LoadOutcome] {
        await recorder.stop()
        await task.value
        return await recorder.outcomes.sorted { $0.started < $1.started }
    }

    /// One request and its verdict.
    static func send(_ api: LoadAPI, _ targets: LoadTargets, _ client: HTTPSClient) async -> LoadOutcome {
        let started = ContinuousClock.now
        let verdict: LoadVerdict
        do {
            switch api {
            case .faxStore:
                let response = try await client.check(
                    targets.faxStoreProduct,
                    key: targets.faxStoreLicense.licenseKey
                )
                verdict = FaultAnswer.faxStoreVerdict(response, expected: .authorised(base: client.baseURL))
            case .fluentCart:
                let response = try await client.fluentCart(
                    "check_license",
                    [
                        "license_key": targets.fluentCartLicense.licenseKey,
                        "item_id": "\(targets.fluentCartProduct.id)", "site_url": targets.site,
                    ]
                )
                verdict = FaultAnswer.fluentCartVerdict(response)
            }
        } catch {
            verdict = .lost("\(error)")
        }
        return LoadOutcome(api: api, started: started, finished: .now, verdict: verdict)
    }
}

/// Collects the outcomes of a `SteadyLoad`'s loops.
private actor LoadRecorder {
    private(set) var outcomes: [LoadOutcome] = []
    private(set) var isStopped = false

    func record(_ outcome: LoadOutcome) { outcomes.append(outcome) }

    func stop() { isStopped = true }
}
