import Foundation

/// What a cluster test's steady load sends, mixed as a seller's traffic is: checks on both APIs, activations of new
/// sites, activate/deactivate cycles and admin reads, through the front unless a lane names a node.
struct ClusterLoad: Sendable {
    enum Kind: String, Sendable {
        case faxStoreCheck, fluentCartCheck, activation, deactivation, adminRead

        var writes: Bool { self == .activation || self == .deactivation }
    }

    enum Verdict: Sendable, Equatable {
        /// The answer of a healthy server.
        case correct
        /// 503 with a JSON body: a node's "temporarily unavailable" or the front's own answer.
        case unavailable
        /// Anything else: a wrong decision, a 500, HTML, a reset.
        case wrong(String)
    }

    struct Outcome: Sendable, CustomStringConvertible {
        var kind: Kind
        var started: ContinuousClock.Instant
        var finished: ContinuousClock.Instant
        var verdict: Verdict
        /// For an activation of a new site answered `valid`: the site, which must exist afterwards.
        var acknowledgedSite: String?

        var description: String { "\(kind.rawValue) \(verdict) in \(finished - started)" }
    }

    struct Targets: Sendable {
        var faxStoreProduct: Product
        var faxStoreLicense: License
        var fluentCartProduct: Product
        /// Active on `site`; checked by key and site.
        var checkedLicense: License
        var site: String
        /// No activation limit: every lane's new sites go here.
        var unlimitedLicense: License
        /// One per cycle lane, limit 1, cycled on one site each.
        var cycledLicenses: [License]
        var manager: User

        static func make(cycleLanes: Int) async throws -> Targets {
            let cli = CLI.stack
            let (faxStoreProduct, faxStoreLicense) = try await cli.licensedProduct()
            let (fluentCartProduct, checkedLicense) = try await cli.fluentCartLicense(limit: 3)
            let unlimited = try await cli.createLicense(for: fluentCartProduct, ["--limit", "0"])
            var cycled: [License] = []
            for _ in 0..<cycleLanes {
                cycled.append(try await cli.createLicense(for: fluentCartProduct, ["--limit", "1"]))
            }
            let site = uniqueSite()
            let activation = try await ClusterStack.front.fluentCart(
                "activate_license",
                ["license_key": checkedLicense.licenseKey, "item_id": "\(fluentCartProduct.id)", "site_url": site]
            )
            guard activation.string("status") == "valid" else {
                throw SubprocessError(description: "activation for the load failed: \(activation)")
            }
            return Targets(
                faxStoreProduct: faxStoreProduct,
                faxStoreLicense: faxStoreLicense,
                fluentCartProduct: fluentCartProduct,
                checkedLicense: checkedLicense,
                site: site,
                unlimitedLicense: unlimited,
                cycledLicenses: cycled,
                manager: try await RoleUsers.shared.user("manager")
            )
        }
    }

    private let recorder = Recorder()
    private let task: Task<Void, Never>
    let targets: Targets

    /// `checkLanes` loops alternate FaxStore and FluentCart checks; `activationLanes` activate a new site each turn
    /// (alternating the two nodes directly, so both nodes write); one lane per cycled license activates and
    /// deactivates its site; one lane reads a license as a manager.
    /// With `activationsThroughFront`, the activation lanes go through the front too (when a node will be lost).
    init(targets: Targets, checkLanes: Int = 4, activationLanes: Int = 2, activationsThroughFront: Bool = false) {
        self.targets = targets
        let recorder = recorder
        task = Task {
            await withTaskGroup(of: Void.self) { group in
                for lane in 0..<checkLanes {
                    group.addTask {
                        var turn = lane
                        while await !recorder.isStopped {
                            await recorder.record(await Self.check(faxStore: turn % 2 == 0, targets))
                            turn += 1
                        }
                    }
                }
                for lane in 0..<activationLanes {
                    group.addTask {
                        var turn = lane
                        while await !recorder.isStopped {
                            let client = activationsThroughFront ? ClusterStack.front : ClusterStack.node(1 + turn % 2)
                            await recorder.record(await Self.activateNewSite(targets, client: client))
                            turn += 1
                        }
                    }
                }
                for license in targets.cycledLicenses {
                    group.addTask {
                        let site = uniqueSite()
                        var previous = Verdict.correct
                        while await !recorder.isStopped {
                            let activation = await Self.cycle(license, site: site, activate: true, targets, previous)
                            await recorder.record(activation)
                            let deactivation = await Self.cycle(
                                license,
                                site: site,
                                activate: false,
                                targets,
                                activation.verdict
                            )
                            await recorder.record(deactivation)
                            previous = deactivation.verdict
                        }
                    }
                }
                group.addTask {
                    while await !recorder.isStopped {
                        await recorder.record(await Self.adminRead(targets))
                    }
                }
            }
        }
    }

    /// Lets every lane finish its request in flight, then returns all outcomes, oldest first.
    func stop() async -> [Outcome] {
        await recorder.stop()
        await task.value
        return await recorder.outcomes.sorted { $0.started < $1.started }
    }

    private static func check(faxStore: Bool, _ targets: Targets) async -> Outcome {
        await measure(faxStore ? .faxStoreCheck : .fluentCartCheck) {
            if faxStore {
                let response = try await ClusterStack.front.check(
                    targets.faxStoreProduct,
                    key: targets.faxStoreLicense.licenseKey
                )
                return (verdict(response) { $0.status == 200 && $0.string("status") == "AUTHORISED" }, nil)
            }
            let response = try await ClusterStack.front.fluentCart(
                "check_license",
                [
                    "license_key": targets.checkedLicense.licenseKey, "item_id": "\(targets.fluentCartProduct.id)",
                    "site_url": targets.site,
                ]
            )
            return (verdict(response) { $0.status == 200 && $0.string("status") == "valid" }, nil)
        }
    }

    private static func activateNewSite(_ targets: Targets, client: HTTPSClient) async -> Outcome {
        await measure(.activation) {
            let site = uniqueSite()
            let response = try await client.fluentCart(
                "activate_license",
                [
                    "license_key": targets.unlimitedLicense.licenseKey, "item_id": "\(targets.fluentCartProduct.id)",
                    "site_url": site,
                ]
            )
            let result = verdict(response) { $0.status == 200 && $0.string("status") == "valid" }
            return (result, result == .correct ? site : nil)
        }
    }

    /// An activation or deactivation of a cycled site. After an unavailable answer the outcome of that request is
    /// unknown, so the next step may legitimately find the site already active, or already gone.
    private static func cycle(
        _ license: License,
        site: String,
        activate: Bool,
        _ targets: Targets,
        _ previous: Verdict
    ) async -> Outcome {
        await measure(activate ? .activation : .deactivation) {
            let response = try await ClusterStack.front.fluentCart(
                activate ? "activate_license" : "deactivate_license",
                ["license_key": license.licenseKey, "item_id": "\(targets.fluentCartProduct.id)", "site_url": site]
            )
            let result = verdict(response) { answer in
                if activate { return answer.status == 200 && answer.string("status") == "valid" }
                // After an unavailable first activation the site may never have been written.
                return (answer.status == 200 && answer.json?["success"] as? Bool == true)
                    || (previous != .correct && answer.status == 422 && answer.string("error_type") == "site_not_found")
            }
            // Its deactivation removes the site again, so it is not one that must exist afterwards.
            return (result, nil)
        }
    }

    private static func adminRead(_ targets: Targets) async -> Outcome {
        await measure(.adminRead) {
            let response = try await ClusterStack.front.rest(
                "GET",
                "licensing/licenses/\(targets.checkedLicense.id)",
                as: targets.manager
            )
            return (verdict(response) { $0.status == 200 }, nil)
        }
    }

    /// `isCorrect` judges a 2xx; a 503 must be JSON (a node's, in its API's shape, or the front's own).
    static func verdict(_ response: HTTPResponse, isCorrect: (HTTPResponse) -> Bool) -> Verdict {
        if isCorrect(response) { return .correct }
        let isJSON = response.header("Content-Type")?.lowercased().hasPrefix("application/json") == true
        if response.status == 503, isJSON, response.json != nil { return .unavailable }
        return .wrong(String(describing: response).prefix(300).description)
    }

    private static func measure(
        _ kind: Kind,
        _ body: () async throws -> (Verdict, String?)
    ) async -> Outcome {
        let started = ContinuousClock.now
        do {
            let (verdict, site) = try await body()
            return Outcome(kind: kind, started: started, finished: .now, verdict: verdict, acknowledgedSite: site)
        } catch {
            return Outcome(kind: kind, started: started, finished: .now, verdict: .wrong("\(error)"))
        }
    }
}

/// Collects the outcomes of a `ClusterLoad`'s lanes.
private actor Recorder {
    private(set) var outcomes: [ClusterLoad.Outcome] = []
    private(set) var isStopped = false

    func record(_ outcome: ClusterLoad.Outcome) { outcomes.append(outcome) }

    func stop() { isStopped = true }
}
